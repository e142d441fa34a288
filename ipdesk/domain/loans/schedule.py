"""A loan's repayment schedule: equal instalments (等额本息), equal principal (等额本金), interest only with
the principal at maturity (先息后本), or a custom list of principal repayments.

Regular schedules are monthly from the start date (the day of month kept, clamped to the month's end; the
last instalment falls on the maturity date) at the monthly rate, a twelfth of the annual rate, as Chinese
banks quote it (月利率 = 年利率 / 12). A custom schedule's interest is the outstanding principal times the
annual rate for the actual days of each period over 360 (日利率 = 年利率 / 360). Every instalment is in whole
fen; the last one takes the rounding, so the principal parts add up to the loan exactly.
"""

from __future__ import annotations

import calendar
import enum
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.money import ZERO, fen, split
from ipdesk.domain.shared.problems import Problem, ValidationError

register({
    "loans.maturity_not_later": ("到期日 {maturity} 应晚于起息日 {start}",
                                 "the maturity {maturity} must be after the start {start}"),
    "loans.custom_total": ("自定义还款计划的本金合计 {total} 应等于贷款本金 {principal}",
                           "the custom schedule's principal adds up to {total}, not the loan's {principal}"),
    "loans.custom_dates": ("自定义还款计划的日期应递增、晚于起息日且不晚于到期日，最后一期在到期日",
                           "custom schedule dates must increase, fall after the start and end on the maturity date"),
    "loans.custom_empty": ("自定义还款计划至少需要一期", "a custom schedule needs at least one instalment"),
})


class ScheduleKind(enum.StrEnum):
    EQUAL_INSTALMENTS = "equal_instalments"  # 等额本息
    EQUAL_PRINCIPAL = "equal_principal"  # 等额本金
    INTEREST_ONLY = "interest_only"  # 先息后本: interest monthly, the principal at maturity
    CUSTOM = "custom"


SCHEDULE_LABELS: dict[ScheduleKind, tuple[str, str]] = {
    ScheduleKind.EQUAL_INSTALMENTS: ("等额本息", "equal instalments"),
    ScheduleKind.EQUAL_PRINCIPAL: ("等额本金", "equal principal"),
    ScheduleKind.INTEREST_ONLY: ("先息后本", "interest only, principal at maturity"),
    ScheduleKind.CUSTOM: ("自定义", "custom"),
}


@dataclass(frozen=True)
class Instalment:
    seq: int
    due: date
    principal: Decimal
    interest: Decimal

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months``, the day of month clamped to the target month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def monthly_dates(start: date, maturity: date) -> list[date]:
    """The due dates of a monthly schedule: each month from ``start``, the last on ``maturity``."""
    if maturity <= start:
        raise ValidationError(Problem("loans.maturity_not_later", "maturity",
                                      {"maturity": maturity.isoformat(), "start": start.isoformat()}))
    dates = []
    k = 1
    while (due := add_months(start, k)) < maturity:
        dates.append(due)
        k += 1
    dates.append(maturity)
    return dates


def build(kind: ScheduleKind, principal: Decimal, annual_rate: Decimal, start: date, maturity: date,
          custom: Sequence[tuple[date, Decimal]] = ()) -> list[Instalment]:
    """The schedule of a loan of ``principal`` at ``annual_rate`` per cent a year.

    Raises:
        ValidationError: maturity not after the start; a custom schedule whose dates or total do not fit.
    """
    if kind is ScheduleKind.CUSTOM:
        return _custom(principal, annual_rate, start, maturity, custom)
    dates = monthly_dates(start, maturity)
    n = len(dates)
    r = annual_rate / Decimal(1200)
    if kind is ScheduleKind.INTEREST_ONLY:
        parts = [ZERO] * (n - 1) + [principal]
    elif kind is ScheduleKind.EQUAL_PRINCIPAL or r == 0:
        parts = split(principal, [Decimal(1)] * n)
    else:
        growth = (1 + r) ** n
        payment = fen(principal * r * growth / (growth - 1))
        parts = []
        outstanding = principal
        for _ in range(n - 1):
            part = min(outstanding, payment - fen(outstanding * r))
            parts.append(part)
            outstanding -= part
        parts.append(outstanding)
    out = []
    outstanding = principal
    for seq, (due, part) in enumerate(zip(dates, parts, strict=True), start=1):
        out.append(Instalment(seq, due, part, fen(outstanding * r)))
        outstanding -= part
    return out


def _custom(principal: Decimal, annual_rate: Decimal, start: date, maturity: date,
            rows: Sequence[tuple[date, Decimal]]) -> list[Instalment]:
    if maturity <= start:
        raise ValidationError(Problem("loans.maturity_not_later", "maturity",
                                      {"maturity": maturity.isoformat(), "start": start.isoformat()}))
    if not rows:
        raise ValidationError(Problem("loans.custom_empty", "schedule"))
    dates = [d for d, _ in rows]
    if dates[0] <= start or dates[-1] != maturity or any(b <= a for a, b in zip(dates, dates[1:], strict=False)):
        raise ValidationError(Problem("loans.custom_dates", "schedule"))
    total = sum((p for _, p in rows), ZERO)
    if total != principal:
        raise ValidationError(Problem("loans.custom_total", "schedule",
                                      {"total": str(total), "principal": str(principal)}))
    out = []
    outstanding, previous = principal, start
    for seq, (due, part) in enumerate(rows, start=1):
        out.append(Instalment(seq, due, part, fen(outstanding * annual_rate / 100 * (due - previous).days / 360)))
        outstanding -= part
        previous = due
    return out
