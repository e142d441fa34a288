"""The settings area: UI language, rows per page, database URL override, and where files live."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ipdesk.gui.errors import log_file_path
from ipdesk.gui.i18n import LANGUAGES
from ipdesk.gui.mainwindow import describe_database
from ipdesk.gui.pages.base import Page
from ipdesk.gui.settings import DATABASE_URL, LANGUAGE, PAGE_SIZE, Settings, settings


class SettingsPage(Page):
    """Edits the registered options that a clerk or an administrator may change."""

    def __init__(
        self,
        workstation: Any,
        *,
        on_language: Any = None,
        settings_: Settings | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._settings = settings_ or settings()
        self._on_language = on_language
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        title = QLabel(self.tr("设置"))
        title.setStyleSheet("font-size: 14pt; font-weight: bold; color: #263238;")
        layout.addWidget(title)

        ui = QGroupBox(self.tr("界面"))
        form = QFormLayout(ui)
        self.language = QComboBox()
        for locale, name in LANGUAGES.items():
            self.language.addItem(name, locale)
        self.language.setCurrentIndex(max(0, self.language.findData(self._settings.get(LANGUAGE))))
        form.addRow(self.tr("界面语言："), self.language)
        self.page_size = QSpinBox()
        self.page_size.setRange(50, 2000)
        self.page_size.setSingleStep(50)
        self.page_size.setValue(self._settings.get(PAGE_SIZE))
        self.page_size.setToolTip(self.tr("表格每次从数据库读取的行数；打开页面后生效"))
        form.addRow(self.tr("每页读取行数："), self.page_size)
        layout.addWidget(ui)

        db = QGroupBox(self.tr("数据库"))
        dbf = QFormLayout(db)
        config = getattr(workstation, "config", None)
        current = getattr(workstation, "database_description", None) or describe_database(
            getattr(config, "database_url", "")
        )
        dbf.addRow(self.tr("当前数据库："), _selectable(str(current)))
        self.database_url = QLineEdit(self._settings.get(DATABASE_URL))
        self.database_url.setPlaceholderText("postgresql+psycopg://user@server:5432/ipdesk")
        self.database_url.setClearButtonEnabled(True)
        dbf.addRow(self.tr("共享数据库地址："), self.database_url)
        note = QLabel(
            self.tr(
                "留空则使用本机内置的 SQLite 数据库。修改在下次启动时生效；"
                "环境变量 IPDESK_DATABASE_URL 或命令行 --database 优先。"
            )
        )
        note.setWordWrap(True)
        note.setStyleSheet("color: #607d8b;")
        dbf.addRow("", note)
        layout.addWidget(db)

        files = QGroupBox(self.tr("文件位置"))
        ff = QFormLayout(files)
        ff.addRow(self.tr("数据目录："), _selectable(str(getattr(config, "data_dir", "-"))))
        ff.addRow(self.tr("设置文件："), _selectable(self._settings.file_name()))
        ff.addRow(self.tr("日志文件："), _selectable(log_file_path() or "-"))
        layout.addWidget(files)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.saved_label = QLabel()
        self.saved_label.setStyleSheet("color: #1b5e20;")
        buttons.addWidget(self.saved_label)
        self.apply_button = QPushButton(self.tr("应用"))
        self.apply_button.clicked.connect(self.apply)
        buttons.addWidget(self.apply_button)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def apply(self) -> None:
        self._settings.set(PAGE_SIZE, int(self.page_size.value()))
        self._settings.set(DATABASE_URL, self.database_url.text().strip())
        self._settings.sync()
        self.saved_label.setText(self.tr("已保存"))
        locale = self.language.currentData()
        if locale != self._settings.get(LANGUAGE):
            window = self.window()
            if hasattr(window, "set_language"):
                window.set_language(locale)
            else:
                self._settings.set(LANGUAGE, locale)


def _selectable(text: str) -> QLabel:
    label = QLabel(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label
