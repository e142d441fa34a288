"""Schedules: equal instalments, equal principal, interest only with a bullet, custom — to the fen."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipdesk.domain.loans.schedule import ScheduleKind, add_months, build, monthly_dates
from ipdesk.domain.shared.problems import ValidationError

START, MATURITY = date(2026, 1, 31), date(2027, 1, 31)


def test_months_keep_the_day_clamped_to_the_month_end():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 1, 31), 13) == date(2027, 2, 28)
    assert monthly_dates(START, MATURITY)[:3] == [date(2026, 2, 28), date(2026, 3, 31), date(2026, 4, 30)]
    assert monthly_dates(START, MATURITY)[-1] == MATURITY and len(monthly_dates(START, MATURITY)) == 12


def test_equal_instalments():
    plan = build(ScheduleKind.EQUAL_INSTALMENTS, D("120000.00"), D("6"), START, MATURITY)
    assert len(plan) == 12
    assert plan[0].interest == D("600.00") and plan[0].total == D("10327.97")  # 120000 × 0.5 % ; annuity
    assert all(i.total == D("10327.97") for i in plan[:-1])
    assert sum(i.principal for i in plan) == D("120000.00")
    assert abs(plan[-1].total - D("10327.97")) < D("0.10")


def test_equal_principal():
    plan = build(ScheduleKind.EQUAL_PRINCIPAL, D("100000.00"), D("4.8"), START, MATURITY)
    assert [i.principal for i in plan][:2] == [D("8333.34"), D("8333.34")]
    assert sum(i.principal for i in plan) == D("100000.00")
    assert plan[0].interest == D("400.00") and plan[-1].interest == D("33.33")


def test_interest_only_with_the_principal_at_maturity():
    plan = build(ScheduleKind.INTEREST_ONLY, D("1000000.00"), D("4.35"), START, MATURITY)
    assert [i.principal for i in plan[:-1]] == [D("0.00")] * 11 and plan[-1].principal == D("1000000.00")
    assert {i.interest for i in plan} == {D("3625.00")}


def test_custom_schedule_interest_by_actual_days_over_360():
    rows = [(date(2026, 7, 31), D("40000.00")), (MATURITY, D("60000.00"))]
    plan = build(ScheduleKind.CUSTOM, D("100000.00"), D("3.6"), START, MATURITY, rows)
    assert plan[0].interest == D("1810.00")  # 100000 × 3.6 % × 181 / 360
    assert plan[1].interest == D("1104.00")  # 60000 × 3.6 % × 184 / 360


@pytest.mark.parametrize("rows,code", [
    ([(date(2026, 7, 31), D("40000.00")), (MATURITY, D("50000.00"))], "loans.custom_total"),
    ([(MATURITY, D("40000.00")), (date(2026, 7, 31), D("60000.00"))], "loans.custom_dates"),
    ([(date(2026, 7, 31), D("100000.00"))], "loans.custom_dates"),
    ([], "loans.custom_empty"),
])
def test_bad_custom_schedules(rows, code):
    with pytest.raises(ValidationError) as err:
        build(ScheduleKind.CUSTOM, D("100000.00"), D("3.6"), START, MATURITY, rows)
    assert err.value.problems[0].code == code


def test_maturity_must_be_after_the_start():
    with pytest.raises(ValidationError) as err:
        build(ScheduleKind.EQUAL_PRINCIPAL, D("1.00"), D("1"), START, START)
    assert err.value.problems[0].code == "loans.maturity_not_later"


@given(principal=st.integers(1, 10**11).map(lambda n: D(n) / 100), rate=st.integers(0, 2400).map(lambda n: D(n) / 100),
       months=st.integers(1, 60), kind=st.sampled_from([k for k in ScheduleKind if k is not ScheduleKind.CUSTOM]))
def test_principal_parts_add_up_and_are_never_negative(principal, rate, months, kind):
    plan = build(kind, principal, rate, date(2026, 3, 15), add_months(date(2026, 3, 15), months))
    assert sum(i.principal for i in plan) == principal
    assert all(i.principal >= 0 and i.interest >= 0 for i in plan)
