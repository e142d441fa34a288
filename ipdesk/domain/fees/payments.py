"""Matching a payment to the fee it pays: refused with a coded reason when it matches no fee due."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from ipdesk.domain.fees.schedule import (
    Calendar,
    FeePayment,
    PatentFees,
    YearFee,
    YearStatus,
    money,
    schedule,
)
from ipdesk.domain.fees.tables import DEFAULT_RULES, FeeRules
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem, RuleRefusal, ValidationError

MAX_PAYMENT = Decimal("1000000")  # no annual fee comes near; a typo with extra digits is caught

register({
    "fees.amount_not_positive": ("缴费金额应大于零：{value}", "the amount paid must be more than zero: {value}"),
    "fees.amount_precision": ("缴费金额最多两位小数：{value}", "the amount paid has at most two decimals: {value}"),
    "fees.amount_not_number": ("缴费金额不是数字：{value}", "the amount paid is not a number: {value}"),
    "fees.amount_too_large": ("缴费金额过大：{value}", "the amount paid is too large: {value}"),
    "fees.not_a_patent": ("{number} 不是专利，没有年费", "{number} is not a patent: it has no annual fees"),
    "fees.no_filing_date": ("{number} 没有申请日，无法计算年费",
                            "{number} has no filing date: its fees cannot be computed"),
    "fees.not_granted": ("{number} 尚未授权，还没有年费可缴", "{number} is not granted yet: no annual fee is due"),
    "fees.year_outside_term": ("第 {year} 年不在专利期限内（1–{last}）",
                               "year {year} is outside the patent term (1-{last})"),
    "fees.year_paid": ("第 {year} 年年费已缴清", "the fee for year {year} is already paid"),
    "fees.earlier_unpaid": ("应先缴第 {first} 年年费（第 {year} 年之前尚有未缴年费）",
                            "pay year {first} first (an earlier fee than year {year} is unpaid)"),
    "fees.lapsed": ("第 {year} 年年费已过恢复期限（{until}），专利已于 {terminated} 终止，不能再缴",
                    "year {year} is past the restoration deadline ({until}); the patent terminated on {terminated}:"
                    " the fee can no longer be paid"),
    "fees.overpaid": ("缴费金额 {amount} 超过第 {year} 年应缴金额 {due}",
                      "the amount {amount} is more than the {due} due for year {year}"),
    "fees.payment_in_future": ("缴费日期 {on} 晚于今天 {today}", "the payment date {on} is after today {today}"),
    "fees.payment_before_filing": ("缴费日期 {on} 早于申请日 {filing}",
                                   "the payment date {on} is before the filing date {filing}"),
})


@dataclass(frozen=True)
class Matched:
    """What a payment does: the year it pays, what was due that day and whether it settles the year."""

    year: YearFee
    amount: Decimal
    settles: bool
    paid_through: int  # the last year paid once the payment is recorded


def parse_amount(value: Any, field: str = "amount") -> Decimal:
    """A positive amount with at most two decimals, else :class:`ValidationError`."""
    text = str(value).strip().replace(",", "")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationError(Problem("fees.amount_not_number", field, {"value": text})) from None
    if not amount.is_finite():
        raise ValidationError(Problem("fees.amount_not_number", field, {"value": text}))
    if amount <= 0:
        raise ValidationError(Problem("fees.amount_not_positive", field, {"value": text}))
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationError(Problem("fees.amount_precision", field, {"value": text}))
    if amount >= MAX_PAYMENT:
        raise ValidationError(Problem("fees.amount_too_large", field, {"value": text}))
    return money(amount)


def match_payment(p: PatentFees, number: str, year: int, amount: Decimal, on: date, *,
                  calendar: Calendar | None = None, rules: FeeRules = DEFAULT_RULES) -> Matched:
    """Match a payment of ``amount`` on ``on`` to patent year ``year``; :class:`RuleRefusal` when it pays
    nothing due (already paid, an earlier year unpaid, past the restoration deadline, more than is due)."""
    if on < p.filing_date:
        raise ValidationError(Problem("fees.payment_before_filing", "on", {"on": on, "filing": p.filing_date}))
    s = schedule(p, on, calendar, rules)
    line = s.year(year)
    if line is None:
        raise RuleRefusal(Problem("fees.year_outside_term", "year", {"year": year, "last": len(s.years)}))
    if p.grant_date is None and p.paid_through is None:
        raise RuleRefusal(Problem("fees.not_granted", "number", {"number": number}))
    if line.status is YearStatus.PAID:
        raise RuleRefusal(Problem("fees.year_paid", "year", {"year": year}))
    first = s.first_unpaid
    if first is not None and first.year < year:
        raise RuleRefusal(Problem("fees.earlier_unpaid", "year", {"year": year, "first": first.year}))
    if line.status is YearStatus.LAPSED and line.amount_due == 0:
        raise RuleRefusal(Problem("fees.lapsed", "year", {"year": year, "until": line.restorable_until,
                                                           "terminated": s.terminated_on}))
    if amount > line.amount_due:
        raise RuleRefusal(Problem("fees.overpaid", "amount", {"amount": f"{amount:.2f}", "year": year,
                                                               "due": f"{line.amount_due:.2f}"}))
    after = schedule(replace(p, payments=(*p.payments, FeePayment(year, amount, on))), on, calendar, rules)
    settled = after.year(year)
    return Matched(line, amount, settled is not None and settled.status is YearStatus.PAID, after.paid_through)
