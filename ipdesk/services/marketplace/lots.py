"""Lots: list a right, a package of rights or a licence offer; read them with their rights' legal status and
remaining term on the day; and the deal of a lot, which the disposal case takes from here.

Civil Code 444: a pledged right is listed only by the disposal case of its pledge (``case``: the case number
as text — disposal sits above the marketplace, so no key into its tables), by its pledgee selling it
(Art. 436), or with the pledgee's consent; a lapsed right is not listed at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ipdesk.domain.marketplace.lots import (
    LicenceKind,
    LicenceTerms,
    LotKind,
    LotStatus,
    PledgeOnRight,
    Royalty,
    pledge_problem,
    value_problems,
)
from ipdesk.domain.registry.parties import PartyKind
from ipdesk.domain.registry.rights import STATUS_LABELS, LegalStatus
from ipdesk.domain.shared.changes import Changed
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.fields import clean, parse_flag
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import NotFound, Problem, RuleRefusal
from ipdesk.domain.users.scoping import owner_for_new
from ipdesk.services import audit
from ipdesk.services.marketplace import inputs
from ipdesk.services.marketplace.records import LotRecord, LotRight, deal_record, m, right_rows
from ipdesk.services.office.settings import next_number
from ipdesk.services.registry.status import STORED, StatusSource, resolve
from ipdesk.services.uow import UnitOfWork, changes_so_far, reading, transaction
from ipdesk.services.users.scoping import get_scoped, scoped
from ipdesk.storage.marketplace.tables import DealRow, LotRightRow, LotRow
from ipdesk.storage.registry.mappers import right_from_row
from ipdesk.storage.schema import PartyRow, PledgeRightRow, PledgeRow

LOT = "标的"
LAPSED = frozenset({LegalStatus.TERMINATED, LegalStatus.INVALIDATED, LegalStatus.EXPIRED})
CREDITORS = frozenset({PartyKind.BANK.value, PartyKind.GUARANTEE.value, PartyKind.INSURER.value})


@dataclass(frozen=True)
class LotDeal:
    """The deal of a lot as the disposal case takes it: price, buyer, time, lot (and the deal's own ids)."""

    lot_id: int
    deal_id: int
    deal_no: str
    price: Decimal
    buyer_id: int
    buyer: str
    closed_at: datetime
    status: str  # awaiting_payment / paid


def deal_of_lot_in(uow: UnitOfWork, lot_id: int) -> LotDeal | None:
    """The standing deal of lot ``lot_id`` (none while unsold; a deal the buyer backed out of does not stand),
    read in the caller's unit of work — the disposal case's settlement calls this."""
    row = uow.execute(select(DealRow).where(DealRow.lot_id == lot_id, DealRow.status != "backed_out")
                      .order_by(DealRow.id.desc())).scalars().first()
    if row is None:
        return None
    buyer = uow.get(PartyRow, row.buyer_party_id)
    assert buyer is not None
    return LotDeal(lot_id, row.id, row.deal_no, row.price, row.buyer_party_id, buyer.name, row.closed_at, row.status)


class _MarketBase:
    def __init__(self, engine: Engine, clock: Clock | None = None, *, status: StatusSource = STORED,
                 pledges: Any = None, notices: Any = None):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()
        self.status = status  # the legal status of the lot's rights (the fee engine's, on a workstation)
        self.pledges = pledges  # PledgeService: records the transfer of an ordinary sale lot's rights
        self.notices = notices  # NoticeService: the office key and issue log the confirmations are signed in

    def _lot(self, session: Session, actor: Actor, key: int | str, lock: bool = False) -> LotRow:
        return get_scoped(session, LotRow, _id_of(session, LotRow, LotRow.lot_no, key, LOT), actor, what=LOT,
                          key=key, lock=lock)

    def lot_record(self, session: Session, row: LotRow) -> LotRecord:
        today = self.clock.today()
        rows = right_rows(session, row)
        rights = resolve(self.status, [right_from_row(r) for r in rows], today)
        seller = session.get(PartyRow, row.seller_party_id) if row.seller_party_id else None
        licence = None
        if row.kind == LotKind.LICENCE.value:
            licence = {"kind": row.licence_kind, "royalty": row.royalty, "field_of_use": row.field_of_use,
                       "territory": row.territory, "term_months": row.term_months, "lump_sum": m(row.lump_sum),
                       "running_percent": None if row.running_percent is None else f"{row.running_percent:f}"}
        return LotRecord(
            row.id, row.lot_no, row.kind, row.title, row.status, row.seller_party_id, seller.name if seller else "",
            row.case_ref, row.assessed_value, row.reserve,
            tuple(LotRight(src.id, r.display_number, r.title, r.legal_status, r.expiry_date,
                           (r.expiry_date - today).days if r.expiry_date else None, src.fees_paid_through)
                  for r, src in zip(rights, rows, strict=True)),
            row.owner_party_id, licence)


def _id_of(session: Session, model: Any, number_col: Any, key: int | str, what: str) -> int:
    """A row id from an int, ``#id`` or the record's number."""
    if isinstance(key, int):
        return key
    text = clean(key)
    if text.startswith("#") and text[1:].isdigit():
        return int(text[1:])
    found = session.execute(select(model.id).where(number_col == text)).scalar_one_or_none()
    if found is None:
        raise NotFound(Problem("not_found", params={"what": what, "key": key}))
    return int(found)


class LotCommands(_MarketBase):
    def add_lot(self, actor: Actor, data: dict[str, Any]) -> Changed[LotRecord]:
        """List a lot. Keys: ``rights`` (numbers, list or comma-separated), ``type`` (sale|licence),
        ``assessed_value``, ``reserve``, ``reserve_reason``, ``reference_value``, ``forced_sale_value``,
        ``seller`` (party), ``case`` (disposal case number), ``pledgee_consent``, ``title``, and for a licence
        ``licence_kind``, ``royalty``, ``field_of_use``, ``territory``, ``term_months``, ``lump_sum``,
        ``running_percent``."""
        with transaction(self.engine, self.clock) as session:
            return self.add_lot_in(session, actor, data)

    def add_lot_in(self, uow: UnitOfWork, actor: Actor, data: dict[str, Any]) -> Changed[LotRecord]:
        """:meth:`add_lot` in the caller's unit of work (a disposal case lists its lot in its own transaction)."""
        actor.require(Action.MANAGE_MARKET)
        problems: list[Problem] = []
        kind = inputs.choice(data, "type", tuple(k.value for k in LotKind), problems, default=LotKind.SALE.value)
        assessed = inputs.money(data, "assessed_value", problems)
        reserve = inputs.money(data, "reserve", problems, needed=False)
        reference = inputs.money(data, "reference_value", problems, needed=False)
        forced = inputs.money(data, "forced_sale_value", problems, needed=False)
        seller_id = inputs.party(uow, data, "seller", problems, needed=False)
        consent, found = parse_flag(data.get("pledgee_consent"), "pledgee_consent", "质权人同意")
        problems += found
        rows = inputs.rights(uow, data.get("rights"), problems)
        if not rows and not any(p.field == "rights" for p in problems):
            problems.append(Problem("market.no_rights", "rights"))
        licence = self._licence(data, problems) if kind == LotKind.LICENCE.value else None
        if assessed is not None:
            problems += value_problems(assessed, reserve, clean(data.get("reserve_reason")))
        inputs.check(problems)
        assert assessed is not None and kind is not None
        case_ref = clean(data.get("case")) or None
        self._check_rights(uow, rows, seller_id, case_ref, consent)
        year = self.clock.today().year
        row = LotRow(lot_no=f"LOT{year}{next_number(uow, 'market_lot', year):06d}", kind=kind,
                     title=clean(data.get("title")) or "、".join(r.title for r in rows)[:400],
                     status=LotStatus.LISTED.value, seller_party_id=seller_id, case_ref=case_ref,
                     pledgee_consent=consent, assessed_value=assessed, reference_value=reference,
                     forced_sale_value=forced, reserve=reserve, reserve_reason=clean(data.get("reserve_reason")),
                     owner_party_id=owner_for_new(actor), listed_on=self.clock.today(),
                     rights=[LotRightRow(right_id=r.id, position=i) for i, r in enumerate(rows)])
        if licence is not None:
            row.licence_kind, row.royalty = licence.kind.value, licence.royalty.value
            row.field_of_use, row.territory = licence.field_of_use, licence.territory
            row.term_months = licence.term_months
            row.lump_sum, row.running_percent = licence.lump_sum, licence.running_percent
        uow.add(row)
        uow.flush()
        audit.record(uow, actor, "lot.add", "lot", row.id, f"挂牌标的 {row.lot_no}", None,
                     {"lot_no": row.lot_no, "type": kind, "rights": [r.number for r in rows], "assessed": assessed,
                      "reserve": reserve, "seller": seller_id, "case": case_ref, "pledgee_consent": consent})
        return Changed(self.lot_record(uow, row), changes_so_far(uow))

    @staticmethod
    def _licence(data: dict[str, Any], problems: list[Problem]) -> LicenceTerms | None:
        kind = inputs.choice(data, "licence_kind", tuple(k.value for k in LicenceKind), problems)
        royalty = inputs.choice(data, "royalty", tuple(r.value for r in Royalty), problems)
        lump = inputs.money(data, "lump_sum", problems, needed=False)
        running = inputs.money(data, "running_percent", problems, needed=False)
        term = clean(data.get("term_months"))
        if kind is None or royalty is None:
            return None
        terms = LicenceTerms(LicenceKind(kind), Royalty(royalty), clean(data.get("field_of_use")),
                             clean(data.get("territory")), int(term) if term.isdigit() else None, lump, running)
        problems += terms.problems()
        return terms

    def _check_rights(self, uow: UnitOfWork, rows: list[Any], seller_id: int | None, case_ref: str | None,
                      consent: bool) -> None:
        problems: list[Problem] = []
        seen: set[int] = set()
        for r in rows:
            if r.id in seen:
                problems.append(Problem("market.right_twice", "rights", {"number": r.display_number}))
            seen.add(r.id)
        for right in resolve(self.status, [right_from_row(r) for r in rows], self.clock.today()):
            if right.legal_status in LAPSED:
                label = STATUS_LABELS[right.legal_status]
                problems.append(Problem("market.right_lapsed", "rights", {"number": right.display_number,
                                                                          "status": label[0], "status_en": label[1]}))
        seller = uow.get(PartyRow, seller_id) if seller_id else None
        pledged = uow.execute(
            select(PledgeRightRow.active_right_id, PledgeRow.registration_no, PledgeRow.pledgee_id,
                   PledgeRow.pledgee_name).join(PledgeRow, PledgeRow.id == PledgeRightRow.pledge_id)
            .where(PledgeRightRow.active_right_id.in_([r.id for r in rows]))).all()
        numbers = {r.id: r.display_number for r in rows}
        for right_id, reg_no, pledgee_id, pledgee in pledged:
            found = pledge_problem(PledgeOnRight(numbers[right_id], reg_no or "", pledgee_id, pledgee),
                                   seller_id=seller_id, seller=seller.name if seller else "",
                                   seller_is_creditor=seller is not None and seller.kind in CREDITORS,
                                   case_ref=case_ref, pledgee_consent=consent)
            if found is not None:
                problems.append(found)
        if problems:
            raise RuleRefusal(problems)

    # --- reads ---------------------------------------------------------------------------------------------
    def get_lot(self, actor: Actor, key: int | str) -> LotRecord:
        with reading(self.engine) as session:
            return self.lot_record(session, self._lot(session, actor, key))

    def list_lots(self, actor: Actor, status: str | None = None) -> list[LotRecord]:
        query = scoped(select(LotRow).order_by(LotRow.id.desc()), LotRow.owner_party_id, actor)
        if status:
            query = query.where(LotRow.status == status)
        with reading(self.engine) as session:
            return [self.lot_record(session, row) for row in session.execute(query).scalars()]

    def deal_of_lot(self, lot_id: int) -> LotDeal | None:
        """:func:`deal_of_lot_in` in a read of its own."""
        with reading(self.engine) as session:
            return deal_of_lot_in(session, lot_id)

    def deals(self, actor: Actor, lot_id: int | None = None) -> list[Any]:
        query = scoped(select(DealRow).join(LotRow, LotRow.id == DealRow.lot_id).order_by(DealRow.id.desc()),
                       LotRow.owner_party_id, actor)
        if lot_id is not None:
            query = query.where(DealRow.lot_id == lot_id)
        with reading(self.engine) as session:
            return [deal_record(session, row, self.clock.zone) for row in session.execute(query).scalars()]
