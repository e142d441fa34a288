"""Drafts of forms being typed, kept in files so a crash or a kill loses at most a few seconds of typing.

Why files in the data folder and not a table: a draft is one user's unfinished typing on one machine, not
register data. A file is written atomically (temporary file, then rename) in a millisecond, off the
database's single writer, without an audit entry, a migration or a maker-checker step; it survives a
database that is down or locked (often the reason of the crash), and never shows up on a PostgreSQL
server that other clerks share. ``<data folder>/drafts/<user>/<kind>-<id>.json``, one per open form.

:class:`DraftKeeper` saves a form's values every few seconds while it changes and whenever the focus leaves
a field; the draft goes when the form is saved or its changes are discarded on purpose.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ipdesk.domain.shared.clock import Clock
from ipdesk.services.notices.service import atomic_write

#: a form's values are written this long after the last change at most (and on leaving a field)
DRAFT_INTERVAL_MS = 3000
_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


@dataclass(frozen=True)
class Draft:
    """One stored draft: what form (``kind``), a short description, when, and the form's values."""

    id: str
    kind: str
    title: str
    saved_at: datetime
    values: dict[str, Any]
    path: Path


class DraftStore:
    """The drafts of one user under ``folder`` (the data folder's ``drafts``)."""

    def __init__(self, folder: Path, user: str, clock: Clock):
        self.folder = Path(folder) / (_SAFE.sub("_", user) or "_")
        self.clock = clock

    @classmethod
    def of(cls, workstation: Any) -> DraftStore:
        actor = getattr(workstation, "actor", None)
        return cls(Path(workstation.config.data_dir) / "drafts", getattr(actor, "username", "") or "_",
                   workstation.clock)

    def path(self, kind: str, draft_id: str) -> Path:
        return self.folder / f"{_SAFE.sub('_', kind)}-{_SAFE.sub('_', draft_id)}.json"

    def save(self, kind: str, draft_id: str, title: str, values: dict[str, Any]) -> Path:
        path = self.path(kind, draft_id)
        doc = {"id": draft_id, "kind": kind, "title": title, "saved_at": self.clock.now().isoformat(),
               "values": values}
        atomic_write(path, json.dumps(doc, ensure_ascii=False, indent=1, default=str).encode("utf-8"))
        return path

    def drafts(self, kind: str | None = None) -> list[Draft]:
        """The drafts stored, newest first (an unreadable file is skipped, never a reason to fail)."""
        out: list[Draft] = []
        if not self.folder.is_dir():
            return out
        for path in self.folder.glob("*.json"):
            try:
                doc = json.loads(path.read_text(encoding="utf-8"))
                draft = Draft(str(doc["id"]), str(doc["kind"]), str(doc.get("title", "")),
                              datetime.fromisoformat(doc["saved_at"]), dict(doc["values"]), path)
            except (OSError, ValueError, KeyError, TypeError):
                continue
            if kind is None or draft.kind == kind:
                out.append(draft)
        return sorted(out, key=lambda d: d.saved_at, reverse=True)

    def discard(self, kind: str, draft_id: str) -> None:
        self.path(kind, draft_id).unlink(missing_ok=True)


class DraftKeeper(QObject):
    """Keeps ``form``'s draft: ``touched()`` on each edit; saved every few seconds and on leaving a field.

    ``values`` gives what to store, ``title`` a short description for the drafts list (e.g. the pledgor).
    """

    def __init__(self, form: QWidget, store: DraftStore, kind: str, values: Callable[[], dict[str, Any]],
                 title: Callable[[], str], draft_id: str | None = None):
        super().__init__(form)
        self.form, self.store, self.kind = form, store, kind
        self._values, self._title = values, title
        self.draft_id = draft_id or uuid.uuid4().hex[:12]
        self.saved_path: Path | None = None
        self._pending = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DRAFT_INTERVAL_MS)
        self._timer.timeout.connect(self.save_now)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def touched(self) -> None:
        self._pending = True
        if not self._timer.isActive():  # every few seconds while typing, not only after a pause
            self._timer.start()

    def _focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        if not (shiboken6.isValid(self) and shiboken6.isValid(self.form)):  # the form is gone: so is this
            self._detach()
            return
        if self._pending and old is not None and self.form.isAncestorOf(old):
            self.save_now()  # after each field

    def save_now(self) -> None:
        self._timer.stop()
        if not self._pending:
            return
        self._pending = False
        try:
            self.saved_path = self.store.save(self.kind, self.draft_id, self._title(), self._values())
        except OSError:
            self._pending = True  # a full disk: try again on the next change

    def discard(self) -> None:
        """The form was saved or its changes thrown away on purpose: the draft has no use any more."""
        self._timer.stop()
        self._pending = False
        self._detach()
        self.store.discard(self.kind, self.draft_id)

    def _detach(self) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            try:
                app.focusChanged.disconnect(self._focus_changed)
            except (RuntimeError, TypeError):
                pass
