"""Page: what the main window expects of every area it shows (hooks for Ctrl+N, Ctrl+F, F5, Ctrl+C)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget


class Page(QWidget):
    """Base of every page in the main window's stack.

    Signals:
        status_message(str): a short message for the status bar (e.g. "已复制 3 行").
    """

    status_message = Signal(str)

    def can_create(self) -> bool:
        """Whether Ctrl+N (new record) applies to this page."""
        return False

    def new_record(self) -> None:
        """Ctrl+N."""

    def refresh(self) -> None:
        """F5."""

    def focus_search(self) -> None:
        """Ctrl+F."""

    def copy_selection(self, with_headers: bool = False) -> None:
        """Copy the selection as tab-separated text."""

    def save_state(self) -> None:
        """Remember layout (splitters, columns) before the window closes."""

    def page_shown(self) -> None:
        """Called each time the navigation shows this page."""


def may(actor: object, action: object) -> bool:
    """Whether ``actor`` may do ``action`` (an actor without ``may`` — a test double — may do anything)."""
    check = getattr(actor, "may", None)
    if check is None:
        return True
    try:
        return bool(check(action))
    except Exception:  # noqa: BLE001 - an unknown role is treated as read-only
        return False
