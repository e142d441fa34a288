"""Operations (Anki's ``CollectionOp``): run a command on the writer thread and report what it changed.

:func:`run_op` is how every GUI command writes::

    run_op(self, lambda: ws.parties.create(ws.actor, data), form=self, on_done=self.accept)

* the command runs on the single writer thread inside :func:`ipdesk.services.uow.collect_changes`,
  so whatever transactions it commits — one service or several — are gathered into one ``Changes``;
* a :class:`DomainError` (a refusal: nothing was written) goes to the form's fields when a ``form`` is
  given, else to ``on_refused``, else to one message box (:func:`ipdesk.gui.messages.refused`);
* anything else is a crash: the crash dialog (:func:`ipdesk.gui.errors.excepthook`);
* on success the changes go to the main window, which broadcasts them to the pages that watch their
  kinds (:meth:`ipdesk.gui.mainwindow.MainWindow.broadcast_changes`), then ``on_done(value)`` runs.

A read that fails routes the failure the same way with :func:`report_failure`.

A command refused because the office signing key is protected by a passphrase nobody gave (or the wrong one)
asks for it once and runs again (:func:`set_key_unlocker`: the main window hands the passphrase to its
workstation's key; it stays in memory for the session).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import shiboken6
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit, QWidget

from ipdesk.domain.shared.changes import NO_CHANGES, Changes
from ipdesk.domain.shared.problems import DomainError, Problem
from ipdesk.gui import messages
from ipdesk.gui.common.pages.base import Page
from ipdesk.gui.tasks import Task, TaskRunner, run_with_progress_dialog, runner
from ipdesk.services.uow import collect_changes

T = TypeVar("T")


class ShowsProblems(Protocol):
    """A form that shows a refusal's problems on its fields (``FormDialog.show_refusal``)."""

    def show_refusal(self, problems: list[Problem]) -> None: ...


_PASSPHRASE_CODES = frozenset({"key.passphrase_needed", "key.passphrase_wrong"})
_key_unlocker: Callable[[str], None] | None = None


def set_key_unlocker(unlock: Callable[[str], None] | None) -> None:
    """Who takes a passphrase typed at the prompt (the main window: its workstation's office key)."""
    global _key_unlocker
    _key_unlocker = unlock


def _wants_passphrase(exc: BaseException) -> bool:
    return isinstance(exc, DomainError) and any(p.code in _PASSPHRASE_CODES for p in exc.problems)


def ask_passphrase(parent: QWidget | None, exc: DomainError) -> str | None:
    """The signing key's passphrase from the user (None: cancelled); the refusal says why it is asked."""
    why = "\n".join(messages.problem_lines(exc.problems))
    text, ok = QInputDialog.getText(parent, QApplication.translate("ops", "签发密钥口令"),
                                    why + "\n\n" + QApplication.translate("ops", "请输入签发密钥的口令："),
                                    QLineEdit.EchoMode.Password)
    return text if ok and text else None


def _alive(obj: Any) -> bool:
    return obj is None or shiboken6.isValid(obj)


def broadcast(parent: QWidget | None, changes: Changes) -> None:
    """Hand ``changes`` to the main window ``parent`` belongs to, which tells the pages watching them.

    Outside a main window (a page on its own, as tests build them) the pages ``parent`` sits in are
    told directly (a page always shows what its own commands changed); without a ``parent``, the
    visible main window.
    """
    if not changes:
        return
    pages = []
    widget = parent
    while widget is not None and _alive(widget):
        if hasattr(widget, "broadcast_changes"):
            widget.broadcast_changes(changes)
            return
        if isinstance(widget, Page):
            pages.append(widget)
        widget = widget.parentWidget()
    if parent is None and QApplication.instance() is not None:
        for top in QApplication.topLevelWidgets():
            if hasattr(top, "broadcast_changes") and top.isVisible():
                top.broadcast_changes(changes)
                return
    for page in pages:
        page.changes_applied(changes)


