"""The Qt binding keeps Python's reference counts: PySide6 6.12.0's ``SignalInstance.emit`` returned ``True``
without a reference, so every emit took one from ``True`` and the process aborted ("bool_dealloc") after a
few thousand signals (a day's tasks); the constraints pin a release without it and this test refuses one."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    ping = Signal()
    carried = Signal(object)


def test_emitting_a_signal_leaves_the_reference_counts_of_true_and_false_alone() -> None:
    emitter = _Emitter()
    seen: list[object] = []
    emitter.carried.connect(seen.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(500):
        emitter.ping.emit()
        emitter.carried.emit(False)
    seen.clear()
    assert (sys.getrefcount(True), sys.getrefcount(False)) == before
