"""The early-warning scan while the app runs: once at start-up and then every ten minutes, in the single
writer thread (never on the GUI thread); after a scan that raised or cleared signals, ``on_changed`` runs
(the workbench reads its tiles again)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer

from ipdesk.gui.tasks import TaskRunner, runner

SCAN_EVERY_MS = 10 * 60 * 1000


class RiskScheduler(QObject):
    def __init__(self, workstation: Any, parent: QObject, *, on_changed: Callable[[], None] | None = None,
                 every_ms: int = SCAN_EVERY_MS, task_runner: TaskRunner | None = None):
        super().__init__(parent)
        self.workstation = workstation
        self.on_changed = on_changed
        self._runner = task_runner or runner()
        self.last: Any = None
        self.timer = QTimer(self)
        self.timer.setInterval(every_ms)
        self.timer.timeout.connect(self.scan)
        self.timer.start()
        QTimer.singleShot(0, self.scan)

    def scan(self) -> None:
        self._runner.run(self.workstation.risk.scan, on_result=self._scanned, on_error=lambda _e, _tb: None,
                         name="risk scan (scheduled)", write=True)

    def _scanned(self, result: Any) -> None:
        self.last = result
        if (result.raised or result.cleared) and self.on_changed is not None:
            self.on_changed()
