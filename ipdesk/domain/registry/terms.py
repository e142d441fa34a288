"""Statutory terms: when patents and trademarks expire, and the trademark renewal window."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from ipdesk.domain.registry.rights import RightKind

DESIGN_15_YEARS_FROM = date(2021, 6, 1)  # 2020 Patent Law amendment, for designs filed on or after this day
TRADEMARK_TERM_YEARS = 10
_ONE_DAY = timedelta(days=1)


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def add_months(start: date, months: int) -> date:
    """``start`` moved by ``months`` (may be negative); a missing day becomes the month's last day."""
    y, m = divmod(start.year * 12 + start.month - 1 + months, 12)
    day = start.day
    if day > 28:  # only these can be missing; the month's length without calendar.monthrange (the fee engine's
        # hot path: several calls per patent, tens of thousands of patents in the digest and the worklists)
        day = min(day, _MONTH_DAYS[m] + (m == 1 and calendar.isleap(y)))
    return date(y, m + 1, day)


def add_years(start: date, years: int) -> date:
    """The ``years``-th anniversary of ``start``; 29 Feb becomes 28 Feb in a common year."""
    return add_months(start, 12 * years)


def term_end(start: date, years: int) -> date:
    """The last day of a term of ``years`` years beginning on ``start``: the anniversary minus one day.

    The Patent Examination Guidelines' example: filed 1999-09-06, 10 years → in force to 2009-09-05; trademark
    certificates read "2010年6月7日至2020年6月6日". An anniversary that does not exist (29 Feb in a common
    year) falls on the month's last day, 28 Feb (Civil Code Art. 203: "没有对应日的，月末日为期间的最后一日"),
    so the term ends on 27 Feb: one day earlier than counting to 1 March, which errs on the safe side for a
    pledge whose debt must fall due before the right expires.
    """
    return add_years(start, years) - _ONE_DAY


def patent_year_of(filing: date, day: date) -> int:
    """The patent year ``day`` falls in: 1 from the filing date to the day before its first anniversary
    (0 before the filing date)."""
    if day < filing:
        return 0
    years = day.year - filing.year
    if add_years(filing, years) > day:
        years -= 1
    return years + 1


def default_fees_paid_through(status: str, filing: date | None, today: date) -> int | None:
    """The last patent year taken as paid when none is given: the current year for a patent in force, the
    previous one for a patent in the late period (its current fee is the unpaid one); ``None`` otherwise."""
    if filing is None:
        return None
    if status == "in_force":
        return patent_year_of(filing, today)
    if status == "late_fee":
        return max(0, patent_year_of(filing, today) - 1)
    return None


def next_fee_anniversary(kind: RightKind, filing: date | None, paid_through: int | None) -> date | None:
    """The anniversary the next unpaid annual fee falls due on (before the move to a working day); ``None``
    when the fees are not tracked or every year of the term is paid."""
    if filing is None or paid_through is None or not kind.is_patent:
        return None
    if paid_through >= patent_term_years(kind, filing):
        return None
    return add_years(filing, paid_through)


def patent_term_years(kind: RightKind, filing_date: date) -> int:
    """Invention 20, utility model 10, design 15 (filed on/after 2021-06-01) or 10 years."""
    if kind is RightKind.INVENTION:
        return 20
    if kind is RightKind.UTILITY_MODEL:
        return 10
    if kind is RightKind.DESIGN:
        return 15 if filing_date >= DESIGN_15_YEARS_FROM else 10
    raise ValueError(f"not a patent kind: {kind}")


def patent_expiry(kind: RightKind, filing_date: date, extension_days: int = 0) -> date:
    """The last day in force: the term from the filing date, plus a recorded term adjustment in days.

    Only inventions get a term adjustment (PTA); whether one is allowed is checked where it is recorded.
    """
    if extension_days < 0:
        raise ValueError("extension_days cannot be negative")
    return term_end(filing_date, patent_term_years(kind, filing_date)) + timedelta(days=extension_days)


def trademark_expiry(registration_date: date, renewals: int = 0) -> date:
    """The last day in force after ``renewals`` renewals of 10 years each.

    Each renewal runs "自该商标上一届有效期满次日起计算" (Trademark Law Art. 40), i.e. from the day after the
    previous expiry, so the terms are chained rather than counted as anniversaries of the registration.
    """
    if renewals < 0:
        raise ValueError("renewals cannot be negative")
    end = term_end(registration_date, TRADEMARK_TERM_YEARS)
    for _ in range(renewals):
        end = term_end(end + _ONE_DAY, TRADEMARK_TERM_YEARS)
    return end


def trademark_renewal_window(expiry: date) -> tuple[date, date]:
    """(first day renewal may be filed, last day of the 6-month grace period) for a term ending ``expiry``.

    The 12 months before expiry end on ``expiry``; the grace period starts the day after it.
    """
    return add_months(expiry + _ONE_DAY, -12), add_months(expiry + _ONE_DAY, 6) - _ONE_DAY


def compute_expiry(
    kind: RightKind,
    filing_date: date | None,
    registration_date: date | None,
    explicit_expiry: date | None,
    extension_days: int = 0,
    renewals: int = 0,
) -> date | None:
    """The expiry date a right should carry.

    Patents are computed from the filing date and marks from the registration date; when that date is
    unknown, or for copyrights (whose term depends on the author's life or the publication date),
    ``explicit_expiry`` is returned as given, possibly ``None``.
    """
    if kind.is_patent and filing_date is not None:
        return patent_expiry(kind, filing_date, extension_days)
    if kind is RightKind.TRADEMARK and registration_date is not None:
        return trademark_expiry(registration_date, renewals)
    return explicit_expiry
