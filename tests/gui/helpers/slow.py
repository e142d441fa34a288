"""A shared database over a slow link: services whose reads take a while, and a timer proving the GUI thread
kept running meanwhile."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer

from tests.gui.helpers.workstation import FakeWorkstation

Delay = float | Callable[..., float]


class Slow:
    """Wraps a real service: each method named in ``delays`` sleeps first (seconds, or a function of the
    call's arguments, so one input can be slower than the next); the rest pass straight through."""

    def __init__(self, service: Any, **delays: Delay):
        self._service = service
        self._delays = delays

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._service, name)
        delay = self._delays.get(name)
        if delay is None:
            return attr

        def slow(*args: Any, **kwargs: Any) -> Any:
            time.sleep(delay(*args, **kwargs) if callable(delay) else delay)
            return attr(*args, **kwargs)

        return slow


def slow_desk(ws: Any, **services: Any) -> FakeWorkstation:
    """The real workstation's actor and services, with some replaced (e.g. ``rights=Slow(ws.rights, ...)``)."""
    names = ("engine", "rights", "parties", "audit", "pledges", "office", "pledge_list", "notices",
             "register_search")
    real = {name: getattr(ws, name) for name in names}
    return FakeWorkstation(actor=ws.actor, **{**real, **services})


class Ticker:
    """Counts timer ticks on the GUI thread: if a read blocked it, no tick would fire meanwhile."""

    def __init__(self, interval_ms: int = 20):
        self.ticks = 0
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        self.ticks += 1

    def stop(self) -> None:
        self._timer.stop()
