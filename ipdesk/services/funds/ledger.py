"""The compensation fund ledger: funds with their loss-sharing scheme, contributions, compensation paid per
disposal case, recoveries credited back, and the balance on any day.

The balance is the ledger's sum (contributions and recoveries in, compensation out), never stored apart.
A compensation never takes the balance below zero (``funds.over_pool``: nothing written), and a case is
compensated once (one ``compensation`` entry per case reference). Contributions and the funds themselves
are the office's (``Action.MANAGE_FUNDS``); compensation and recoveries are written by a disposal case's
settlement inside its own transaction (``*_in``). Everyone who may read the register may read the ledger.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ipdesk.domain.funds.schemes import parse_scheme
from ipdesk.domain.shared.changes import Changed
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.fields import clean
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.money import ZERO
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import NotFound, Problem, RuleRefusal, ValidationError
from ipdesk.services import audit
from ipdesk.services.uow import UnitOfWork, changes_so_far, reading, transaction
from ipdesk.storage.funds.tables import FundEntryRow, FundRow

ENTITY = "fund"
WHAT = "补偿资金池"
SIGN = {"contribution": 1, "compensation": -1, "recovery": 1}

register({
    "funds.name_required": ("资金池须有名称", "a fund needs a name"),
    "funds.name_taken": ("资金池 {name} 已存在", "a fund named {name} exists"),
    "funds.amount": ("金额应为大于零的整分数：{value}", "the amount must be more than zero, in whole fen: {value}"),
    "funds.ledger_over_pool": ("资金池 {fund} 余额 {balance} 元，不足以支付补偿 {amount} 元",
                               "fund {fund} holds {balance} yuan: not enough to pay {amount} yuan"),
    "funds.compensated": ("处置案件 {case} 已由资金池 {fund} 补偿", "case {case} was compensated by fund {fund}"),
    "funds.recovery_over": ("资金池 {fund} 就案件 {case} 收回 {amount} 元，超过其补偿 {paid} 元减已收回 {back} 元",
                            "fund {fund} would recover {amount} yuan on case {case}: more than the {paid} yuan it "
                            "paid less the {back} yuan recovered"),
})


@dataclass(frozen=True)
class Entry:
    seq: int
    kind: str
    amount: Decimal
    signed: Decimal
    balance: Decimal  # after this entry
    party: str
    case_ref: str
    on: date
    note: str
    actor: str

    def to_json(self) -> dict[str, Any]:
        return {"seq": self.seq, "kind": self.kind, "amount": f"{self.amount:.2f}", "balance": f"{self.balance:.2f}",
                "party": self.party or None, "case": self.case_ref or None, "on": self.on.isoformat(),
                "note": self.note or None, "actor": self.actor}


@dataclass(frozen=True)
class Fund:
    id: int
    name: str
    scheme: str
    opened_on: date
    balance: Decimal
    contributed: Decimal
    compensated: Decimal
    recovered: Decimal
    entries: tuple[Entry, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "scheme": self.scheme, "opened_on": self.opened_on.isoformat(),
                "balance": f"{self.balance:.2f}", "contributed": f"{self.contributed:.2f}",
                "compensated": f"{self.compensated:.2f}", "recovered": f"{self.recovered:.2f}",
                "entries": [e.to_json() for e in self.entries]}


def _check_amount(amount: Decimal) -> None:
    if amount <= 0 or amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(Problem("funds.amount", "amount", {"value": str(amount)}))


def _entries(session: Session, fund_id: int, as_of: date | None = None) -> list[Entry]:
    query = select(FundEntryRow).where(FundEntryRow.fund_id == fund_id).order_by(FundEntryRow.seq)
    if as_of is not None:
        query = query.where(FundEntryRow.on_date <= as_of)
    out, balance = [], ZERO
    for r in session.execute(query).scalars():
        signed = r.amount * SIGN[r.kind]
        balance += signed
        out.append(Entry(r.seq, r.kind, r.amount, signed, balance, r.party, r.case_ref, r.on_date, r.note, r.actor))
    return out


def fund_of(session: Session, row: FundRow, as_of: date | None = None, *, with_entries: bool = True) -> Fund:
    entries = _entries(session, row.id, as_of)
    total = {kind: sum((e.amount for e in entries if e.kind == kind), ZERO) for kind in SIGN}
    return Fund(row.id, row.name, row.scheme, row.opened_on, entries[-1].balance if entries else ZERO,
                total["contribution"], total["compensation"], total["recovery"],
                tuple(entries) if with_entries else ())


def balance_in(session: Session, fund_id: int) -> Decimal:
    """The fund's balance now, inside the caller's unit of work."""
    rows = session.execute(select(FundEntryRow.kind, func.sum(FundEntryRow.amount))
                           .where(FundEntryRow.fund_id == fund_id).group_by(FundEntryRow.kind)).all()
    return sum((Decimal(total) * SIGN[kind] for kind, total in rows), ZERO)


class FundService:
    def __init__(self, engine: Engine, *, clock: Clock | None = None):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()

    # --- queries ---------------------------------------------------------------------------------
    def list(self) -> builtins.list[Fund]:
        with reading(self.engine) as session:
            return [fund_of(session, row, with_entries=False)
                    for row in session.execute(select(FundRow).order_by(FundRow.name)).scalars()]

    def get(self, fund_id: int, as_of: date | None = None) -> Fund:
        with reading(self.engine) as session:
            return fund_of(session, self._row(session, fund_id), as_of)

    def find(self, name: str) -> Fund:
        with reading(self.engine) as session:
            return fund_of(session, self.row_by_name(session, name))

    # --- commands --------------------------------------------------------------------------------
    def create(self, actor: Actor, name: str, scheme: str, *, notes: str = "") -> Changed[Fund]:
        actor.require(Action.MANAGE_FUNDS)
        name = clean(name)
        if not name:
            raise ValidationError(Problem("funds.name_required", "name"))
        parse_scheme(scheme)
        with transaction(self.engine, self.clock) as session:
            if session.execute(select(FundRow.id).where(FundRow.name == name)).first() is not None:
                raise RuleRefusal(Problem("funds.name_taken", "name", {"name": name}))
            row = FundRow(name=name, scheme=clean(scheme), opened_on=self.clock.today(), notes=clean(notes))
            session.add(row)
            session.flush()
            audit.record(session, actor, "fund.create", ENTITY, row.id, f"设立补偿资金池 {name}", None,
                         {"name": name, "scheme": row.scheme})
            return Changed(fund_of(session, row), changes_so_far(session))

    def contribute(self, actor: Actor, fund_id: int, amount: Decimal, *, party: str = "", note: str = "",
                   on: date | None = None) -> Changed[Fund]:
        """Money paid into the pool (provincial, municipal finance …)."""
        actor.require(Action.MANAGE_FUNDS)
        _check_amount(amount)
        with transaction(self.engine, self.clock) as session:
            row = self._row(session, fund_id, lock=True)
            self._entry(session, actor, row, "contribution", amount, on or self.clock.today(), party=party, note=note)
            return Changed(fund_of(session, row), changes_so_far(session))

    def compensate_in(self, uow: UnitOfWork, actor: Actor, fund_id: int, case_ref: str, amount: Decimal,
                      on: date) -> None:
        """Pay a case's compensation out of the pool (a disposal settlement, in its transaction).

        Raises:
            RuleRefusal: more than the balance, or the case already compensated by this fund.
        """
        _check_amount(amount)
        row = self._row(uow, fund_id, lock=True)
        if uow.execute(select(FundEntryRow.id).where(FundEntryRow.fund_id == fund_id,
                                                     FundEntryRow.kind == "compensation",
                                                     FundEntryRow.case_ref == case_ref)).first() is not None:
            raise RuleRefusal(Problem("funds.compensated", "case", {"case": case_ref, "fund": row.name}))
        balance = balance_in(uow, fund_id)
        if amount > balance:
            raise RuleRefusal(Problem("funds.ledger_over_pool", "pool_balance",
                                      {"fund": row.name, "balance": f"{balance:.2f}", "amount": f"{amount:.2f}"}))
        self._entry(uow, actor, row, "compensation", amount, on, case_ref=case_ref)

    def recover_in(self, uow: UnitOfWork, actor: Actor, fund_id: int, case_ref: str, amount: Decimal,
                   on: date) -> None:
        """Credit back what a case recovered after its disposal (never more than the fund paid for it)."""
        _check_amount(amount)
        row = self._row(uow, fund_id, lock=True)
        totals = dict(uow.execute(select(FundEntryRow.kind, func.sum(FundEntryRow.amount))
                                  .where(FundEntryRow.fund_id == fund_id, FundEntryRow.case_ref == case_ref)
                                  .group_by(FundEntryRow.kind)).all())
        paid, back = Decimal(totals.get("compensation") or 0), Decimal(totals.get("recovery") or 0)
        if amount > paid - back:
            raise RuleRefusal(Problem("funds.recovery_over", "amount", {
                "fund": row.name, "case": case_ref, "amount": f"{amount:.2f}", "paid": f"{paid:.2f}",
                "back": f"{back:.2f}"}))
        self._entry(uow, actor, row, "recovery", amount, on, case_ref=case_ref)

    # --- inside the unit of work -----------------------------------------------------------------
    @staticmethod
    def _row(session: Session, fund_id: int, lock: bool = False) -> FundRow:
        row = session.get(FundRow, fund_id, with_for_update=lock or None)
        if row is None:
            raise NotFound(Problem("not_found", params={"what": WHAT, "key": fund_id}))
        return row

    @staticmethod
    def row_by_name(session: Session, name: str) -> FundRow:
        text = clean(name)
        if text.startswith("#") and text[1:].isdigit():
            found = session.get(FundRow, int(text[1:]))
        else:
            found = session.execute(select(FundRow).where(FundRow.name == text)).scalar_one_or_none()
        if found is None:
            raise NotFound(Problem("not_found", params={"what": WHAT, "key": name}))
        return found

    @staticmethod
    def _entry(session: Session, actor: Actor, row: FundRow, kind: str, amount: Decimal, on: date, *,
               party: str = "", note: str = "", case_ref: str = "") -> None:
        seq = (session.execute(select(func.max(FundEntryRow.seq)).where(FundEntryRow.fund_id == row.id))
               .scalar_one() or 0) + 1
        session.add(FundEntryRow(fund_id=row.id, seq=seq, kind=kind, amount=amount, party=clean(party),
                                 case_ref=case_ref, on_date=on, note=clean(note), actor=actor.username))
        row.version += 1
        session.flush()
        labels = {"contribution": "注资", "compensation": "补偿", "recovery": "收回"}
        audit.record(session, actor, f"fund.{kind}", ENTITY, row.id,
                     f"{row.name} {labels[kind]} {amount:.2f}{f'（{case_ref}）' if case_ref else ''}", None,
                     {"kind": kind, "amount": amount, "party": clean(party), "case": case_ref or None,
                      "on": on, "balance": balance_in(session, row.id)})
