"""A page for an area that arrives in a later version: says so plainly, shows no fake data."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ipdesk.gui.common.pages.base import Page
from ipdesk.gui.icons import icon


class ComingPage(Page):
    def __init__(
        self, title: str, description: str = "", icon_name: str = "coming", parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.title = title
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        pic = QLabel()
        pic.setPixmap(icon(icon_name).pixmap(QSize(64, 64)))
        pic.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pic.setEnabled(False)
        layout.addWidget(pic)
        head = QLabel(title)
        head.setAlignment(Qt.AlignmentFlag.AlignCenter)
        head.setStyleSheet("font-size: 16pt; font-weight: bold; color: #37474f;")
        layout.addWidget(head)
        text = QLabel(
            self.tr("“{area}”将在后续版本中提供。").format(area=title)
            + ("<br>" + description if description else "")
        )
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setWordWrap(True)
        text.setStyleSheet("color: #607d8b; font-size: 11pt;")
        self.text = text
        layout.addWidget(text)
        layout.addStretch(3)
