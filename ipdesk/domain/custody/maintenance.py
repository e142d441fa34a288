"""Maintenance custody (专利权益托管): agreements that keep a right's annual fees paid, and the custodian's worklist.

An agreement names the custodian (a party), the rights in custody, its term, who pays the fees (the custodian
from the fee budget, the owner, or the pledgee) and a fee budget. A right is in at most one active agreement.
The worklist lists, for every right in an active agreement, the next unpaid fee when it falls due within the
next N days or is already overdue (late, or lapsed but still restorable): a right in custody never passes its
due date silently. Bands and amounts come from the fee engine (:mod:`ipdesk.domain.fees`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from ipdesk.domain.fees.schedule import Calendar, PatentFees, YearStatus, next_fee
from ipdesk.domain.fees.tables import DEFAULT_RULES, FeeRules
from ipdesk.domain.registry.terms import add_months
from ipdesk.domain.shared.fields import clean, parse_choice, parse_date, parse_money, required
from ipdesk.domain.shared.messages import register, register_labels
from ipdesk.domain.shared.problems import Problem


class Payer(enum.StrEnum):
    CUSTODIAN = "custodian"  # the custodian pays from the agreement's fee budget
    OWNER = "owner"
    PLEDGEE = "pledgee"


PAYER_LABELS: dict[Payer, tuple[str, str]] = {
    Payer.CUSTODIAN: ("托管机构（费用预算）", "Custodian (fee budget)"),
    Payer.OWNER: ("权利人", "Owner"),
    Payer.PLEDGEE: ("质权人", "Pledgee"),
}
FIELDS = {
    "custodian": ("托管机构", "Custodian"),
    "starts_on": ("托管起始日", "Custody from"),
    "ends_on": ("托管终止日", "Custody until"),
    "payer": ("缴费方", "Who pays"),
    "fee_budget": ("年费预算", "Fee budget"),
    "reference": ("协议编号", "Agreement no."),
}
register_labels(FIELDS)
register({
    "custody.term_order": ("托管终止日 {ends} 早于起始日 {starts}",
                           "the custody ends {ends} before it starts {starts}"),
    "custody.budget_negative": ("年费预算不能为负数：{value}", "the fee budget cannot be negative: {value}"),
    "custody.right_in_custody": ("{number} 已在托管中（协议 {agreement}），同一权利不能托管两次",
                                 "{number} is already in custody (agreement {agreement}): a right is in custody once"),
    "custody.listed_twice": ("{number} 在本次托管中重复列出", "{number} is listed twice in this custody"),
    "custody.not_a_patent": ("{number} 不是专利，没有年费可托管",
                             "{number} is not a patent: it has no fees to keep paid"),
    "custody.no_rights": ("托管至少需要一项权利", "a custody agreement needs at least one right"),
    "custody.unknown_agreement": ("未找到托管协议：{key}", "custody agreement not found: {key}"),
    "custody.not_in_custody": ("{number} 不在有效的托管中", "{number} is not in an active custody"),
    "custody.days": ("天数应为 1–366：{value}", "days must be 1-366: {value}"),
})
_PAYERS = {**{p.value: p.value for p in Payer}, **{zh: p.value for p, (zh, _en) in PAYER_LABELS.items()},
           **{en.casefold(): p.value for p, (_zh, en) in PAYER_LABELS.items()}, "托管机构": "custodian"}
WORKLIST_DAYS = 60  # the default look-ahead of the worklist
_MARGIN = timedelta(days=12)  # a due date moves past the anniversary by at most a holiday week and a weekend


@dataclass(frozen=True)
class AgreementInput:
    """A validated agreement (the rights are checked by the service against the register)."""

    custodian_id: int
    starts_on: date
    ends_on: date | None
    payer: Payer
    fee_budget: Decimal | None
    reference: str
    notes: str


def check_agreement(data: dict[str, Any]) -> tuple[AgreementInput | None, list[Problem]]:
    """Parse an agreement: custodian party id, term, who pays, fee budget (no negative or over-precise amount)."""
    problems: list[Problem] = []
    custodian = data.get("custodian_id")
    if custodian in (None, ""):
        problems.append(required("custodian", FIELDS["custodian"][0]))
    starts, p = parse_date(data.get("starts_on"), "starts_on", FIELDS["starts_on"][0])
    problems += p
    if starts is None and not p:
        problems.append(required("starts_on", FIELDS["starts_on"][0]))
    ends, p = parse_date(data.get("ends_on"), "ends_on", FIELDS["ends_on"][0])
    problems += p
    if starts and ends and ends < starts:
        problems.append(Problem("custody.term_order", "ends_on", {"starts": starts, "ends": ends}))
    payer_value, p = parse_choice(data.get("payer") or "custodian", _PAYERS, "payer", FIELDS["payer"][0])
    problems += p
    budget, p = parse_money(data.get("fee_budget"), "fee_budget", FIELDS["fee_budget"][0])
    problems += p
    if budget is not None and budget < 0:
        problems.append(Problem("custody.budget_negative", "fee_budget", {"value": clean(data.get("fee_budget"))}))
    reference, notes = clean(data.get("reference"))[:60], clean(data.get("notes"))
    if problems or starts is None or payer_value is None:
        return None, problems
    return AgreementInput(int(custodian), starts, ends, Payer(payer_value), budget, reference, notes), []  # type: ignore[arg-type]


def active_on(starts: date, ends: date | None, day: date) -> bool:
    return starts <= day and (ends is None or day <= ends)


def due_window(today: date, days: int, rules: FeeRules = DEFAULT_RULES) -> tuple[date, date]:
    """The range of anniversaries (``rights.fees_next_due``) that can give a worklist entry: from the oldest
    still restorable to ``days`` ahead, widened by the largest move to a working day."""
    oldest = add_months(today, -(rules.late_months + rules.restoration_months)) - _MARGIN
    return oldest, today + timedelta(days=days)


@dataclass(frozen=True)
class WorkItem:
    """One fee the custodian has to pay: the right, its next unpaid year, due date, band and amount today."""

    right_id: int
    number: str
    title: str
    agreement_id: int
    custodian: str
    payer: Payer
    year: int
    due_date: date
    fee: Decimal
    payable: Decimal
    surcharge_rate: Decimal
    surcharge: Decimal
    restoration_fee: Decimal
    amount_due: Decimal
    status: YearStatus
    late_until: date


def work_item(fees: PatentFees, today: date, days: int, calendar: Calendar | None, rules: FeeRules,
              **who: Any) -> WorkItem | None:
    """The worklist entry of one right in custody, or ``None`` when nothing is due within ``days``."""
    line = next_fee(fees, today, calendar, rules)
    if line is None or line.due_date > today + timedelta(days=days):
        return None
    if line.status is YearStatus.LAPSED and line.amount_due == 0:
        return None  # past restoration: nothing can be paid any more
    return WorkItem(year=line.year, due_date=line.due_date, fee=line.fee, payable=line.payable,
                    surcharge_rate=line.surcharge_rate, surcharge=line.surcharge, restoration_fee=line.restoration_fee,
                    amount_due=line.amount_due, status=line.status,
                    late_until=line.late_until, **who)


def parse_days(value: Any) -> int:
    from ipdesk.domain.shared.problems import ValidationError

    text = clean(value) or str(WORKLIST_DAYS)
    if not text.isdigit() or not 1 <= int(text) <= 366:
        raise ValidationError(Problem("custody.days", "days", {"value": text}))
    return int(text)
