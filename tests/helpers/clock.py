"""The instant every test workstation's clock stands at, so no test depends on the day the suite runs."""

from __future__ import annotations

from datetime import UTC, date, datetime

from ipdesk.domain.shared.clock import FixedClock

#: 10:00 on 1 December 2026 in Beijing (the default office zone); a test moves its clock with ``clock.set``.
TEST_NOW = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
TEST_TODAY = date(2026, 12, 1)


def fixed_clock() -> FixedClock:
    return FixedClock(TEST_NOW)
