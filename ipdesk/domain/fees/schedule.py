"""The annual-fee schedule of one patent on a given day: every patent year's fee, band, amount due and status.

Rules (DOMAIN.md §5.4): the patent year runs from the filing date; the fee for year N is due on the
(N−1)-th anniversary of the filing date, moved to the next working day of the office calendar. The late
period counts calendar months from that due date, clamped at month end (one month after 03-31 is 04-30):
0 % up to and including one month, then 5/10/15/20/25 % of the **full** fee for each further month; past six
months the year is lapsed and the patent terminated retroactively from the due date. A lapsed patent can be
restored within the restoration window by paying the fee with a 25 % surcharge and the restoration fee.
Payments add up per year; a year is settled on the first payment date at which the total covers what was
required on that date, so an underpayment is topped up at the band of the top-up date.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol

from ipdesk.domain.fees.tables import DEFAULT_RULES, FeeRules
from ipdesk.domain.registry.rights import RightKind
from ipdesk.domain.registry.terms import add_months, add_years, patent_term_years, patent_year_of

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


class Calendar(Protocol):
    """What the engine needs of the office calendar (:class:`ipdesk.domain.office.workdays.WorkCalendar`)."""

    def next_workday(self, day: date) -> date: ...


class WeekendsOnly:
    """A calendar without public holidays (tests, and callers that have no office calendar)."""

    def next_workday(self, day: date) -> date:
        while day.weekday() >= 5:
            day += timedelta(days=1)
        return day


class YearStatus(enum.StrEnum):
    PAID = "paid"
    DUE = "due"  # the next fee to pay, on or before its due date
    LATE = "late"  # after the due date, in the late period (0 % for the first month, then 5..25 %)
    LAPSED = "lapsed"  # past the late period (or after a lapsed year)
    FUTURE = "future"  # a later year, not payable yet


class FeeState(enum.StrEnum):
    """What the fees say about the patent's legal status."""

    IN_FORCE = "in_force"
    LATE = "late"  # in the late period of an unpaid fee (LegalStatus.LATE_FEE)
    TERMINATED = "terminated"  # lapsed: terminated retroactively from the due date


@dataclass(frozen=True)
class FeePayment:
    """A payment recorded against one patent year."""

    year: int
    amount: Decimal
    paid_on: date


@dataclass(frozen=True)
class PatentFees:
    """What the engine needs to know about a patent.

    Attributes:
        fee_reduction: 85 (single qualifying owner), 70 (qualifying co-owners) or ``None``.
        paid_through: the last patent year paid before the recorded payments (imported history); ``None``
            when nothing was paid yet (a pending application).
        open_licence: periods (first day, last day or ``None``) of an open licence (开放许可).
    """

    kind: RightKind
    filing_date: date
    grant_date: date | None = None
    fee_reduction: int | None = None
    paid_through: int | None = None
    payments: tuple[FeePayment, ...] = ()
    open_licence: tuple[tuple[date, date | None], ...] = ()


@dataclass(frozen=True)
class Reduction:
    percent: int
    from_year: int
    to_year: int


@dataclass(frozen=True)
class YearFee:
    """One patent year in the schedule (money exact to the fen)."""

    year: int
    due_date: date
    fee: Decimal  # the full fee
    payable: Decimal  # after the reduction that applies
    reduction_percent: Decimal
    paid: Decimal
    surcharge_rate: Decimal  # percent, 0..25 (the restoration rate for a lapsed year)
    surcharge: Decimal
    amount_due: Decimal  # what must be paid if paid on the as-of day
    status: YearStatus
    late_until: date  # the last day of the late period
    restorable_until: date  # the last day a lapsed year can be restored
    paid_on: date | None = None
    restoration_fee: Decimal = ZERO


@dataclass(frozen=True)
class Schedule:
    as_of: date
    kind: RightKind
    years: tuple[YearFee, ...]
    reduction: Reduction | None
    terminated_on: date | None
    state: FeeState

    def year(self, n: int) -> YearFee | None:
        return next((y for y in self.years if y.year == n), None)

    @property
    def first_unpaid(self) -> YearFee | None:
        return next((y for y in self.years if y.status is not YearStatus.PAID), None)

    @property
    def paid_through(self) -> int:
        """The last year of the unbroken run of settled years from year 1 (0 when none)."""
        last = 0
        for y in self.years:
            if y.status is not YearStatus.PAID:
                break
            last = y.year
        return last


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def percent_of(amount: Decimal, percent: Decimal | int) -> Decimal:
    return money(amount * Decimal(percent) / 100)


def anniversary(filing: date, year: int) -> date:
    """The day patent year ``year`` begins (the filing date for year 1)."""
    return add_years(filing, year - 1)


