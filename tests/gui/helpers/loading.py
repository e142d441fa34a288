"""Waiting for background reads: a register's count and pages arrive from the reader pool, never inline."""

from __future__ import annotations

from typing import Any

from ipdesk.gui.tasks import runner


def settle(qtbot: Any, *pages: Any, timeout: int = 10_000) -> None:
    """Wait until no task of the process-wide runner is queued or running (a page read on arrival starts
    the next one, so waiting for the pools once is not enough) and each given register page (or lazy model)
    shows the rows of its current query."""
    models = [getattr(page, "model", page) for page in pages]
    qtbot.waitUntil(lambda: runner().active_count == 0 and all(m.idle for m in models), timeout=timeout)
