"""The settlement waterfall: who is paid what out of the proceeds of a disposal, exact to the fen.

Civil Code 561: unless agreed otherwise, a payment that does not cover the whole debt goes first to the
costs of realising the claim, then to interest, then to principal; penalty interest is interest (Art. 389
lists it in the scope of the guarantee), so it stands with interest, ahead of it by default. The contract
may put the heads in another order (``order``). Art. 438: what is left after the secured debt belongs to
the pledgor; what the proceeds do not cover stays a claim on the **debtor** — on the pledgor only when the
pledgor is the debtor, never on a third party who pledged its IP for someone else's loan.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.money import ZERO
from ipdesk.domain.shared.problems import Problem, ValidationError

register({
    "waterfall.negative": ("{label}不能为负数：{value}", "{label} must not be negative: {value}"),
    "waterfall.fen": ("{label}应精确到分：{value}", "{label} must be in whole fen (two decimals): {value}"),
    "waterfall.order": ("清偿顺序应为 costs、penalty、interest、principal 各一次：{order}",
                        "the payment order must name costs, penalty, interest and principal once each: {order}"),
})


class Head(enum.StrEnum):
    """A line of the secured claim the proceeds pay."""

    COSTS = "costs"  # disposal and enforcement costs (实现债权的费用)
    PENALTY = "penalty"  # penalty interest (罚息)
    INTEREST = "interest"
    PRINCIPAL = "principal"


HEAD_LABELS: dict[Head, tuple[str, str]] = {
    Head.COSTS: ("处置及实现债权费用", "disposal and enforcement costs"),
    Head.PENALTY: ("罚息", "penalty interest"),
    Head.INTEREST: ("利息", "interest"),
    Head.PRINCIPAL: ("本金", "principal"),
}

#: Civil Code 561's order, penalty interest with interest.
CIVIL_CODE_ORDER: tuple[Head, ...] = (Head.COSTS, Head.PENALTY, Head.INTEREST, Head.PRINCIPAL)


@dataclass(frozen=True)
class Claim:
    """What the secured creditor is owed, by head (yuan, whole fen)."""

    principal: Decimal
    interest: Decimal = ZERO
    penalty: Decimal = ZERO
    costs: Decimal = ZERO

    def owed(self, head: Head) -> Decimal:
        return {Head.COSTS: self.costs, Head.PENALTY: self.penalty, Head.INTEREST: self.interest,
                Head.PRINCIPAL: self.principal}[head]

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest + self.penalty + self.costs


@dataclass(frozen=True)
class Shortfall:
    """What the proceeds left unpaid: still a claim on the debtor (Art. 438).

    ``interest`` is the unpaid interest and penalty interest together; ``costs`` the unpaid costs (only when
    the proceeds did not even cover them); ``total`` all three with the principal.
    """

    principal: Decimal
    interest: Decimal
    costs: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest + self.costs


@dataclass(frozen=True)
class Settlement:
    """The waterfall's result: each head paid, the surplus, the shortfall and against whom it stands."""

    proceeds: Decimal
    paid: dict[Head, Decimal]
    surplus_to_pledgor: Decimal
    shortfall: Shortfall
    order: tuple[Head, ...]
    pledgor_is_debtor: bool

    @property
    def claim_on_debtor(self) -> Decimal:
        """The unpaid rest of the secured debt: the debtor still owes it."""
        return self.shortfall.total

    @property
    def claim_on_pledgor(self) -> Decimal:
        """What the pledgor still owes after its IP was realised: the shortfall if it is the debtor itself,
        nothing if it is a third party (its liability ends with the pledged IP)."""
        return self.shortfall.total if self.pledgor_is_debtor else ZERO

    def lines(self) -> list[tuple[Head, Decimal]]:
        """The heads in the order they were paid, each with the amount paid."""
        return [(head, self.paid[head]) for head in self.order]


def check_order(order: Sequence[Head | str]) -> tuple[Head, ...]:
    """A contract's payment order as heads; every head exactly once.

    Raises:
        ValidationError: a head missing, repeated or unknown (``waterfall.order``).
    """
    try:
        heads = tuple(Head(h) for h in order)
    except ValueError:
        heads = ()
    if sorted(heads) != sorted(Head):
        raise ValidationError(Problem("waterfall.order", "order", {"order": ",".join(str(h) for h in order)}))
    return heads


def _check_amount(value: Decimal, field: str, label: str) -> list[Problem]:
    if value < 0:
        return [Problem("waterfall.negative", field, {"label": label, "value": str(value)})]
    if value != value.quantize(Decimal("0.01")):
        return [Problem("waterfall.fen", field, {"label": label, "value": str(value)})]
    return []


def settle(proceeds: Decimal, claim: Claim, *, order: Sequence[Head | str] = CIVIL_CODE_ORDER,
           pledgor_is_debtor: bool = True) -> Settlement:
    """Pay ``claim`` out of ``proceeds`` head by head in ``order``; the rest goes to the pledgor.

    Raises:
        ValidationError: a negative amount or one not in whole fen, or a bad order; nothing computed.
    """
    heads = check_order(order)
    problems = _check_amount(proceeds, "proceeds", "处置所得")
    for head in Head:
        problems += _check_amount(claim.owed(head), head.value, HEAD_LABELS[head][0])
    if problems:
        raise ValidationError(problems)
    left = proceeds
    paid: dict[Head, Decimal] = {}
    for head in heads:
        paid[head] = min(left, claim.owed(head))
        left -= paid[head]
    unpaid = {head: claim.owed(head) - paid[head] for head in Head}
    shortfall = Shortfall(principal=unpaid[Head.PRINCIPAL], interest=unpaid[Head.INTEREST] + unpaid[Head.PENALTY],
                          costs=unpaid[Head.COSTS])
    return Settlement(proceeds=proceeds, paid=paid, surplus_to_pledgor=left, shortfall=shortfall, order=heads,
                      pledgor_is_debtor=pledgor_is_debtor)
