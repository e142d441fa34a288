"""Statutory terms: patent and trademark expiry, leap days, renewals, the renewal window."""

from __future__ import annotations

from datetime import date

import pytest

from ipdesk.domain.registry.rights import RightKind
from ipdesk.domain.registry.terms import (
    add_months,
    compute_expiry,
    patent_expiry,
    patent_term_years,
    term_end,
    trademark_expiry,
    trademark_renewal_window,
)

K = RightKind


def test_guidelines_example():
    # 专利审查指南: utility model filed 1999-09-06 is in force to 2009-09-05.
    assert patent_expiry(K.UTILITY_MODEL, date(1999, 9, 6)) == date(2009, 9, 5)


@pytest.mark.parametrize(
    ("kind", "filed", "years"),
    [
        (K.INVENTION, date(2017, 3, 1), 20),
        (K.UTILITY_MODEL, date(2017, 3, 1), 10),
        (K.DESIGN, date(2021, 5, 31), 10),
        (K.DESIGN, date(2021, 6, 1), 15),
    ],
)
def test_term_years(kind, filed, years):
    assert patent_term_years(kind, filed) == years


def test_design_before_and_after_2021_06_01():
    assert patent_expiry(K.DESIGN, date(2021, 5, 31)) == date(2031, 5, 30)
    assert patent_expiry(K.DESIGN, date(2021, 6, 1)) == date(2036, 5, 31)


def test_non_patent_kind_rejected():
    with pytest.raises(ValueError):
        patent_term_years(K.TRADEMARK, date(2020, 1, 1))


def test_invention_with_term_adjustment():
    assert patent_expiry(K.INVENTION, date(2017, 6, 1)) == date(2037, 5, 31)
    assert patent_expiry(K.INVENTION, date(2017, 6, 1), extension_days=30) == date(2037, 6, 30)
    with pytest.raises(ValueError):
        patent_expiry(K.INVENTION, date(2017, 6, 1), extension_days=-1)


def test_leap_day_start():
    # 2040 is a leap year: the anniversary exists.
    assert patent_expiry(K.INVENTION, date(2020, 2, 29)) == date(2040, 2, 28)
    # 2030 is not: the anniversary is 28 Feb, so the last day in force is 27 Feb.
    assert patent_expiry(K.UTILITY_MODEL, date(2020, 2, 29)) == date(2030, 2, 27)
    assert term_end(date(2019, 3, 1), 1) == date(2020, 2, 29)


def test_add_months_clamps_to_month_end():
    assert add_months(date(2021, 1, 31), 1) == date(2021, 2, 28)
    assert add_months(date(2020, 3, 31), -1) == date(2020, 2, 29)
    assert add_months(date(2020, 1, 15), -13) == date(2018, 12, 15)


def test_add_months_agrees_with_the_calendar_module_on_every_day():
    """The month lengths are written out (speed); every day of four years, 1900 and 2000 included, moved by
    -30..30 months lands where calendar.monthrange says."""
    import calendar
    from datetime import timedelta

    for first in (date(1899, 1, 1), date(1999, 1, 1), date(2023, 1, 1)):
        for n in range(4 * 366):
            day = first + timedelta(days=n)
            for months in range(-30, 31):
                y, m = divmod(day.year * 12 + day.month - 1 + months, 12)
                expected = date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))
                assert add_months(day, months) == expected


def test_trademark_expiry_and_renewals():
    # Certificates read "2010年6月7日至2020年6月6日".
    assert trademark_expiry(date(2010, 6, 7)) == date(2020, 6, 6)
    assert trademark_expiry(date(2010, 6, 7), renewals=1) == date(2030, 6, 6)
    assert trademark_expiry(date(2010, 6, 7), renewals=2) == date(2040, 6, 6)
    with pytest.raises(ValueError):
        trademark_expiry(date(2010, 6, 7), renewals=-1)


def test_trademark_renewal_chains_from_day_after_expiry_on_leap_day():
    first = trademark_expiry(date(2020, 2, 29))
    assert first == date(2030, 2, 27)
    # The renewal starts 2030-02-28, so it ends 2040-02-27 (not the registration's anniversary).
    assert trademark_expiry(date(2020, 2, 29), renewals=1) == date(2040, 2, 27)


def test_renewal_window():
    assert trademark_renewal_window(date(2020, 6, 6)) == (date(2019, 6, 7), date(2020, 12, 6))
    assert trademark_renewal_window(date(2020, 12, 31)) == (date(2020, 1, 1), date(2021, 6, 30))


def test_compute_expiry_dispatch():
    explicit = date(2070, 12, 31)
    assert compute_expiry(K.INVENTION, date(2017, 6, 1), None, explicit) == date(2037, 5, 31)
    assert compute_expiry(K.INVENTION, date(2017, 6, 1), None, None, extension_days=10) == date(2037, 6, 10)
    assert compute_expiry(K.DESIGN, date(2021, 6, 1), None, None) == date(2036, 5, 31)
    assert compute_expiry(K.TRADEMARK, None, date(2010, 6, 7), None, renewals=1) == date(2030, 6, 6)
    assert compute_expiry(K.SOFTWARE, date(2020, 1, 1), date(2020, 3, 1), explicit) == explicit
    assert compute_expiry(K.COPYRIGHT, None, date(2020, 3, 1), None) is None
    assert compute_expiry(K.INVENTION, None, None, explicit) == explicit
    assert compute_expiry(K.TRADEMARK, None, None, None) is None