def due_date(filing: date, year: int, calendar: Calendar) -> date:
    return calendar.next_workday(anniversary(filing, year))


def reduction_window(p: PatentFees, rules: FeeRules = DEFAULT_RULES) -> Reduction | None:
    """The 费减 window: ``fee_count`` fees counted from the grant year (``None`` without one)."""
    if p.fee_reduction is None or p.grant_date is None:
        return None
    first = max(1, patent_year_of(p.filing_date, p.grant_date))
    return Reduction(p.fee_reduction, first, first + rules.reduction_fee_count - 1)


def _reduction_percent(p: PatentFees, year: int, due: date, window: Reduction | None, rules: FeeRules) -> Decimal:
    """The better of 费减 and the open-licence reduction (they do not stack)."""
    best = Decimal(0)
    if window and window.from_year <= year <= window.to_year and due >= rules.reduction_from:
        best = Decimal(window.percent)
    if due >= rules.open_licence_from and any(s <= due and (e is None or due <= e) for s, e in p.open_licence):
        best = max(best, rules.open_licence_percent)
    return best


def band_percent(due: date, day: date, rules: FeeRules = DEFAULT_RULES) -> Decimal | None:
    """The surcharge percent of a fee due on ``due`` paid on ``day``; ``None`` past the late period."""
    if day <= due:
        return Decimal(0)
    for band in rules.late_bands:
        if day <= add_months(due, band.months):
            return band.percent
    return None


def _required(fee: Decimal, payable: Decimal, due: date, day: date,
              rules: FeeRules) -> tuple[Decimal, Decimal, Decimal]:
    """(surcharge rate, surcharge, restoration fee) for paying on ``day``; restoration past the late period."""
    rate = band_percent(due, day, rules)
    if rate is None:
        return rules.restoration_percent, percent_of(fee, rules.restoration_percent), money(rules.restoration_fee)
    return rate, percent_of(fee, rate), ZERO


def next_fee(p: PatentFees, as_of: date, calendar: Calendar | None = None,
             rules: FeeRules = DEFAULT_RULES) -> YearFee | None:
    """The first unpaid year alone (``schedule(...).first_unpaid``, without computing the paid years before it
    or the years after it: the custodian's worklist asks this of thousands of rights)."""
    return schedule(p, as_of, calendar, rules, _first_only=True).first_unpaid


def schedule(p: PatentFees, as_of: date, calendar: Calendar | None = None,
             rules: FeeRules = DEFAULT_RULES, *, _first_only: bool = False) -> Schedule:
    """Every patent year of the term as of ``as_of`` (payments dated after ``as_of`` are ignored)."""
    if not p.kind.is_patent:
        raise ValueError(f"annual fees are for patents only: {p.kind}")
    cal = calendar or WeekendsOnly()
    window = reduction_window(p, rules)
    payments = [x for x in p.payments if x.paid_on <= as_of]
    paid_through = p.paid_through or 0
    lines: list[YearFee] = []
    terminated_on: date | None = None
    first_open = True  # the next fee to pay is "due" even before its due date
    state = FeeState.IN_FORCE
    granted = p.grant_date is not None or p.paid_through is not None  # imported history may lack the date
    first_year = paid_through + 1 if _first_only else 1
    for year in range(first_year, patent_term_years(p.kind, p.filing_date) + 1):
        if _first_only and lines and lines[-1].status is not YearStatus.PAID:
            break
        due = due_date(p.filing_date, year, cal)
        fee = rules.full_fee(p.kind, year, due) or ZERO
        pct = _reduction_percent(p, year, due, window, rules)
        payable = money(fee - percent_of(fee, pct))
        start = anniversary(p.filing_date, year) if rules.late_from_anniversary else due  # bands count from
        late_until = add_months(start, rules.late_months)
        restorable_until = add_months(start, rules.late_months + rules.restoration_months)
        mine = sorted((x for x in payments if x.year == year), key=lambda x: x.paid_on)
        paid = money(sum((x.amount for x in mine), ZERO))
        common = dict(year=year, due_date=due, fee=money(fee), payable=payable, reduction_percent=pct,
                      late_until=late_until, restorable_until=restorable_until)
        if year <= paid_through:
            lines.append(YearFee(**common, paid=paid if mine else payable, surcharge_rate=Decimal(0),  # type: ignore[arg-type]
                                 surcharge=ZERO, amount_due=ZERO, status=YearStatus.PAID))
            continue
        settled = _settled_on(mine, fee, payable, start, restorable_until, rules)
        if settled is not None and terminated_on is None:
            rate, surcharge, rfee = _required(fee, payable, start, settled, rules)
            lines.append(YearFee(**common, paid=paid, surcharge_rate=rate, surcharge=surcharge,  # type: ignore[arg-type]
                                 amount_due=ZERO, status=YearStatus.PAID, paid_on=settled, restoration_fee=rfee))
            continue
        if terminated_on is not None:  # after a lapsed year nothing can be paid until it is restored
            lines.append(YearFee(**common, paid=paid, surcharge_rate=Decimal(0), surcharge=ZERO,  # type: ignore[arg-type]
                                 amount_due=ZERO, status=YearStatus.LAPSED))
            continue
        if not granted or (as_of <= due and not first_open):
            lines.append(YearFee(**common, paid=paid, surcharge_rate=Decimal(0), surcharge=ZERO,  # type: ignore[arg-type]
                                 amount_due=ZERO, status=YearStatus.FUTURE))
            first_open = False
            continue
        first_open = False
        rate, surcharge, rfee = _required(fee, payable, start, as_of, rules)
        owed = max(ZERO, payable + surcharge + rfee - paid)
        if as_of > late_until:
            terminated_on = start
            state = FeeState.TERMINATED
            status = YearStatus.LAPSED
            if as_of > restorable_until:
                owed = ZERO
        else:
            status = YearStatus.DUE if as_of <= due else YearStatus.LATE
            if as_of > due and state is FeeState.IN_FORCE:
                state = FeeState.LATE
        lines.append(YearFee(**common, paid=paid, surcharge_rate=rate, surcharge=surcharge,  # type: ignore[arg-type]
                             amount_due=owed, status=status, restoration_fee=rfee))
    return Schedule(as_of, p.kind, tuple(lines), window, terminated_on, state)


