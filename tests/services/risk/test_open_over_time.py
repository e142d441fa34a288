"""The open signals over time, by severity: counted in SQL on both engines against counts worked out by hand
from signals raised and cleared on known days of the injected clock."""

from __future__ import annotations

from datetime import date

import pytest

from ipdesk.domain.shared.problems import ValidationError
from ipdesk.services.risk.service import OpenAt
from ipdesk.storage.risk.tables import RiskSignalRow
from tests.services.risk.conftest import World
from tests.services.risk.test_rules_raise_and_clear import at


def history(world: World, clock) -> None:
    """info open from 11-20 on; warning (dispute) 11-22 → cleared 11-29; critical (preservation) 11-25 → 12-06."""
    with world.ws.engine.begin() as conn:
        conn.execute(RiskSignalRow.__table__.insert().values(
            rule="valuation_expired", severity="info", pledge_id=world.pledge.id, right_id=None, active_key=None,
            since=date(2026, 11, 20), cleared_on=None, detail="{}", acknowledged=False))
    at(clock, "2026-11-22")
    world.update_right(ownership_dispute=True)
    assert world.scan() == {"dispute"}
    at(clock, "2026-11-25")
    world.update_right(ownership_dispute=True, court_preservation=True)
    assert world.scan() == {"dispute", "preservation"}
    at(clock, "2026-11-29")
    world.update_right(court_preservation=True)
    assert world.scan() == {"preservation"}
    at(clock, "2026-12-06")
    world.update_right()
    assert world.scan() == set()
    at(clock, "2026-12-08")


def test_weekly_counts_of_open_signals_by_severity(world: World, clock) -> None:
    history(world, clock)
    assert world.ws.risk.open_over_time(4, "week") == [
        OpenAt(date(2026, 11, 17), 0, 0, 0),
        OpenAt(date(2026, 11, 24), info=1, warning=1, critical=0),
        OpenAt(date(2026, 12, 1), info=1, warning=0, critical=1),   # the dispute cleared on 11-29
        OpenAt(date(2026, 12, 8), info=1, warning=0, critical=0),   # the preservation cleared on 12-06
    ]


def test_daily_counts_a_signal_cleared_on_a_day_as_closed_that_day(world: World, clock) -> None:
    history(world, clock)
    points = world.ws.risk.open_over_time(17, "day")
    assert [p.on for p in points] == [date(2026, 11, 22 + i) if i < 9 else date(2026, 12, i - 8)
                                      for i in range(17)]
    assert [p.warning for p in points] == [1] * 7 + [0] * 10      # 11-22 … 11-28
    assert [p.critical for p in points] == [0] * 3 + [1] * 11 + [0] * 3  # 11-25 … 12-05
    assert {p.info for p in points} == {1}


@pytest.mark.parametrize("points, step", [(0, "week"), (367, "day"), (4, "month")])
def test_a_bad_span_is_refused(world: World, points: int, step: str) -> None:
    with pytest.raises(ValidationError):
        world.ws.risk.open_over_time(points, step)