def report_failure(parent: QWidget | None, exc: BaseException, *, title: str = "",
                   form: ShowsProblems | None = None,
                   on_refused: Callable[[DomainError], Any] | None = None) -> None:
    """Route a failed command: a refusal to the form, ``on_refused`` or one box; the rest is a crash."""
    if isinstance(exc, DomainError):
        if form is not None and _alive(form):
            form.show_refusal(list(exc.problems))
        elif on_refused is not None:
            on_refused(exc)
        else:
            messages.refused(parent if _alive(parent) else None, exc.problems, title)
        return
    from ipdesk.gui.errors import excepthook

    excepthook(type(exc), exc, exc.__traceback__)  # the worker's traceback travels with the exception


def run_op(
    parent: QWidget | None,
    command: Callable[..., T],
    *,
    on_done: Callable[[T], Any] | None = None,
    form: ShowsProblems | None = None,
    on_refused: Callable[[DomainError], Any] | None = None,
    on_failed: Callable[[BaseException], Any] | None = None,
    on_cancel: Callable[[], Any] | None = None,
    expected: tuple[type[BaseException], ...] = (),
    title: str = "",
    progress: str = "",
    cancellable: bool = True,
    task_runner: TaskRunner | None = None,
) -> Task:
    """Run ``command()`` (``command(progress)`` when ``progress`` names a progress dialog) as one operation.

    Args:
        on_done: called with the command's value once the pages were told what changed.
        form: where a refusal's problems go (the fields under the edits).
        on_refused: called with a refusal instead of the message box (when there is no ``form``).
        on_failed: called after any failure was reported (a dialog re-enables its buttons).
        expected: other exception types that are the user's to fix (an unreadable file: ``OSError``);
            they go to ``on_refused`` like refusals.
        progress: the title of a progress dialog shown when the command takes longer than 300 ms.
        title: the message box title for a refusal.
    """

    collected: list[Changes] = []  # written by the worker before it signals, read on the GUI thread after

    def work(*args: Any) -> T:
        with collect_changes() as seen:
            try:
                return command(*args)
            finally:
                collected.append(seen.changes)  # a failed command may still have committed a part

    def succeeded(value: T) -> None:
        broadcast(parent, collected[-1] if collected else NO_CHANGES)  # the write is done even if the
        # dialog closed meanwhile; the Task's own ``succeeded`` still carries the command's value
        if on_done is not None and _alive(parent):
            on_done(value)

    def failed(exc: BaseException, tb: str) -> None:
        if _key_unlocker is not None and _wants_passphrase(exc) and _alive(parent):
            passphrase = ask_passphrase(parent, exc)  # type: ignore[arg-type]
            if passphrase is not None:
                _key_unlocker(passphrase)  # the writer is idle: this command failed before signing
                run_op(parent, command, on_done=on_done, form=form, on_refused=on_refused, on_failed=on_failed,
                       on_cancel=on_cancel, expected=expected, title=title, progress=progress,
                       cancellable=cancellable, task_runner=task_runner)
                return
        if collected:
            broadcast(parent, collected[-1])  # a batch that stopped half-way wrote its first part
        if expected and isinstance(exc, expected) and on_refused is not None and _alive(parent):
            on_refused(exc)  # type: ignore[arg-type]
        elif _alive(parent):
            report_failure(parent, exc, title=title, form=form, on_refused=on_refused)
        elif not isinstance(exc, DomainError):
            report_failure(None, exc)
        if on_failed is not None and _alive(parent):
            on_failed(exc)

    if progress:
        return run_with_progress_dialog(parent, progress, work, on_result=succeeded, on_error=failed,
                                        on_cancel=on_cancel, write=True, cancellable=cancellable,
                                        task_runner=task_runner)
    return (task_runner or runner()).run(work, on_result=succeeded, on_error=failed, on_cancel=on_cancel,
                                         write=True, name=title or getattr(command, "__name__", "op"))
