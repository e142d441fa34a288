"""Background work: run a plain callable off the GUI thread and get its result back on the GUI thread.

The shared rules of Anki's ``taskman.py``, Picard's ``util/thread.py`` and Electrum's ``TaskThread``:

* the callable is plain Python (a service call); it never touches widgets;
* its result or its exception arrives through a queued signal, so callbacks run on the GUI thread;
* writes go through a pool with a single thread, so there is one database writer at a time;
* long work receives a :class:`Progress` to report on and to check for cancellation.

Usage::

    runner().run(lambda: service.get(id), on_result=self.show_right,
                 on_error=lambda exc, _tb: report_failure(self, exc))
    run_with_progress_dialog(self, self.tr("导入"), lambda p: importer.run(path, progress=p),
                             on_result=self.show_report, write=True)
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised inside a task (by :meth:`Progress.check`) when the user cancelled it."""


class Progress:
    """Handed to a long-running callable: report progress, notice cancellation. Thread-safe.

    Attributes:
        cancelled: True once the user asked to cancel; the callable should stop soon after.
    """

    def __init__(self, emit: Callable[[int, int, str], None] | None = None):
        self._emit = emit
        self._cancel = threading.Event()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def report(self, done: int, total: int = 0, text: str = "") -> None:
        """Report ``done`` of ``total`` units (``total`` 0 = unknown) with an optional status text."""
        if self._emit is not None:
            self._emit(int(done), int(total), str(text))

    def check(self) -> None:
        """Raise :class:`Cancelled` if the user cancelled; call it between units of work."""
        if self.cancelled:
            raise Cancelled()


