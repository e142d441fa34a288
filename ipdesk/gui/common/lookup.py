"""LatestRead: a read for what the user typed runs in the reader pool; only the answer to the latest input counts.

Validate-as-you-type lookups and suggestions ask the database on every (debounced) edit. Over a shared
PostgreSQL on a slow link one such read can take longer than the next keystroke, so the read never runs on
the GUI thread, and each new input bumps a generation number: an answer carrying an older number is dropped,
so a slow answer for "恒顺" can never overwrite the faster one for "恒顺新材料".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject

from ipdesk.gui.tasks import Task, TaskRunner, runner

log = logging.getLogger(__name__)


class LatestRead:
    """Runs reads for one input; answers to any but the latest read are dropped.

    Args:
        owner: the widget showing the answers; an answer arriving after it was deleted is dropped too.
        task_runner: where the reads run (default: the process-wide runner's reader pool).
    """

    def __init__(self, owner: QObject, task_runner: TaskRunner | None = None):
        self._owner = owner
        self._runner = task_runner
        self._generation = 0
        self._waiting = False

    @property
    def busy(self) -> bool:
        """Whether the latest read has not answered yet."""
        return self._waiting

    def run(
        self,
        read: Callable[[], Any],
        on_result: Callable[[Any], Any],
        on_error: Callable[[BaseException], Any] | None = None,
        *,
        name: str = "lookup",
    ) -> Task:
        """Run ``read()`` in the reader pool; ``on_result`` (or ``on_error``) gets the answer on the GUI thread,
        unless another read was started (or :meth:`cancel` called) in the meantime."""
        self._generation += 1
        generation = self._generation
        self._waiting = True

        def current() -> bool:
            if generation != self._generation or not shiboken6.isValid(self._owner):
                return False  # the input changed (or the form closed) while this was read
            self._waiting = False
            return True

        def result(value: Any) -> None:
            if current():
                on_result(value)

        def error(exc: BaseException, _tb: str) -> None:
            if not current():
                return
            if on_error is None:
                log.warning("%s failed: %s", name, exc)
            else:
                on_error(exc)

        return (self._runner or runner()).run(read, on_result=result, on_error=error, name=name)

    def cancel(self) -> None:
        """Forget the read in flight (the input no longer needs its answer)."""
        self._generation += 1
        self._waiting = False


class RememberedCheck:
    """A form's check that reads the database (a number or USCC taken, an owner gone): asked in the reader
    pool, and its answer remembered for the values it was asked about, since a form validates on every edit.

    Args:
        owner: the form (answers after it closed are dropped).
        read: ``read(data) -> problems``; runs in a worker thread.
        on_answer: called on the GUI thread when an answer arrives (the form validates again).
    """

    def __init__(self, owner: QObject, read: Callable[[Any], list[Any]], on_answer: Callable[[], Any]):
        self._read = LatestRead(owner)
        self._check = read
        self._on_answer = on_answer
        self._known: dict[Any, list[Any]] = {}
        self._asking: Any = None

    @property
    def busy(self) -> bool:
        return self._read.busy

    def problems(self, key: Any, data: Any) -> list[Any]:
        """The answer for ``key`` if it came; else none yet (being asked; saving checks again anyway)."""
        if key in self._known:
            return self._known[key]
        if key != self._asking:
            self._asking = key

            def answered(problems: list[Any]) -> None:
                self._known[key] = list(problems)
                self._asking = None
                self._on_answer()

            self._read.run(lambda: self._check(data), answered, name="check in the register")
        return []
