"""The settings area, in tabs: this workstation (UI language, rows per page, database URL override, where
files live) and, when the workstation has the office services, the office-wide settings shared through
the database (office name, number formats, service levels; the holiday calendar; the signing key)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.shared.permissions import Action
from ipdesk.gui.common.database import describe_database
from ipdesk.gui.common.pages.base import Page, may
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.errors import log_file_path
from ipdesk.gui.i18n import LANGUAGES
from ipdesk.gui.ops import report_failure
from ipdesk.gui.settings import DATABASE_URL, LANGUAGE, PAGE_SIZE, Settings, settings
from ipdesk.gui.tasks import TaskRunner, runner


class SettingsPage(Page):
    """Edits the registered options that a clerk or an administrator may change."""

    def __init__(
        self,
        workstation: Workstation,
        *,
        on_language: Any = None,
        settings_: Settings | None = None,
        task_runner: TaskRunner | None = None,
        extra_tabs: Sequence[QWidget] = (),
        parent: QWidget | None = None,
    ):
        """``extra_tabs``: later contexts' settings forms (``ipdesk.gui.areas`` gives them), each with a
        ``title`` and ``reload()`` / ``submit()``: a tab each after the office's."""
        super().__init__(parent)
        self.workstation = workstation
        self._settings = settings_ or settings()
        self._on_language = on_language
        self._runner = task_runner or runner()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        title = QLabel(self.tr("设置"))
        title.setStyleSheet("font-size: 14pt; font-weight: bold; color: #263238;")
        outer.addWidget(title)
        self.tabs = QTabWidget()
        outer.addWidget(self.tabs, 1)
        local = QWidget()
        layout = QVBoxLayout(local)
        layout.setContentsMargins(0, 0, 0, 0)

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
        config = workstation.config
        current = workstation.database_description or describe_database(config.database_url)
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
        ff.addRow(self.tr("数据目录："), _selectable(str(config.data_dir)))
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
        self.local_tab = _scrolled(local)
        self.tabs.addTab(self.local_tab, self.tr("本机"))

        # office-wide settings: only when the workstation has the services (a test double may not)
        self.office_form: Any = None
        self.holiday_editor: Any = None
        self.key_panel: Any = None
        self.keys_panel: Any = None  # the administrator's key acts
        if workstation.office is not None:
            from ipdesk.gui.office.holiday_editor import HolidayEditor
            from ipdesk.gui.office.office_settings import OfficeSettingsForm

            self.office_form = OfficeSettingsForm(workstation, task_runner=self._runner)
            self.office_tab = _scrolled(self.office_form)
            self.tabs.addTab(self.office_tab, self.tr("登记机关"))
            self.holiday_editor = HolidayEditor(workstation, task_runner=self._runner)
            self.holiday_tab = _scrolled(self.holiday_editor)
            self.tabs.addTab(self.holiday_tab, self.tr("节假日与调休"))
        if workstation.notices is not None:
            from ipdesk.gui.office.signing_key import SigningKeyPanel

            self.key_panel = SigningKeyPanel(workstation, task_runner=self._runner)
            keys_page: QWidget = self.key_panel
            if may(workstation.actor, Action.ADMINISTER):  # the key acts are the administrator's
                from ipdesk.gui.office.office_keys import OfficeKeysPanel

                self.keys_panel = OfficeKeysPanel(workstation, task_runner=self._runner)
                self.keys_panel.done.connect(lambda _m: self.reload())  # a new key id for the panel above
                keys_page = QWidget()
                both = QVBoxLayout(keys_page)
                both.setContentsMargins(0, 0, 0, 0)
                both.addWidget(self.key_panel)
                both.addWidget(self.keys_panel)
            self.key_tab = _scrolled(keys_page)
            self.tabs.addTab(self.key_tab, self.tr("签章密钥"))
        self.extra_tabs: list[tuple[QScrollArea, Any]] = []
        for form in extra_tabs:
            tab = _scrolled(form)
            self.tabs.addTab(tab, str(getattr(form, "title", "")))
            self.extra_tabs.append((tab, form))
        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save.activated.connect(self.save_current)
        self._loading = False
        self.reload()

    # ---- office settings -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the office settings, the calendar and the key id off the GUI thread (sections with unsaved
        changes keep them)."""
        for _tab, form in self.extra_tabs:
            form.reload()
        office, notices = self.workstation.office, self.workstation.notices
        if (office is None and notices is None) or self._loading:
            return

        def read() -> tuple[Any, Any, str]:
            return (
                office.settings() if office is not None else None,
                office.calendar() if office is not None else None,
                notices.key.key_id if notices is not None else "",
            )

        def loaded(result: tuple[Any, Any, str]) -> None:
            if not shiboken6.isValid(self):  # the page was closed while reading
                return
            self._loading = False
            s, calendar, key_id = result
            if self.office_form is not None and not self.office_form.dirty and s is not None:
                self.office_form.load(s)
            if self.holiday_editor is not None and not self.holiday_editor.dirty and calendar is not None:
                self.holiday_editor.load(calendar)
            if self.key_panel is not None:
                self.key_panel.set_key_id(key_id)
            if self.keys_panel is not None:
                self.keys_panel.reload()

        def failed(exc: BaseException, _tb: str) -> None:
            if not shiboken6.isValid(self):
                return
            self._loading = False
            report_failure(self, exc)

        self._loading = True
        self._runner.run(read, on_result=loaded, on_error=failed, name="read office settings")

    def refresh(self) -> None:
        self.reload()

    def page_shown(self) -> None:
        self.reload()  # another workstation may have changed the shared settings

    def save_current(self) -> None:
        """Ctrl+S: save the tab shown."""
        current = self.tabs.currentWidget()
        if current is self.local_tab:
            self.apply()
        elif self.office_form is not None and current is self.office_tab:
            self.office_form.submit()
        elif self.holiday_editor is not None and current is self.holiday_tab:
            self.holiday_editor.submit()
        else:
            for tab, form in self.extra_tabs:
                if current is tab:
                    form.submit()

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


def _scrolled(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    widget.setContentsMargins(8, 8, 8, 8)
    return area