def _settled_on(payments: Iterable[FeePayment], fee: Decimal, payable: Decimal, due: date,
                restorable_until: date, rules: FeeRules) -> date | None:
    """The first payment date on which the year's total paid covers what was required that day."""
    total = ZERO
    for x in payments:
        total += x.amount
        if x.paid_on > restorable_until:
            return None
        _, surcharge, rfee = _required(fee, payable, due, x.paid_on, rules)
        if total >= payable + surcharge + rfee:
            return x.paid_on
    return None


def state_of(p: PatentFees, as_of: date, calendar: Calendar | None = None,
             rules: FeeRules = DEFAULT_RULES) -> tuple[FeeState, date | None]:
    """The fee state alone, from ``paid_through`` (a year is recorded as paid once settled): the cheap form of
    ``schedule(...).state`` for lists. Returns (state, terminated on)."""
    cal = calendar or WeekendsOnly()
    granted = p.grant_date is not None or p.paid_through is not None
    year = (p.paid_through or 0) + 1
    if not granted or year > patent_term_years(p.kind, p.filing_date):
        return FeeState.IN_FORCE, None
    return state_on_anniversary(anniversary(p.filing_date, year), as_of, cal, rules)


def state_on_anniversary(next_due: date, as_of: date, calendar: Calendar,
                         rules: FeeRules = DEFAULT_RULES) -> tuple[FeeState, date | None]:
    """The fee state of a patent whose next unpaid fee falls due on the anniversary ``next_due``
    (``rights.fees_next_due``, before the move to a working day)."""
    due = calendar.next_workday(next_due)
    start = next_due if rules.late_from_anniversary else due
    if as_of <= due:
        return FeeState.IN_FORCE, None
    if as_of <= add_months(start, rules.late_months):
        return FeeState.LATE, None
    return FeeState.TERMINATED, start


#: Farther back than any due date that is still in force or late (a late period of 6 months plus rest days).
_BOUNDS_SCAN_DAYS = 800


def state_bounds(as_of: date, calendar: Calendar, rules: FeeRules = DEFAULT_RULES) -> tuple[date, date]:
    """(terminated_through, late_through) on ``as_of``: a patent whose next unpaid fee falls due on the
    anniversary N is terminated when N <= terminated_through, late when terminated_through < N <=
    late_through, else in force — :func:`state_on_anniversary` inverted, so that a list can filter the stored
    anniversaries in SQL and agree with the state it shows. The state only worsens as N moves back (the move
    to a working day and the month arithmetic keep order), so each bound is the first day found walking back."""
    late_through = terminated_through = None
    day = as_of
    for _ in range(_BOUNDS_SCAN_DAYS):
        state, _on = state_on_anniversary(day, as_of, calendar, rules)
        if late_through is None and state is not FeeState.IN_FORCE:
            late_through = day
        if state is FeeState.TERMINATED:
            terminated_through = day
            break
        day -= timedelta(days=1)
    if late_through is None or terminated_through is None:  # no late period longer than two years exists
        raise ValueError("late period too long for state_bounds")
    return terminated_through, late_through
