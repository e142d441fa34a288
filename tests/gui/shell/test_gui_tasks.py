"""Background tasks: results and errors arrive on the GUI thread; one writer; progress and cancel."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QPushButton, QWidget

from ipdesk.gui.tasks import Cancelled, TaskRunner, run_with_progress_dialog


@pytest.fixture
def task_runner(qapp):
    runner = TaskRunner()
    yield runner
    runner.wait(5000)


def test_result_is_delivered_on_the_gui_thread(qtbot, task_runner):
    gui = threading.current_thread()
    seen = {}

    def work():
        seen["worker"] = threading.current_thread()
        return 42

    results = []
    task = task_runner.run(work, on_result=lambda r: results.append((r, threading.current_thread())))
    with qtbot.waitSignal(task.finished, timeout=3000):
        pass
    assert seen["worker"] is not gui
    assert results == [(42, gui)]
    assert task.done and task.result == 42
    assert task_runner.active_count == 0


def test_exception_is_delivered_with_traceback(qtbot, task_runner):
    errors = []
    task = task_runner.run(
        lambda: 1 / 0, on_error=lambda e, tb: errors.append((e, tb, threading.current_thread()))
    )
    with qtbot.waitSignal(task.finished, timeout=3000):
        pass
    exc, tb, thread = errors[0]
    assert isinstance(exc, ZeroDivisionError)
    assert "ZeroDivisionError" in tb
    assert thread is threading.current_thread()


def test_writes_never_overlap(qtbot, task_runner):
    active, overlaps = [0], []
    lock = threading.Lock()

    def write():
        with lock:
            active[0] += 1
            overlaps.append(active[0])
        time.sleep(0.02)
        with lock:
            active[0] -= 1

    tasks = [task_runner.run(write, write=True) for _ in range(5)]
    qtbot.waitUntil(lambda: all(t.done for t in tasks), timeout=5000)
    assert max(overlaps) == 1


def test_progress_reports_and_cancellation(qtbot, task_runner):
    started = threading.Event()
    reports, cancelled = [], []

    def long_work(progress):
        for i in range(1000):
            progress.report(i, 1000, f"第 {i} 项")
            started.set()
            progress.check()
            time.sleep(0.005)
        return "finished"

    task = task_runner.run(
        long_work,
        with_progress=True,
        on_cancel=lambda: cancelled.append(True),
        on_result=lambda r: reports.append(("result", r)),
    )
    task.progressed.connect(lambda d, t, text: reports.append((d, t, text)))
    assert started.wait(3)
    task.cancel()
    with qtbot.waitSignal(task.cancelled, timeout=3000):
        pass
    assert cancelled == [True]
    assert ("result", "finished") not in reports
    assert isinstance(task.error, Cancelled)
    qtbot.waitUntil(lambda: any(r[0] == 0 for r in reports if len(r) == 3), timeout=2000)


def test_progress_dialog_cancel_button_cancels_the_task(qtbot, task_runner):
    parent = QWidget()
    qtbot.addWidget(parent)
    gate = threading.Event()

    def work(progress):
        progress.report(1, 10, "正在处理")
        deadline = time.monotonic() + 5
        while not progress.cancelled and time.monotonic() < deadline:
            time.sleep(0.005)
        gate.set()
        progress.check()

    outcome = []
    task = run_with_progress_dialog(
        parent, "导入", work, on_cancel=lambda: outcome.append("cancelled"), task_runner=task_runner
    )
    dialog = task.dialog
    qtbot.waitUntil(lambda: dialog.value() == 1, timeout=3000)
    dialog.findChild(QPushButton).click()  # the dialog's cancel button
    with qtbot.waitSignal(task.finished, timeout=3000):
        pass
    assert gate.is_set() and outcome == ["cancelled"]
