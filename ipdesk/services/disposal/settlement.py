"""Settling a disposal case: the waterfall over the deal's proceeds against the loan's claim on the day,
the loss (the shortfall) shared under the case's scheme, the loan repaid with what the waterfall paid it,
and the settlement stored once — a second settlement of the same case is refused (and the unique row
would refuse it even if two workstations settled at the same moment)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipdesk.domain.disposal.waterfall import Claim, Head, Settlement, settle
from ipdesk.domain.funds.schemes import parse_scheme
from ipdesk.domain.funds.sharing import Loss, Sharing, share_loss
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.money import ZERO, split
from ipdesk.domain.shared.problems import Problem, RuleRefusal, ValidationError
from ipdesk.storage.disposal.tables import DisposalCaseRow, DisposalSettlementRow, DisposalStepRow
from ipdesk.storage.schema import PledgePledgorRow

register({
    "disposal.recovery_over": ("收回 {amount} 元超过尚未收回的损失 {left} 元",
                               "a recovery of {amount} yuan is more than the {left} yuan of loss still borne"),
    "disposal.lines_mismatch": ("清偿分配各项合计 {total} 元，与处置所得 {proceeds} 元不符",
                                "the settlement's lines add up to {total} yuan, not the proceeds of {proceeds} yuan"),
})


def m(value: Decimal) -> str:
    return f"{value:.2f}"


@dataclass(frozen=True)
class Computed:
    """A case's settlement as computed: the waterfall, the loss sharing (or none), the claim it met."""

    claim: Claim
    result: Settlement
    sharing: Sharing | None

    @property
    def paid_to_loan(self) -> Decimal:
        return self.result.paid[Head.PENALTY] + self.result.paid[Head.INTEREST] + self.result.paid[Head.PRINCIPAL]

    def to_json(self, on: date) -> dict[str, Any]:
        r, s = self.result, self.result.shortfall
        return {
            "settled_on": on.isoformat(), "proceeds": m(r.proceeds),
            "claim": {"costs": m(self.claim.costs), "penalty": m(self.claim.penalty),
                      "interest": m(self.claim.interest), "principal": m(self.claim.principal)},
            "waterfall": {"costs": m(r.paid[Head.COSTS]), "penalty": m(r.paid[Head.PENALTY]),
                          "interest": m(r.paid[Head.INTEREST]), "principal": m(r.paid[Head.PRINCIPAL]),
                          "surplus_to_pledgor": m(r.surplus_to_pledgor),
                          "shortfall": {"principal": m(s.principal), "interest": m(s.interest), "total": m(s.total)}},
            "order": [h.value for h in r.order],
            "pledgor_is_debtor": r.pledgor_is_debtor,
            "claim_on_debtor": m(r.claim_on_debtor), "claim_on_pledgor": m(r.claim_on_pledgor),
            "loss_sharing": None if self.sharing is None else {
                "scheme": self.sharing.scheme, "pool_paid": m(self.sharing.pool_paid),
                "shares": {p.party: m(p.total) for p in self.sharing.parties}},
        }


def recovery_split(row: DisposalCaseRow, settled: DisposalSettlementRow, steps: list[DisposalStepRow],
                   amount: Decimal) -> tuple[dict[str, Decimal], Decimal]:
    """How a recovery of ``amount`` is credited back: to each party that bore the loss in proportion to what it
    still bears (its share less what earlier recoveries gave back), and the part of the pool's parties.

    Raises:
        ValidationError: an amount not more than zero or not in whole fen.
        RuleRefusal: more than the loss still borne.
    """
    if amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(Problem("funds.amount", "amount", {"value": str(amount)}))
    lines = json.loads(settled.lines)
    sharing = lines.get("loss_sharing")
    borne = ({p: Decimal(v) for p, v in sharing["shares"].items()} if sharing
             else {"lender": Decimal(lines["waterfall"]["shortfall"]["total"])})
    for step in steps:
        if step.kind == "recovery" and step.facts:
            for party, value in json.loads(step.facts)["shares"].items():
                borne[party] -= Decimal(value)
    left = sum(borne.values(), ZERO)
    if amount > left:
        raise RuleRefusal(Problem("disposal.recovery_over", "amount", {"amount": m(amount), "left": m(left)}))
    parts = dict(zip(borne, split(amount, list(borne.values())), strict=True))
    pooled = {s.party for s in parse_scheme(row.scheme).shares if s.from_pool} if row.scheme else set()
    return parts, sum((v for p, v in parts.items() if p in pooled), ZERO)


def compute(session: Session, row: DisposalCaseRow, state: Any, costs: Decimal, borrower_id: int,
            pool_balance: Decimal | None = None) -> Computed:
    """The settlement of ``row`` against the loan ``state`` (its claim on the settlement day).

    Raises:
        ValidationError: negative or over-precise costs (the waterfall's checks).
        RuleRefusal: lines not adding up to the proceeds; a loss over the pool with nobody bearing the rest.
    """
    proceeds = row.price or ZERO
    claim = Claim(principal=state.outstanding_principal, interest=state.interest_due,
                  penalty=state.penalty_outstanding, costs=costs)
    pledgors = set(session.execute(select(PledgePledgorRow.party_id)
                                   .where(PledgePledgorRow.pledge_id == row.pledge_id)).scalars())
    result = settle(proceeds, claim, pledgor_is_debtor=borrower_id in pledgors)
    total = sum(result.paid.values(), ZERO) + result.surplus_to_pledgor
    if total != proceeds:  # the waterfall guarantees it; a settlement that did not add up must never be stored
        raise RuleRefusal(Problem("disposal.lines_mismatch", "proceeds", {"total": m(total), "proceeds": m(proceeds)}))
    sharing = None
    if row.scheme:
        shortfall = result.shortfall
        sharing = share_loss(parse_scheme(row.scheme), Loss(shortfall.principal, shortfall.interest + shortfall.costs),
                             pool_balance=pool_balance, proceeds=proceeds)
    return Computed(claim, result, sharing)
