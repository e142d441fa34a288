"""Timestamps read in office time wherever the GUI shows them: one formatter (gui/formatting.format_date)
for tables, detail panes, audit history, notice lists and the notice preview."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from ipdesk.domain.shared.clock import FixedClock
from ipdesk.gui.common import clock as gui_clock
from ipdesk.gui.formatting import format_date

LATE_EVENING_UTC = datetime(2026, 12, 1, 17, 58, tzinfo=UTC)  # 01:58 on 2 December in Beijing


def test_a_stored_timestamp_is_shown_in_the_office_timezone() -> None:
    installed = gui_clock.office_clock()
    gui_clock.use_clock(FixedClock(LATE_EVENING_UTC, ZoneInfo("Asia/Shanghai")))
    try:
        assert format_date(LATE_EVENING_UTC) == "2026-12-02 01:58"
        gui_clock.use_clock(FixedClock(LATE_EVENING_UTC, ZoneInfo("Europe/London")))
        assert format_date(LATE_EVENING_UTC) == "2026-12-01 17:58"
    finally:
        gui_clock.use_clock(installed)
    assert format_date(date(2026, 12, 2)) == "2026-12-02" and format_date(None) == ""
