"""The one office clock: timestamps in UTC, legal dates in the office's timezone (default Asia/Shanghai).

Every service, report and widget that needs "now" or "today" asks the injected :class:`Clock`, never the
machine: on a machine whose clock runs in UTC, 17:58Z on 1 December is already 2 December in Beijing, and
the register entry, the notice text and its seal must all say 2 December. Tests and the CLI's ``--now``
use :class:`FixedClock` so a run is reproducible.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "Asia/Shanghai"


def office_zone(name: str | None) -> tzinfo:
    """The timezone called ``name`` (IANA), falling back to the default office zone; never raises."""
    try:
        return ZoneInfo(name or DEFAULT_TIMEZONE)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder of zones ("Asia") with tzdata
        return ZoneInfo(DEFAULT_TIMEZONE)


def is_known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # OSError: a folder of zones ("Asia") with tzdata
        return False
    return True


class Clock(Protocol):
    """What time it is for the office."""

    @property
    def zone(self) -> tzinfo: ...

    def now(self) -> datetime:
        """The current instant, timezone-aware UTC (what timestamps store)."""
        ...

    def today(self) -> date:
        """Today's date in the office's timezone (what legal dates use)."""
        ...

    def local(self, instant: datetime) -> datetime:
        """``instant`` in the office's timezone (what the GUI shows)."""
        ...


class _ZonedClock:
    def __init__(self, zone: tzinfo | str | None = None):
        self._zone = zone if isinstance(zone, tzinfo) else office_zone(zone)

    @property
    def zone(self) -> tzinfo:
        return self._zone

    def now(self) -> datetime:
        raise NotImplementedError

    def today(self) -> date:
        return self.now().astimezone(self._zone).date()

    def local(self, instant: datetime) -> datetime:
        """``instant`` (aware; naive is read as UTC) in the office's timezone, for display."""
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=UTC)
        return instant.astimezone(self._zone)

    def with_zone(self, zone: tzinfo | str | None) -> _ZonedClock:
        raise NotImplementedError


class SystemClock(_ZonedClock):
    """The machine's clock, read in UTC and converted to the office's timezone for dates."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def with_zone(self, zone: tzinfo | str | None) -> SystemClock:
        return SystemClock(zone)

    def __repr__(self) -> str:
        return f"SystemClock({self._zone})"


class FixedClock(_ZonedClock):
    """A clock that stands still at ``instant`` (tests, ``ipdesk --now``); ``advance`` moves it."""

    def __init__(self, instant: datetime, zone: tzinfo | str | None = None):
        super().__init__(zone)
        if instant.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware instant (e.g. 2026-12-01T17:58:00Z)")
        self._instant = instant.astimezone(UTC)

    def now(self) -> datetime:
        return self._instant

    def set(self, instant: datetime) -> None:
        if instant.tzinfo is None:
            raise ValueError("FixedClock needs a timezone-aware instant")
        self._instant = instant.astimezone(UTC)

    def with_zone(self, zone: tzinfo | str | None) -> FixedClock:
        return FixedClock(self._instant, zone)

    def __repr__(self) -> str:
        return f"FixedClock({self._instant.isoformat()}, {self._zone})"


class OfficeClock(_ZonedClock):
    """The workstation's clock: the instant of ``base`` (system or fixed), dates in the office's timezone.

    The zone is an office setting shared through the database, so it can change while the workstation
    runs (:meth:`set_zone`, when the settings are saved); services hold this one object and see the
    change at once. Moving a fixed ``base`` moves this clock too.
    """

    def __init__(self, base: Clock | None = None, zone: tzinfo | str | None = None):
        super().__init__(zone)
        self.base: Clock = base if base is not None else SystemClock(zone)

    def now(self) -> datetime:
        return self.base.now().astimezone(UTC)

    def set_zone(self, zone: tzinfo | str | None) -> None:
        self._zone = zone if isinstance(zone, tzinfo) else office_zone(zone)

    def with_zone(self, zone: tzinfo | str | None) -> OfficeClock:
        return OfficeClock(self.base, zone)

    def __repr__(self) -> str:
        return f"OfficeClock({self.base!r}, {self._zone})"


def local_time(instant: datetime, zone: tzinfo | str | None = None) -> datetime:
    """``instant`` (aware; naive is read as UTC) in ``zone`` (default the office zone), for display."""
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return instant.astimezone(zone if isinstance(zone, tzinfo) else office_zone(zone))


def parse_instant(text: str) -> datetime:
    """An ISO timestamp for ``--now``: ``2026-12-01T17:58:00Z`` or with an offset; naive means UTC.

    Raises:
        ValueError: not an ISO date-time.
    """
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
