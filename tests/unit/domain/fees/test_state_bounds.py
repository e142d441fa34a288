"""state_bounds inverts state_on_anniversary: every anniversary up to the first bound reads terminated, up to
the second late, after it in force — on any day, with the real holiday calendar, either way of counting the
late period (the list's status filter relies on this to agree with the status it shows)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from ipdesk.domain.fees.schedule import FeeState, PatentFees, state_bounds, state_of, state_on_anniversary
from ipdesk.domain.fees.tables import DEFAULT_RULES
from ipdesk.domain.office.workdays import load_calendar
from ipdesk.domain.registry.rights import RightKind
from ipdesk.resources import resource_path

CAL = load_calendar(resource_path("data", "holidays_cn.json"))


def expected(n: date, bounds: tuple[date, date]) -> FeeState:
    terminated, late = bounds
    return FeeState.TERMINATED if n <= terminated else FeeState.LATE if n <= late else FeeState.IN_FORCE


@settings(max_examples=60, deadline=None)
@given(st.dates(date(2020, 1, 1), date(2027, 12, 31)), st.booleans())
def test_the_bounds_split_the_anniversaries_by_state(as_of: date, from_anniversary: bool) -> None:
    rules = replace(DEFAULT_RULES, late_from_anniversary=from_anniversary)
    bounds = state_bounds(as_of, CAL, rules)
    assert bounds[0] < bounds[1] < as_of
    for offset in range(-260, 3):
        n = as_of + timedelta(days=offset)
        assert state_on_anniversary(n, as_of, CAL, rules)[0] is expected(n, bounds), n


def test_the_spring_festival_moves_both_bounds() -> None:
    # 2026-02-15 .. 02-23 is the 春节 holiday: a fee due on the 16th is due on the 24th, still in force on the 23rd
    terminated, late = state_bounds(date(2026, 2, 23), CAL)
    assert late < date(2026, 2, 15)
    n = date(2017, 2, 16)  # a patent filed then, paid through year 9: year 10 falls due on 2026-02-16 → 02-24
    p = PatentFees(RightKind.INVENTION, n, date(2019, 1, 1), paid_through=9)
    assert state_of(p, date(2026, 2, 23), CAL)[0] is FeeState.IN_FORCE
    assert state_on_anniversary(date(2026, 2, 16), date(2026, 2, 23), CAL)[0] is FeeState.IN_FORCE
    assert terminated < late
