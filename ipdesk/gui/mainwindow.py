"""MainWindow: left navigation (icons + labels), the pages in a stack, menus and the status bar.

Pages are built the first time their area is shown, so start-up touches only the area the clerk left
open last. Keyboard: Alt+1…Alt+9, Alt+0 switch areas; Ctrl+N / Ctrl+F / F5 go to the current page.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QByteArray, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QStackedWidget,
    QWidget,
)

from ipdesk import __version__
from ipdesk.gui import messages
from ipdesk.gui.areas import AREAS, AreaSpec
from ipdesk.gui.common.clock import use_clock
from ipdesk.gui.common.database import describe_database
from ipdesk.gui.common.pages.base import Page, may
from ipdesk.gui.common.pages.coming_page import ComingPage
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import LANGUAGES, current_lang
from ipdesk.gui.icons import icon
from ipdesk.gui.ops import set_key_unlocker
from ipdesk.gui.settings import CURRENT_AREA, LANGUAGE, WINDOW_GEOMETRY, WINDOW_STATE, Settings, settings
from ipdesk.gui.tasks import TaskRunner, runner
from ipdesk.storage import writelock

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """The workstation window.

    Args:
        workstation: config, actor and services (``ipdesk.services.workstation.Workstation``).
        on_language: called with ``"zh_CN"``/``"en"`` when the user switches language; the app rebuilds
            the window in the new language. Without it the choice is saved for the next start.
        remember: restore and save window geometry and layout (False for the self-check).
        areas: the navigation areas (default :data:`ipdesk.gui.areas.AREAS`).
        on_sign_out: what 注销 / 切换用户 (File menu) does; without it the action is hidden.

    Signals:
        closed(): after the window saved its state and closed.
        changes_made(changes): an operation committed ``changes`` (a ``Changes``); see
            :meth:`broadcast_changes`.
    """

    closed = Signal()
    changes_made = Signal(object)
    lock_wait = Signal(str)  # from a worker thread: a write waits for another program's write lock

    def __init__(self, workstation: Workstation, *, on_language: Callable[[str], None] | None = None,
                 remember: bool = True, settings_: Settings | None = None,
                 task_runner: TaskRunner | None = None, areas: Sequence[AreaSpec] | None = None,
                 on_sign_out: Callable[[], None] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.workstation = workstation
        use_clock(workstation.clock)  # date pickers and timestamps follow the workstation's office clock
        set_key_unlocker(_key_unlocker(workstation))  # a protected key: asked when needed
        self.lang = current_lang()
        self._settings = settings_ or settings()
        self._runner = task_runner or runner()
        self._on_language = on_language
        self._on_sign_out = on_sign_out
        self._remember = remember
        self._pages: dict[str, QWidget] = {}
        self._specs = {a.key: a for a in (AREAS if areas is None else areas)}
        self.setObjectName("MainWindow")
        # the application's display name ("ipdesk") is added by Qt itself: "知识产权质押登记工作站 — ipdesk"
        self.setWindowTitle(self.tr("知识产权质押登记工作站"))
        self.setMinimumSize(QSize(960, 600))

        self.areas = self.visible_areas()
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setIconSize(QSize(22, 22))
        self.nav.setFixedWidth(150)
        self.nav.setSpacing(1)
        self.nav.setFrameShape(QListWidget.Shape.NoFrame)
        self.nav.setStyleSheet(
            "QListWidget#navigation { background: #eef2f5; padding-top: 6px; }"
            "QListWidget#navigation::item { padding: 7px 6px; border-radius: 4px; margin: 0 4px;"
            " color: #263238; }"
            "QListWidget#navigation::item:selected { background: #d6e4f3; color: #0d3c6e;"
            " font-weight: bold; }"
            "QListWidget#navigation::item:hover:!selected { background: #e2e9ef; }"
        )
        self.stack = QStackedWidget()
        for i, area in enumerate(self.areas):
            item = QListWidgetItem(icon(area.icon), self.area_title(area.key))
            item.setData(Qt.ItemDataRole.UserRole, area.key)
            shortcut = self._area_shortcut(i)
            if shortcut:
                item.setToolTip(f"{self.area_title(area.key)}（{shortcut}）" if self.lang == "zh"
                                else f"{self.area_title(area.key)} ({shortcut})")
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # replaced by the real page on first show
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self.nav.currentRowChanged.connect(self._show_row)

        if remember:
            geometry = self._settings.get(WINDOW_GEOMETRY)
            if geometry.isEmpty() or not self.restoreGeometry(geometry):
                self.resize(1360, 840)
            state = self._settings.get(WINDOW_STATE)
            if not state.isEmpty():
                self.restoreState(state)
        else:
            self.resize(1360, 840)
        start = self._settings.get(CURRENT_AREA) if remember else "rights"
        keys = self.area_keys()  # a role that may not see the rights starts on its own first area
        self.show_area(start if start in keys else "rights" if "rights" in keys else keys[0] if keys else "")

    # ---- areas ----------------------------------------------------------------------------------

    def visible_areas(self) -> list[AreaSpec]:
        """The areas the actor's role may use (an area without a permission is open to every user)."""
        actor = self.workstation.actor
        return [a for a in self._specs.values() if a.permission is None or may(actor, a.permission)]

    def area_keys(self) -> list[str]:
        return [a.key for a in self.areas]

    def area_spec(self, key: str) -> AreaSpec:
        return self._specs[key]

    def area_title(self, key: str) -> str:
        spec = self._specs.get(key)
        return spec.title_in(self.lang) if spec else key

    def area_description(self, key: str) -> str:
        spec = self._specs.get(key)
        return spec.description_in(self.lang) if spec else ""

    def current_area(self) -> str:
        row = self.nav.currentRow()
        return self.areas[row].key if 0 <= row < len(self.areas) else ""

    def show_area(self, key: str) -> None:
        keys = self.area_keys()
        if key in keys:
            self.nav.setCurrentRow(keys.index(key))

    def page(self, key: str) -> QWidget:
        """The page of an area, built on first use."""
        page = self._pages.get(key)
        if page is None:
            page = self._make_page(key)
            if isinstance(page, Page):
                page.status_message.connect(lambda msg: self.statusBar().showMessage(msg, 5000))
            index = self.area_keys().index(key)
            old = self.stack.widget(index)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(old)
            old.deleteLater()
            self._pages[key] = page
        return page

    def current_page(self) -> QWidget | None:
        key = self.current_area()
        return self._pages.get(key) if key else None

    def _make_page(self, key: str) -> QWidget:
        spec = self._specs[key]
        try:
            page = spec.build(self) if spec.build is not None else None
        except Exception:
            log.exception("building the %s page failed", key)
            page = None
            message = self.tr("无法打开“{area}”，详情见日志").format(area=self.area_title(key))
            self.statusBar().showMessage(message, 8000)
        if page is None:
            page = ComingPage(self.area_title(key), self.area_description(key), spec.icon)
        return page

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self.areas):
            return
        key = self.areas[row].key
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        if isinstance(page, Page):
            page.page_shown()
        self._update_page_actions()
        if self._remember:
            self._settings.set(CURRENT_AREA, key)

    # ---- actions and menus ----------------------------------------------------------------------

    def _build_actions(self) -> None:
        def act(text: str, icon_name: str = "", shortcut: QKeySequence | str | None = None,
                slot: Callable[[], Any] | None = None, name: str = "") -> QAction:
            action = QAction(icon(icon_name), text, self) if icon_name else QAction(text, self)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            if slot is not None:
                action.triggered.connect(lambda _c=False: slot())
            if name:
                action.setObjectName(name)
            self.addAction(action)
            return action

        self.import_action = act(self.tr("导入…"), "import", "Ctrl+I", self.import_file, "action_import")
        self.verify_action = act(self.tr("验证通知书…"), "verify", "Ctrl+Shift+V", self.verify_notice, "action_verify")
        self.gazette_action = act(self.tr("导出公告…"), "export", None, self.export_gazette, "action_gazette")
        keys = QKeySequence.StandardKey
        self.quit_action = act(self.tr("退出"), "quit", keys.Quit, self.close, "action_quit")
        self.sign_out_action = act(self.tr("注销 / 切换用户…"), "", None, self._sign_out, "action_sign_out")
        self.sign_out_action.setVisible(self._on_sign_out is not None)
        self.new_action = act(self.tr("新建"), "add", keys.New, self._page_new, "action_new")
        self.find_action = act(self.tr("查找"), "search", keys.Find, self._page_find, "action_find")
        self.refresh_action = act(self.tr("刷新"), "refresh", keys.Refresh, self._page_refresh,
                                  "action_refresh")
        if self.refresh_action.shortcut() != QKeySequence("F5"):
            self.refresh_action.setShortcuts([QKeySequence("F5"), *self.refresh_action.shortcuts()])
        self.copy_action = act(self.tr("复制选中行"), "copy", None, self._page_copy, "action_copy_rows")
        self.area_actions: list[QAction] = []
        for i, area in enumerate(self.areas):
            action = act(self.area_title(area.key), area.icon, self._area_shortcut(i) or None,
                         lambda k=area.key: self.show_area(k), f"action_area_{area.key}")
            self.area_actions.append(action)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for locale, name in LANGUAGES.items():
            action = QAction(name, self)
            action.setCheckable(True)
            action.setChecked(locale == self._settings.get(LANGUAGE))
            action.triggered.connect(lambda _c=False, loc=locale: self.set_language(loc))
            self.language_group.addAction(action)
            self.language_actions[locale] = action
        self.about_action = QAction(icon("help"), self.tr("关于 ipdesk"), self)
        self.about_action.triggered.connect(self.show_about)
        self.keys_action = QAction(self.tr("快捷键"), self)
        self.keys_action.triggered.connect(self.show_shortcuts)

    @staticmethod
    def _area_shortcut(i: int) -> str:
        return f"Alt+{(i + 1) % 10}" if i < 10 else ""

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("文件(&F)"))
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.verify_action)
        file_menu.addAction(self.gazette_action)
        file_menu.addSeparator()
        file_menu.addAction(self.sign_out_action)
        file_menu.addAction(self.quit_action)
        edit = bar.addMenu(self.tr("编辑(&E)"))
        edit.addAction(self.new_action)
        edit.addAction(self.find_action)
        edit.addAction(self.copy_action)
        edit.addSeparator()
        edit.addAction(self.refresh_action)
        view = bar.addMenu(self.tr("视图(&V)"))
        for action in self.area_actions:
            view.addAction(action)
        view.addSeparator()
        lang_menu = view.addMenu(icon("language"), self.tr("语言 / Language"))
        for action in self.language_actions.values():
            lang_menu.addAction(action)
        help_menu = bar.addMenu(self.tr("帮助(&H)"))
        help_menu.addAction(self.keys_action)
        help_menu.addAction(self.about_action)
        self.menus = {"file": file_menu, "edit": edit, "view": view, "help": help_menu, "language": lang_menu}

    def _update_page_actions(self) -> None:
        page = self.current_page()
        is_page = isinstance(page, Page)
        self.new_action.setEnabled(is_page and page.can_create())  # type: ignore[union-attr]
        self.find_action.setEnabled(is_page)
        self.refresh_action.setEnabled(is_page)
        self.copy_action.setEnabled(is_page)
        self.import_action.setVisible(self.import_available())

    def import_available(self) -> bool:
        from ipdesk.gui.registry.import_dialog import import_supported

        return import_supported(self.workstation)

    def _page_new(self) -> None:
        page = self.current_page()
        if isinstance(page, Page) and page.can_create():
            page.new_record()

    def _page_find(self) -> None:
        page = self.current_page()
        if isinstance(page, Page):
            page.focus_search()

    def _page_refresh(self) -> None:
        page = self.current_page()
        if isinstance(page, Page):
            page.refresh()

    def _page_copy(self) -> None:
        page = self.current_page()
        if isinstance(page, Page):
            page.copy_selection()

    def _sign_out(self) -> None:
        if self._on_sign_out is not None:
            self._on_sign_out()

    def verify_notice(self) -> None:
        from ipdesk.gui.notices.verify_dialog import open_verify_dialog

        open_verify_dialog(self, self.workstation, lang=self.lang)

    def export_gazette(self) -> None:
        from ipdesk.gui.notices.gazette_dialog import export_gazette_dialog

        export_gazette_dialog(self, self.workstation, lang=self.lang)

    def import_file(self) -> None:
        from ipdesk.gui.registry.import_dialog import start_import

        start_import(self)

    def broadcast_changes(self, changes: Any) -> None:
        """An operation committed ``changes``: tell every built page whose area watches one of their kinds.

        Hidden pages are told too (their reads run in the background), so switching to one shows what
        is current without F5; pages not built yet read everything when first shown.
        """
        if not changes:
            return
        self.changes_made.emit(changes)
        for key, page in list(self._pages.items()):
            if isinstance(page, Page) and changes.touches(self._specs[key].watches):
                page.changes_applied(changes)

    # ---- status bar -----------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        config = self.workstation.config
        db = self.workstation.database_description or describe_database(config.database_url)
        self.db_label = QLabel(self.tr("数据库：{db}").format(db=db))
        self.db_label.setToolTip(self.tr("数据目录：{path}").format(path=config.data_dir))
        actor = self.workstation.actor
        self.user_label = QLabel(self.tr("用户：{user}（{role}）").format(
            user=actor.username, role=self.role_title(str(getattr(actor.role, "value", actor.role)))))
        self.work_label = QLabel()
        self.work_bar = QProgressBar()
        self.work_bar.setRange(0, 0)
        self.work_bar.setMaximumWidth(120)
        self.work_bar.setMaximumHeight(14)
        self.work_bar.setTextVisible(False)
        for w in (self.work_label, self.work_bar):
            w.hide()
            bar.addPermanentWidget(w)
        bar.addPermanentWidget(self.user_label)
        bar.addPermanentWidget(self.db_label)
        self._runner.active_changed.connect(self._work_changed)
        self._work_changed(self._runner.active_count)
        self.lock_wait.connect(lambda message: bar.showMessage(message, 3000))
        window = weakref.ref(self)  # the listener must not keep a closed window alive

        def lock_wait(holder: writelock.Holder | None, seconds: float) -> None:
            shown = window()
            if shown is not None:
                shown.lock_wait.emit(writelock.wait_problem(holder, seconds).message(shown.lang))

        self._stop_lock_notices = writelock.on_wait(lock_wait)
        self.destroyed.connect(self._stop_lock_notices)

    def role_title(self, role: str) -> str:
        titles = {
            "clerk": self.tr("登记员"),
            "approver": self.tr("审核员"),
            "agency": self.tr("处置机构"),
            "custodian": self.tr("托管员"),
            "insurer": self.tr("保险经办"),
            "auditor": self.tr("审计员"),
            "admin": self.tr("管理员"),
        }
        return titles.get(role, role)

    def _work_changed(self, count: int) -> None:
        self.work_label.setText(self.tr("后台任务：{n}").format(n=count))
        self.work_label.setVisible(count > 0)
        self.work_bar.setVisible(count > 0)

    # ---- language, help, closing ----------------------------------------------------------------

    def set_language(self, locale: str) -> None:
        if locale not in LANGUAGES or locale == self._settings.get(LANGUAGE):
            return
        self._settings.set(LANGUAGE, locale)
        if self._on_language is not None:
            self._on_language(locale)
            return
        messages.tell(self, self.tr("语言"), self.tr("界面语言将在下次启动 ipdesk 时切换。")
                      + "\n" + "The interface language changes the next time ipdesk starts.")

    def show_about(self) -> None:
        messages.about(self, self.tr("关于 ipdesk"), self.tr(
            "<b>ipdesk {version}</b><br>知识产权质押登记与处置工作站。<br>数据库：{db}").format(
                version=__version__, db=self.db_label.text()))

    def show_shortcuts(self) -> None:
        rows = [
            ("Ctrl+N", self.tr("新建当前页面的记录")), ("Ctrl+F", self.tr("搜索")), ("F5", self.tr("刷新")),
            ("Ctrl+C", self.tr("复制选中行（制表符分隔）")), ("Enter", self.tr("编辑选中的记录")),
            ("Ctrl+S", self.tr("在表单中保存")), ("Esc", self.tr("关闭对话框")),
            ("Alt+1 … Alt+0", self.tr("切换导航区域")),
            ("Ctrl+I", self.tr("导入")),
            ("Ctrl+Q", self.tr("退出")),
        ]
        cells = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in rows)
        html = f"<table>{cells}</table>"
        messages.tell(self, self.tr("快捷键"), html)

    def save_state(self) -> None:
        for page in self._pages.values():
            if isinstance(page, Page):
                page.save_state()
        if self._remember:
            self._settings.set(WINDOW_GEOMETRY, QByteArray(self.saveGeometry()))
            self._settings.set(WINDOW_STATE, QByteArray(self.saveState()))
            self._settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._stop_lock_notices()
        self.save_state()
        super().closeEvent(event)
        self.closed.emit()


def _key_unlocker(workstation: Workstation) -> Callable[[str], None]:
    """Hands a typed passphrase to the workstation's office key, found when it is typed: the notices'
    service is built on first use, not for the window to start."""

    def unlock(passphrase: str) -> None:
        keys = getattr(getattr(workstation, "notices", None), "keys", None)
        if keys is not None:
            keys.supply_passphrase(passphrase)

    return unlock


def app_window() -> MainWindow | None:
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow) and w.isVisible():
            return w
    return None