class Task(QObject):
    """A handle on one background call; lives in the GUI thread.

    Signals (all delivered on the GUI thread):
        progressed(done, total, text)
        succeeded(result)
        failed(exception, traceback_text)
        cancelled()
        finished(): after any of the three outcomes.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object, str)
    cancelled = Signal()
    finished = Signal()

    # emitted from the worker thread; connected (queued) to the slots below
    _w_progress = Signal(int, int, str)
    _w_done = Signal(object, object, str)

    def __init__(self, fn: Callable[..., Any], *, with_progress: bool, name: str = ""):
        super().__init__()
        self.name = name or getattr(fn, "__name__", "task")
        self.progress = Progress(self._w_progress.emit)
        self.done = False
        self.result: Any = None
        self.error: BaseException | None = None
        self._fn = fn
        self._with_progress = with_progress
        self._w_progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._w_done.connect(self._on_done, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        self.progress.cancel()

    def _work(self) -> None:  # runs in the worker thread
        try:
            result = self._fn(self.progress) if self._with_progress else self._fn()
        except Cancelled as exc:
            self._w_done.emit(None, exc, "")
        except BaseException as exc:
            self._w_done.emit(None, exc, traceback.format_exc())
        else:
            self._w_done.emit(result, None, "")

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        self.progressed.emit(done, total, text)

    @Slot(object, object, str)
    def _on_done(self, result: Any, error: BaseException | None, tb: str) -> None:
        self.done = True
        self.result, self.error = result, error
        if isinstance(error, Cancelled):
            self.cancelled.emit()
        elif error is not None:
            log.debug("task %s failed:\n%s", self.name, tb)
            self.failed.emit(error, tb)
        else:
            self.succeeded.emit(result)
        self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task):
        super().__init__()
        self.setAutoDelete(True)
        self._task = task

    def run(self) -> None:
        self._task._work()


class TaskRunner(QObject):
    """Two pools: reads run in parallel; writes run one at a time (the single database writer).

    Signals:
        active_changed(count): number of tasks queued or running (for the status bar).
    """

    active_changed = Signal(int)

    def __init__(self, parent: QObject | None = None, max_readers: int = 4):
        super().__init__(parent)
        self._readers = QThreadPool(self)
        self._readers.setMaxThreadCount(max_readers)
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._active: set[Task] = set()

    @property
    def active_count(self) -> int:
        return len(self._active)

    def run(
        self,
        fn: Callable[..., Any],
        *,
        on_result: Callable[[Any], Any] | None = None,
        on_error: Callable[[BaseException, str], Any] | None = None,
        on_cancel: Callable[[], Any] | None = None,
        write: bool = False,
        with_progress: bool = False,
        name: str = "",
    ) -> Task:
        """Run ``fn()`` (or ``fn(progress)`` if ``with_progress``) in a worker thread.

        Args:
            on_result: called with the return value, on the GUI thread.
            on_error: called with ``(exception, traceback_text)``; without it the error is logged and
                re-raised through ``sys.excepthook`` (the crash dialog).
            on_cancel: called if the callable raised :class:`Cancelled`.
            write: serialise with every other write (one database writer).
        """
        task = Task(fn, with_progress=with_progress, name=name)
        if on_result is not None:
            task.succeeded.connect(on_result)
        if on_cancel is not None:
            task.cancelled.connect(on_cancel)
        if on_error is not None:
            task.failed.connect(on_error)
        else:
            task.failed.connect(_unhandled)
        task.finished.connect(lambda: self._finished(task))
        self._active.add(task)  # keeps the Python object alive until it reports back
        self.active_changed.emit(len(self._active))
        (self._writer if write else self._readers).start(_Runnable(task))
        return task

    def wait(self, msecs: int = -1) -> bool:
        """Block until both pools are idle (tests and shutdown); queued callbacks still need events."""
        return self._readers.waitForDone(msecs) and self._writer.waitForDone(msecs)

    def _finished(self, task: Task) -> None:
        self._active.discard(task)
        self.active_changed.emit(len(self._active))


def _unhandled(exc: BaseException, tb: str) -> None:
    import sys

    sys.excepthook(type(exc), exc, exc.__traceback__)


_runner: TaskRunner | None = None


def runner() -> TaskRunner:
    """The process-wide task runner."""
    global _runner
    if _runner is None:
        _runner = TaskRunner()
    return _runner


def run_with_progress_dialog(
    parent: QWidget | None,
    title: str,
    fn: Callable[[Progress], Any],
    *,
    on_result: Callable[[Any], Any] | None = None,
    on_error: Callable[[BaseException, str], Any] | None = None,
    on_cancel: Callable[[], Any] | None = None,
    write: bool = False,
    cancellable: bool = True,
    task_runner: TaskRunner | None = None,
) -> Task:
    """Run ``fn(progress)`` off the GUI thread behind a window-modal QProgressDialog that can cancel.

    The dialog appears only if the work takes longer than 300 ms (UX: anything over ~0.3 s shows
    progress). Returns the :class:`Task`; the outcome arrives through the callbacks.
    """
    dlg = QProgressDialog(parent)
    dlg.setWindowTitle(title)
    dlg.setLabelText(title)
    dlg.setWindowModality(Qt.WindowModality.WindowModal)
    dlg.setMinimumDuration(300)
    dlg.setAutoClose(False)
    dlg.setAutoReset(False)
    dlg.setRange(0, 0)
    dlg.setMinimumWidth(420)
    if cancellable:
        dlg.setCancelButtonText(QCoreApplication.translate("tasks", "取消"))
    else:
        dlg.setCancelButton(None)
    task = (task_runner or runner()).run(
        fn,
        on_result=on_result,
        on_error=on_error,
        on_cancel=on_cancel,
        write=write,
        with_progress=True,
        name=title,
    )

    def progressed(done: int, total: int, text: str) -> None:
        if total > 0:
            dlg.setMaximum(total)
            dlg.setValue(min(done, total))
        if text:
            dlg.setLabelText(text)

    def cancel() -> None:
        task.cancel()
        dlg.setLabelText(QCoreApplication.translate("tasks", "正在取消…"))

    task.progressed.connect(progressed)
    dlg.canceled.connect(cancel)
    task.finished.connect(dlg.close)
    task.finished.connect(dlg.deleteLater)
    task.dialog = dlg  # type: ignore[attr-defined]  # tests and callers may inspect it
    return task
