"""Page: what the main window expects of every area it shows (hooks for Ctrl+N, Ctrl+F, F5, Ctrl+C)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.views import View, sees


class Page(QWidget):
    """Base of every page in the main window's stack.

    Signals:
        status_message(str): a short message for the status bar (e.g. "已复制 3 行").
    """

    status_message = Signal(str)

    def changes_applied(self, changes: Any) -> None:
        """An operation changed what this page shows (``changes``: a ``Changes`` touching the kinds its
        area watches, ``ipdesk.gui.areas.AreaSpec.watches``, or made from this page): read again."""
        self.refresh()

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


def may(actor: Actor | None, action: Action | View) -> bool:
    """Whether ``actor`` may do ``action`` (or look at a ``View``); fails closed: no actor, an object that
    cannot say, or an unknown role is not allowed (the services check again, but the GUI must not offer
    what they will refuse)."""
    check = getattr(actor, "may", None)
    if actor is None or not callable(check):
        return False
    try:
        if isinstance(action, View):
            return isinstance(actor, Actor) and sees(actor, action)
        return check(action) is True
    except Exception:
        return False
