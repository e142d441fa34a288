"""The office clock for GUI code with no workstation at hand (date pickers, timestamp formatting, crash reports).

The main window installs its workstation's clock here (:func:`use_clock`), so a date picker's "today",
a timestamp shown in a table and the workstation's services all agree on the office's day and timezone.
Code that has the workstation asks ``workstation.clock`` directly.
"""

from __future__ import annotations

from datetime import datetime

from ipdesk.domain.shared.clock import Clock, OfficeClock

_clock: Clock = OfficeClock()


def use_clock(clock: Clock | None) -> None:
    """Install the workstation's clock (``None``: back to the system clock in the default office zone)."""
    global _clock
    _clock = clock if clock is not None else OfficeClock()


def office_clock() -> Clock:
    return _clock


def office_time(at: datetime) -> datetime:
    """A stored timestamp (aware UTC; naive is read as UTC) in the office's timezone, for display."""
    return _clock.local(at)
