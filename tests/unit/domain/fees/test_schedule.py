"""The annual-fee engine: fees per kind and year, due dates on rest days, bands, reductions, lapse, restoration."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipdesk.domain.fees.schedule import (
    FeePayment,
    FeeState,
    PatentFees,
    YearStatus,
    band_percent,
    patent_year_of,
    schedule,
)
from ipdesk.domain.fees.tables import DEFAULT_RULES, FeeRules
from ipdesk.domain.office.workdays import load_calendar
from ipdesk.domain.registry.rights import RightKind
from ipdesk.resources import resource_path

INV, UM, DES = RightKind.INVENTION, RightKind.UTILITY_MODEL, RightKind.DESIGN
CAL = load_calendar(resource_path("data", "holidays_cn.json"))


class EveryDay:
    """Every day a working day, so a due date is the anniversary itself."""

    def next_workday(self, day: date) -> date:
        return day


D = Decimal


# --- the table -------------------------------------------------------------------------------------------

FULL_FEES = {
    INV: [900] * 3 + [1200] * 3 + [2000] * 3 + [4000] * 3 + [6000] * 3 + [8000] * 5,
    UM: [600] * 3 + [900] * 2 + [1200] * 3 + [2000] * 2,
    DES: [600] * 3 + [900] * 2 + [1200] * 3 + [2000] * 2 + [3000] * 5,
}


@pytest.mark.parametrize("kind", [INV, UM, DES])
def test_every_year_of_every_kind_has_the_official_fee(kind: RightKind) -> None:
    s = schedule(PatentFees(kind, date(2022, 1, 10), date(2023, 6, 1), paid_through=1), date(2022, 2, 1), EveryDay())
    assert [y.fee for y in s.years] == [D(f).quantize(D("0.01")) for f in FULL_FEES[kind]]
    assert [y.year for y in s.years] == list(range(1, len(FULL_FEES[kind]) + 1))


def test_designs_filed_before_june_2021_have_ten_years() -> None:
    s = schedule(PatentFees(DES, date(2021, 5, 31), date(2022, 1, 1), paid_through=1), date(2021, 6, 1))
    assert len(s.years) == 10


def test_the_shipped_file_is_the_default_table() -> None:
    import json

    with open(resource_path("data", "annual_fees_cn.json"), encoding="utf-8") as fh:
        shipped = FeeRules.from_json(json.load(fh))
    for kind in (INV, UM, DES):
        for year in range(1, 21):
            day = date(2025, 1, 1)
            assert shipped.full_fee(kind, year, day) == DEFAULT_RULES.full_fee(kind, year, day)
    assert shipped.late_bands == DEFAULT_RULES.late_bands
    assert (shipped.restoration_fee, shipped.restoration_percent) == (D(1000), D(25))
    assert "restoration" in shipped.unverified


def test_a_new_official_table_applies_from_its_effective_date_without_code() -> None:
    data = {"tables": [
        {"effective_from": "2018-08-01", "fees": {"utility_model": {"1-10": "600"}}},
        {"effective_from": "2027-01-01", "fees": {"utility_model": {"1-10": "700"}}},
    ]}
    rules = FeeRules.from_json(data)
    p = PatentFees(UM, date(2020, 6, 1), date(2021, 1, 1), paid_through=1)
    s = schedule(p, date(2020, 7, 1), EveryDay(), rules)
    assert s.year(7).fee == D("600.00")  # due 2026-06-01
    assert s.year(8).fee == D("700.00")  # due 2027-06-01


def test_a_table_with_a_year_listed_twice_is_refused() -> None:
    with pytest.raises(ValueError):
        FeeRules.from_json({"tables": [{"effective_from": "2020-01-01", "fees": {"design": {"1-3": "1", "3-4": "2"}}}]})


# --- due dates -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("filing, year, due", [
    (date(2019, 10, 1), 6, date(2024, 10, 8)),  # National Day holidays 10-01..10-07 → first working day
    (date(2019, 10, 12), 6, date(2024, 10, 12)),  # a Saturday that is a 调休 working day stays
    (date(2019, 6, 8), 6, date(2024, 6, 11)),  # Dragon Boat (Sat–Mon) → Tuesday
    (date(2020, 3, 14), 5, date(2024, 3, 14)),  # a Thursday: unchanged
    (date(2020, 3, 16), 5, date(2024, 3, 18)),  # 2024-03-16 is a Saturday → Monday
    (date(2020, 2, 29), 5, date(2024, 2, 29)),  # leap day exists in 2024
    (date(2020, 2, 29), 6, date(2025, 2, 28)),  # and becomes 28 Feb (a Friday) in 2025
])
def test_the_due_date_is_the_filing_anniversary_moved_to_the_next_working_day(filing, year, due) -> None:
    s = schedule(PatentFees(INV, filing, filing + timedelta(days=400), paid_through=1), filing, CAL)
    assert s.year(year).due_date == due


@pytest.mark.parametrize("filing, day, year", [
    (date(1999, 6, 1), date(1999, 6, 1), 1),
    (date(1999, 6, 1), date(2000, 5, 31), 1),  # DOMAIN.md: year 1 is 1999-06-01 to 2000-05-31
    (date(1999, 6, 1), date(2000, 6, 1), 2),
    (date(1999, 6, 1), date(1999, 5, 31), 0),
])
def test_the_patent_year_runs_from_the_filing_date(filing, day, year) -> None:
    assert patent_year_of(filing, day) == year


# --- late bands ------------------------------------------------------------------------------------------

# Year 6 of an invention filed 2019-03-31: due 2024-03-31, full fee 1200. Month ends are clamped:
# one month after 03-31 is 04-30, six months is 09-30.
BANDS = [
    (date(2024, 3, 30), "0", YearStatus.DUE, "1200.00"),
    (date(2024, 3, 31), "0", YearStatus.DUE, "1200.00"),
    (date(2024, 4, 1), "0", YearStatus.LATE, "1200.00"),
    (date(2024, 4, 30), "0", YearStatus.LATE, "1200.00"),  # exactly one month
    (date(2024, 5, 1), "5", YearStatus.LATE, "1260.00"),  # one month + one day
    (date(2024, 5, 31), "5", YearStatus.LATE, "1260.00"),  # two months
    (date(2024, 6, 1), "10", YearStatus.LATE, "1320.00"),
    (date(2024, 6, 30), "10", YearStatus.LATE, "1320.00"),  # three months
    (date(2024, 7, 1), "15", YearStatus.LATE, "1380.00"),
    (date(2024, 7, 31), "15", YearStatus.LATE, "1380.00"),  # four months
    (date(2024, 8, 1), "20", YearStatus.LATE, "1440.00"),
    (date(2024, 8, 31), "20", YearStatus.LATE, "1440.00"),  # five months
    (date(2024, 9, 1), "25", YearStatus.LATE, "1500.00"),
    (date(2024, 9, 30), "25", YearStatus.LATE, "1500.00"),  # six months
    (date(2024, 10, 1), "25", YearStatus.LAPSED, "2500.00"),  # six months + one day: restoration 25 % + 1000
]


@pytest.mark.parametrize("day, rate, status, due", BANDS)
def test_each_band_boundary(day: date, rate: str, status: YearStatus, due: str) -> None:
    p = PatentFees(INV, date(2019, 3, 31), date(2021, 1, 1), paid_through=5)
    line = schedule(p, day, EveryDay()).year(6)
    assert (line.surcharge_rate, line.status, line.amount_due) == (D(rate), status, D(due))


@pytest.mark.parametrize("due, day, rate", [
    (date(2024, 1, 31), date(2024, 2, 29), D(0)),  # one month after 01-31 is 02-29 in a leap year
    (date(2024, 1, 31), date(2024, 3, 1), D(5)),
    (date(2023, 1, 31), date(2023, 2, 28), D(0)),
    (date(2023, 1, 31), date(2023, 3, 1), D(5)),
    (date(2024, 1, 31), date(2024, 3, 31), D(5)),  # two months counted from the due date, not from 02-29
    (date(2024, 1, 31), date(2024, 4, 1), D(10)),
    (date(2024, 8, 31), date(2025, 2, 28), D(25)),  # six months after 08-31 is 02-28
    (date(2024, 8, 31), date(2025, 3, 1), None),
])
def test_month_end_clamping(due: date, day: date, rate: Decimal | None) -> None:
    assert band_percent(due, day) == rate


def test_the_surcharge_is_on_the_full_fee_for_a_reduced_fee_patent() -> None:
    p = PatentFees(INV, date(2019, 3, 31), date(2021, 1, 1), fee_reduction=85, paid_through=5)
    line = schedule(p, date(2024, 5, 15), EveryDay()).year(6)
    assert (line.payable, line.surcharge, line.amount_due) == (D("180.00"), D("60.00"), D("240.00"))


def test_past_the_late_period_the_patent_terminates_from_the_due_date() -> None:
    p = PatentFees(INV, date(2019, 3, 31), date(2021, 1, 1), paid_through=5)
    s = schedule(p, date(2024, 10, 1), EveryDay())
    assert (s.state, s.terminated_on) == (FeeState.TERMINATED, date(2024, 3, 31))
    assert all(y.status is YearStatus.LAPSED and y.amount_due == 0 for y in s.years[6:])
    assert schedule(p, date(2024, 9, 30), EveryDay()).state is FeeState.LATE
    assert schedule(p, date(2024, 3, 31), EveryDay()).state is FeeState.IN_FORCE


def test_a_lapsed_patent_can_be_restored_within_the_window_only() -> None:
    p = PatentFees(INV, date(2019, 3, 31), date(2021, 1, 1), paid_through=5)
    inside = schedule(p, date(2025, 1, 31), EveryDay()).year(6)  # 6 + 4 months after 03-31
    assert (inside.status, inside.amount_due, inside.restoration_fee) == (YearStatus.LAPSED, D("2500.00"), D("1000.00"))
    assert schedule(p, date(2025, 2, 1), EveryDay()).year(6).amount_due == 0
    paid = PatentFees(INV, date(2019, 3, 31), date(2021, 1, 1), paid_through=5,
                      payments=(FeePayment(6, D("2500.00"), date(2024, 11, 5)),))
    restored = schedule(paid, date(2024, 12, 1), EveryDay())
    assert (restored.state, restored.terminated_on) == (FeeState.IN_FORCE, None)
    assert restored.year(6).status is YearStatus.PAID


# --- reductions ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("percent, payable_y3, payable_y4", [(85, "135.00", "180.00"), (70, "270.00", "360.00")])
def test_the_fee_reduction_covers_the_ten_fees_from_the_grant_year(percent, payable_y3, payable_y4) -> None:
    # Filed 2019-03-31, granted 2021-09-01: the grant falls in patent year 3, so years 3–12 are reduced.
    p = PatentFees(INV, date(2019, 3, 31), date(2021, 9, 1), fee_reduction=percent, paid_through=2)
    s = schedule(p, date(2021, 9, 1), EveryDay())
    assert (s.reduction.percent, s.reduction.from_year, s.reduction.to_year) == (percent, 3, 12)
    assert s.year(2).payable == D("900.00")
    assert (s.year(3).payable, s.year(4).payable) == (D(payable_y3), D(payable_y4))
    assert s.year(12).payable == (D(4000) * (100 - percent) / 100).quantize(D("0.01"))
    assert s.year(13).payable == D("6000.00")


def test_open_licence_takes_fifteen_percent_off_from_july_2024() -> None:
    p = PatentFees(UM, date(2018, 7, 20), date(2019, 1, 1), paid_through=5, open_licence=((date(2024, 1, 1), None),))
    s = schedule(p, date(2024, 1, 1), EveryDay())
    assert s.year(7).payable == D("1020.00")  # due 2024-07-20, during the licence
    assert s.year(6).payable == D("1200.00")  # due 2023-07-20, before the rule
    p2 = PatentFees(UM, date(2018, 7, 10), date(2019, 1, 1), paid_through=5, open_licence=((date(2024, 1, 1), None),))
    s2 = schedule(p2, date(2024, 1, 1), EveryDay())
    assert s2.year(7).payable == D("1200.00")  # due 2024-07-10, before 2024-07-15


def test_open_licence_applies_to_fees_due_during_the_licence() -> None:
    p = PatentFees(UM, date(2018, 8, 1), date(2019, 1, 1), paid_through=5,
                   open_licence=((date(2024, 8, 1), date(2025, 8, 1)),))
    s = schedule(p, date(2024, 1, 1), EveryDay())
    assert [s.year(n).payable for n in (7, 8, 9)] == [D("1020.00"), D("1020.00"), D("2000.00")]


@pytest.mark.parametrize("reduction, year, payable", [
    (85, 7, "300.00"),  # 费减 85 beats the open licence's 15
    (70, 7, "600.00"),
    (None, 7, "1700.00"),
    (85, 13, "5100.00"),  # past the 10-fee window the open licence still applies
])
def test_reductions_do_not_stack_the_better_applies(reduction, year, payable) -> None:
    fee = {7: 2000, 13: 6000}[year]  # year 7 due 2024-08-01, year 13 due 2030-08-01
    p = PatentFees(INV, date(2018, 8, 1), date(2019, 1, 1), fee_reduction=reduction, paid_through=1,
                   open_licence=((date(2024, 7, 15), None),))
    line = schedule(p, date(2019, 1, 1), EveryDay()).year(year)
    assert (line.fee, line.payable) == (D(fee).quantize(D("0.01")), D(payable))


# --- payments and top-ups --------------------------------------------------------------------------------

def test_an_underpayment_is_topped_up_at_the_band_of_the_top_up_date() -> None:
    # DOMAIN.md: utility model fee 600, 5 % band = 30; paid 625; topped up in the 10 % band → 60 due.
    first = FeePayment(2, D("625.00"), date(2020, 2, 15))  # year 2 due 2020-01-01; 5 % band: 630 required
    p = PatentFees(UM, date(2019, 1, 1), date(2019, 10, 1), paid_through=1, payments=(first,))
    still_5 = schedule(p, date(2020, 2, 29), EveryDay()).year(2)
    assert (still_5.status, still_5.amount_due) == (YearStatus.LATE, D("5.00"))
    in_10 = schedule(p, date(2020, 3, 2), EveryDay()).year(2)
    assert (in_10.surcharge_rate, in_10.amount_due) == (D(10), D("35.00"))
    topped = PatentFees(UM, date(2019, 1, 1), date(2019, 10, 1), paid_through=1,
                        payments=(first, FeePayment(2, D("35.00"), date(2020, 3, 2))))
    done = schedule(topped, date(2020, 3, 3), EveryDay()).year(2)
    assert (done.status, done.paid, done.paid_on) == (YearStatus.PAID, D("660.00"), date(2020, 3, 2))
    assert done.amount_due == 0


def test_the_next_fee_is_due_before_its_date_and_later_ones_are_future() -> None:
    p = PatentFees(INV, date(2019, 3, 31), date(2021, 1, 1), paid_through=5)
    s = schedule(p, date(2023, 12, 1), EveryDay())
    assert [s.year(n).status for n in (5, 6, 7)] == [YearStatus.PAID, YearStatus.DUE, YearStatus.FUTURE]
    assert (s.year(6).amount_due, s.year(7).amount_due) == (D("1200.00"), 0)


def test_a_pending_application_owes_nothing() -> None:
    s = schedule(PatentFees(INV, date(2024, 3, 1)), date(2026, 6, 1), EveryDay())
    assert s.state is FeeState.IN_FORCE and {y.status for y in s.years} == {YearStatus.FUTURE}


# --- properties ------------------------------------------------------------------------------------------

@settings(max_examples=150, deadline=None)
@given(
    kind=st.sampled_from([INV, UM, DES]),
    filing=st.dates(date(2005, 1, 1), date(2025, 12, 31)),
    grant_after=st.integers(0, 2000),
    reduction=st.sampled_from([None, 85, 70]),
    paid_years=st.integers(0, 9),
    days=st.integers(0, 8000),
    pays=st.lists(st.tuples(st.integers(1, 12), st.decimals("0.01", "3000", places=2), st.integers(0, 8000)),
                  max_size=4),
)
def test_amounts_are_never_negative_and_payable_never_exceeds_the_fee(
        kind, filing, grant_after, reduction, paid_years, days, pays) -> None:
    p = PatentFees(kind, filing, filing + timedelta(days=grant_after), reduction, paid_years or None,
                   tuple(FeePayment(y, a, filing + timedelta(days=d)) for y, a, d in pays))
    s = schedule(p, filing + timedelta(days=days), CAL)
    for y in s.years:
        assert y.amount_due >= 0 and 0 <= y.payable <= y.fee
        assert y.surcharge == (y.fee * y.surcharge_rate / 100).quantize(D("0.01"))
        assert y.amount_due == y.amount_due.quantize(D("0.01"))
        assert y.due_date >= filing
    assert (s.terminated_on is not None) == (s.state is FeeState.TERMINATED)


def test_the_bands_can_count_from_the_anniversary_instead_of_the_moved_due_date() -> None:
    # Year 6 of an invention filed 2019-10-01: anniversary 2024-10-01 (National Day), due 2024-10-08.
    p = PatentFees(INV, date(2019, 10, 1), date(2021, 1, 1), paid_through=5)
    assert schedule(p, date(2024, 11, 8), CAL).year(6).surcharge_rate == 0
    rules = FeeRules(tables=DEFAULT_RULES.tables, late_from_anniversary=True)
    line = schedule(p, date(2024, 11, 8), CAL, rules).year(6)
    assert (line.due_date, line.surcharge_rate) == (date(2024, 10, 8), 5)
    assert schedule(p, date(2025, 4, 2), CAL, rules).terminated_on == date(2024, 10, 1)


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from([INV, UM, DES]), filing=st.dates(date(2005, 1, 1), date(2025, 12, 31)),
       paid=st.integers(0, 20), days=st.integers(0, 8000))
def test_the_cheap_state_agrees_with_the_schedule(kind, filing, paid, days) -> None:
    from ipdesk.domain.fees.schedule import state_of

    p = PatentFees(kind, filing, filing + timedelta(days=100), paid_through=paid)
    day = filing + timedelta(days=days)
    s = schedule(p, day, CAL)
    assert state_of(p, day, CAL) == (s.state, s.terminated_on)


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from([INV, UM, DES]), filing=st.dates(date(2005, 1, 1), date(2025, 12, 31)),
       paid=st.integers(0, 20), days=st.integers(0, 8000),
       pays=st.lists(st.tuples(st.integers(1, 21), st.decimals("0.01", "9000", places=2), st.integers(0, 8000)),
                     max_size=3))
def test_next_fee_is_the_schedules_first_unpaid_year(kind, filing, paid, days, pays) -> None:
    from ipdesk.domain.fees.schedule import next_fee

    p = PatentFees(kind, filing, filing + timedelta(days=100), 85, paid,
                   tuple(FeePayment(y, a, filing + timedelta(days=d)) for y, a, d in pays))
    day = filing + timedelta(days=days)
    assert next_fee(p, day, CAL) == schedule(p, day, CAL).first_unpaid
