"""Transfers and licences of a right, pledged or not (Civil Code 444)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ipdesk.domain.shared.changes import Changed
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import NotFound, Problem, RuleRefusal, ValidationError
from ipdesk.services import audit
from ipdesk.services.pledges.commands import PledgeCommands
from ipdesk.services.uow import UnitOfWork, changes_so_far, note, transaction
from ipdesk.storage.schema import PartyRow, PledgeRightRow, PledgeRow, RightOwnerRow, RightRow, RightTransactionRow


class TransactionCommands(PledgeCommands):
    """Recording a transfer or licence; a pledged right needs the pledgee's consent."""

    def record_transaction(self, actor: Actor, right_number: str, kind: str, counterparty: str, *,
                           pledgee_consent: bool = False, proceeds: Decimal | None = None,
                           proceeds_handling: str = "", on: date | None = None) -> Changed[int]:
        """Record a transfer or licence of a right (Civil Code 444: a pledged right needs the pledgee's
        consent, and the proceeds go to early repayment or escrow). Returns the transaction's id."""
        with transaction(self.engine, self.clock) as session:
            return self.record_transaction_in(session, actor, right_number, kind, counterparty,
                                              pledgee_consent=pledgee_consent, proceeds=proceeds,
                                              proceeds_handling=proceeds_handling, on=on)

    def record_transaction_in(self, uow: UnitOfWork, actor: Actor, right_number: str, kind: str, counterparty: str,
                              *, pledgee_consent: bool = False, proceeds: Decimal | None = None,
                              proceeds_handling: str = "", on: date | None = None) -> Changed[int]:
        """:meth:`record_transaction` inside the caller's unit of work (a marketplace deal records its
        transfer in the deal's own transaction)."""
        from ipdesk.domain.registry.identifiers import parse_right_number

        actor.require(Action.EDIT_RIGHTS)
        on = on or self.clock.today()
        number = parse_right_number(right_number).number
        right = uow.execute(select(RightRow).where(RightRow.number == number)).scalar_one_or_none()
        if right is None:
            raise NotFound(Problem("not_found", params={"what": "权利", "key": right_number}))
        active = uow.execute(
            select(PledgeRow).join(PledgeRightRow, PledgeRightRow.pledge_id == PledgeRow.id)
            .where(PledgeRightRow.active_right_id == right.id)
        ).scalar_one_or_none()
        if active is not None:
            if not pledgee_consent:
                raise RuleRefusal(Problem("pledge.consent_required", "pledgee_consent",
                                          {"number": right.display_number, "pledgee": active.pledgee_name}))
            if proceeds_handling not in ("early_repayment", "escrow"):
                raise ValidationError(Problem("pledge.proceeds_handling", "proceeds_handling"))
        tx = RightTransactionRow(right_id=right.id, pledge_id=active.id if active else None, kind=kind,
                                 counterparty=counterparty, recorded_on=on, pledgee_consent=pledgee_consent,
                                 proceeds=proceeds, proceeds_handling=proceeds_handling, actor=actor.username)
        uow.add(tx)
        uow.flush()
        if active is not None:
            self._event(
                uow,
                active,
                actor,
                f"{kind}_consented",
                on,
                f"{right.display_number} {'转让' if kind == 'transfer' else '许可'}"
                f"（质权人同意，价款{proceeds_handling}）",
                {"counterparty": counterparty, "proceeds": proceeds, "handling": proceeds_handling},
            )
            note(uow, "pledges", active.id)  # its timeline has the consented transaction
        audit.record(
            uow,
            actor,
            f"right.{kind}",
            "right",
            right.id,
            f"{right.display_number} 记录{kind}：{counterparty}",
            None,
            {
                "counterparty": counterparty,
                "pledge": active.registration_no if active else None,
                "consent": pledgee_consent,
                "proceeds": proceeds,
                "handling": proceeds_handling,
            },
        )
        return Changed(tx.id, changes_so_far(uow))

    def record_transfer_in(self, uow: UnitOfWork, actor: Actor, right_id: int, buyer_id: int, *,
                           proceeds: Decimal | None = None, on: date | None = None) -> int:
        """A realised pledge's transfer recordal: the transfer, with the pledgee's consent on record and the
        price going to repay the secured debt, and the register's owner changed to the buyer (sole owner).
        Inside the caller's unit of work (a disposal case's transfer stage). Returns the transaction's id."""
        from ipdesk.services.registry.rights import OWNER_SEPARATOR, snapshot, store_search

        right = uow.get(RightRow, right_id, with_for_update=True)
        buyer = uow.get(PartyRow, buyer_id)
        if right is None or buyer is None:
            raise NotFound(Problem("not_found", params={"what": "权利" if right is None else "当事人",
                                                        "key": right_id if right is None else buyer_id}))
        tx_id = self.record_transaction_in(uow, actor, right.display_number or right.number, "transfer", buyer.name,
                                           pledgee_consent=True, proceeds=proceeds,
                                           proceeds_handling="early_repayment", on=on).value
        before = snapshot(right)
        right.owners.clear()
        uow.flush()
        right.owners.append(RightOwnerRow(party_id=buyer.id, share=Decimal(100), position=0))
        right.owner_names = OWNER_SEPARATOR.join([buyer.name])
        right.version += 1
        uow.flush()
        store_search(uow, right)
        audit.record(uow, actor, "right.owners_transferred", "right", right.id,
                     f"{right.display_number} 权利人变更为 {buyer.name}（质权实现）", before, snapshot(right))
        return tx_id
