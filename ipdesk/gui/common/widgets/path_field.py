"""A path typed or chosen with a button (a file to save or a folder), with a red problem line."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QWidget

from ipdesk.gui.common.files import last_dir
from ipdesk.gui.common.widgets.field_edit import ErrorField


class PathField(ErrorField):
    """A path typed or chosen with a button (file to save or folder), with a red problem line."""

    def __init__(self, *, folder: bool, caption: str, filters: str = "", parent: QWidget | None = None):
        from PySide6.QtWidgets import QLineEdit

        self.line_edit = QLineEdit()
        self.browse = QPushButton(self.tr("浏览…"))
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line_edit, 1)
        row.addWidget(self.browse)
        box.line_edit = self.line_edit  # type: ignore[attr-defined]  # ErrorField marks the line edit red
        super().__init__(box, parent)
        self.folder, self.caption, self.filters = folder, caption, filters
        self.browse.clicked.connect(self.choose)
        self.setFocusProxy(self.line_edit)

    def text(self) -> str:
        return self.line_edit.text().strip()

    def setText(self, text: str) -> None:
        self.line_edit.setText(text)

    def path(self) -> Path | None:
        return Path(self.text()).expanduser() if self.text() else None

    def choose(self) -> None:
        start = self.text() or last_dir()
        if self.folder:
            chosen = QFileDialog.getExistingDirectory(self, self.caption, start)
        else:
            chosen, _f = QFileDialog.getSaveFileName(self, self.caption, start, self.filters)
        if chosen:
            self.setText(chosen)
