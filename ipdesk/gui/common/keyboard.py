"""The keyboard rules every form in ipdesk follows (UX.md, Keyboard and habits).

* Enter in a field never submits: it moves on to the next field (a list field such as the pledged rights
  handles Enter itself and adds the next entry); Enter on a focused push button presses it;
* Ctrl+S saves, in every form (FormDialog gives its Save button the shortcut again when shown:
  ``QAbstractButton.setText`` throws a button's own shortcut away; :func:`save_shortcut` for other dialogs);
* Tab leaves a multi-line field; Ctrl+Tab inserts a tab character there (:func:`tab_leaves`);
* the small buttons inside a row (remove, pick, calendar) are not Tab stops (:func:`skip_tab`): the mouse
  still reaches them, the keyboard has a key for what they do;
* the form opens with the focus in its first field (:func:`focus_first`).

:class:`ipdesk.gui.common.widgets.form_dialog.FormDialog` applies them all; a dialog that is no FormDialog
calls :func:`keyboard_first`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def is_plain_enter(event: QKeyEvent) -> bool:
    """Enter / Return without Ctrl, Alt or Shift (the keypad's Enter counts)."""
    mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return event.key() in ENTER_KEYS and mods == Qt.KeyboardModifier.NoModifier


def save_shortcut(dialog: QWidget, save: Callable[[], object]) -> QShortcut:
    """Ctrl+S (the platform's Save key) anywhere in ``dialog`` calls ``save``."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), dialog)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(save)
    return shortcut


def key_shortcut(parent: QWidget, keys: str | QKeySequence, slot: Callable[[], object]) -> QShortcut:
    """A shortcut of a form (``"Ctrl+Shift+N"``), active while the focus is anywhere inside ``parent``."""
    shortcut = QShortcut(QKeySequence(keys), parent)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    shortcut.activated.connect(slot)
    return shortcut


def skip_tab(*widgets: QWidget) -> None:
    """Take ``widgets`` out of the Tab chain (a click still focuses them)."""
    for w in widgets:
        w.setFocusPolicy(Qt.FocusPolicy.ClickFocus)


class _TabInserts(QObject):
    """Ctrl+Tab in a multi-line field inserts a tab (plain Tab moves on)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
            if event.key() == Qt.Key.Key_Tab and ctrl and isinstance(watched, (QPlainTextEdit, QTextEdit)):
                watched.insertPlainText("\t")
                return True
        return False


def tab_leaves(*edits: QPlainTextEdit | QTextEdit) -> None:
    """Tab and Shift+Tab leave the field; Ctrl+Tab types a tab character."""
    for edit in edits:
        if edit.property("ipdeskTabLeaves"):
            continue
        edit.setTabChangesFocus(True)
        edit.setProperty("ipdeskTabLeaves", True)
        keeper = _TabInserts(edit)
        edit.installEventFilter(keeper)


def no_default_buttons(dialog: QWidget) -> None:
    """No push button of ``dialog`` is pressed by an Enter typed in a field (QDialog presses its default
    button, and every push button of a dialog is an auto-default one unless told otherwise)."""
    for button in dialog.findChildren(QPushButton):
        button.setAutoDefault(False)
        button.setDefault(False)


def focusable(widget: QWidget) -> bool:
    return (widget.isVisibleTo(widget.window()) and widget.isEnabled()
            and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus))


def focus_first(candidates: Iterable[QWidget]) -> QWidget | None:
    """Put the focus in the first of ``candidates`` that can take it (a field's focus proxy counts)."""
    for widget in candidates:
        target = widget
        while target.focusProxy() is not None:
            target = target.focusProxy()
        if focusable(target):
            target.setFocus(Qt.FocusReason.OtherFocusReason)
            return target
    return None


def prepare(dialog: QWidget) -> None:
    """The rules that depend on the widgets a dialog holds once built: multi-line fields, default buttons."""
    tab_leaves(*dialog.findChildren(QPlainTextEdit), *[
        e for e in dialog.findChildren(QTextEdit) if not e.isReadOnly()])
    no_default_buttons(dialog)


def handle_enter(dialog: QDialog, event: QKeyEvent) -> bool:
    """A dialog's ``keyPressEvent`` for an Enter its fields did not take: press the focused button, or move
    on to the next field. Returns whether the event was handled."""
    if not is_plain_enter(event):
        return False
    focus = dialog.focusWidget()
    if isinstance(focus, QAbstractButton) and focus.isEnabled() and isinstance(focus, QPushButton):
        focus.click()
    else:
        dialog.focusNextChild()
    event.accept()
    return True


class _EnterMovesOn(QObject):
    """The Enter rule for a dialog that is not a FormDialog (it cannot override ``keyPressEvent``)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and isinstance(watched, QDialog):
            return handle_enter(watched, event)
        return False


def keyboard_first(dialog: QDialog, *, save: Callable[[], object] | None = None,
                   first: QWidget | None = None) -> None:
    """Apply the form rules to a dialog built without :class:`FormDialog`: call once it holds its widgets."""
    prepare(dialog)
    dialog.installEventFilter(_EnterMovesOn(dialog))
    if save is not None:
        save_shortcut(dialog, save)
    if first is not None:
        focus_first([first])
