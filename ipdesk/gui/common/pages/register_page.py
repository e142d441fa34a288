"""RegisterPage: the one pattern every register follows — search and filters above a lazy table, a detail
pane beside it, actions in a toolbar and a context menu enabled by what is selected.

Remembered per register (settings keys ``tables/<key>/header`` and ``splitters/<key>``): column order,
widths and hidden columns, the sort column, and where the splitter sits.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.shared.cells import inert
from ipdesk.gui.common.models.lazy_table import LazyTableModel
from ipdesk.gui.common.pages.base import Page
from ipdesk.gui.common.pages.detail_pane import DetailPane, RowDetailPane
from ipdesk.gui.common.pages.register_columns import RegisterColumns
from ipdesk.gui.common.pages.register_selection import RegisterSelection
from ipdesk.gui.common.widgets.badge_delegate import BadgeDelegate
from ipdesk.gui.common.widgets.search_bar import SearchBar
from ipdesk.gui.export import export_xlsx
from ipdesk.gui.formatting import format_approx
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.icons import icon
from ipdesk.gui.ops import report_failure
from ipdesk.gui.settings import LAST_EXPORT_DIR, PAGE_SIZE, SPLITTER_STATE, Settings, settings
from ipdesk.gui.tasks import Progress, Task, TaskRunner, run_with_progress_dialog, runner
from ipdesk.services.paging import PageSource

log = logging.getLogger(__name__)

MAX_COPY_ROWS = 10_000
DETAIL_DELAY_MS = 120


@dataclass(frozen=True)
class FilterSpec:
    """A filter combo above the table: ``key`` goes into ``Query.filters``; options are (value, text)."""

    key: str
    label: str
    options: Sequence[tuple[str, str]]


@dataclass
class PageAction:
    action: QAction
    enabled_when: Callable[[list[int]], bool] | None


class RegisterPage(RegisterColumns, RegisterSelection, Page):
    """A register: search, filters, lazy table, detail pane, actions.

    Args:
        key: the register's name in settings (``"rights"``); also the object name of the table.
        source: the PageSource behind the table.
        title: the heading shown above the search bar.
        labels / badges: passed to :class:`LazyTableModel`.
        filters: filter combos shown next to the search bar.
        detail: the detail pane (default: the selected row's columns).
        hidden_columns: column keys hidden until the user shows them (first start only).

    Override :meth:`new_record` / :meth:`edit_record` (and :meth:`can_create` / :meth:`can_edit`) to
    enable the "new" and "edit" actions; use :meth:`add_action` for register-specific actions.
    """

    def __init__(
        self,
        key: str,
        source: PageSource,
        *,
        title: str = "",
        lang: str | None = None,
        labels: Mapping[str, Any] | None = None,
        badges: Mapping[str, Mapping[str, str]] | None = None,
        filters: Sequence[FilterSpec] = (),
        detail: DetailPane | None = None,
        hidden_columns: Sequence[str] = (),
        default_sort: tuple[str, bool] | None = None,
        value_keys: Mapping[str, str] | None = None,
        search_placeholder: str = "",
        settings_: Settings | None = None,
        task_runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.key = key
        self.lang = lang
        self._settings = settings_ or settings()
        self._runner = task_runner or runner()
        self._actions: dict[str, PageAction] = {}
        self._detail_generation = 0
        self.model = LazyTableModel(
            source,
            lang=lang,
            page_size=self._settings.get(PAGE_SIZE),
            labels=labels,
            badges=badges,
            value_keys=value_keys,
            task_runner=self._runner,  # count and pages in the reader pool: a slow database never freezes
            parent=self,
        )
        self.setObjectName(f"page_{key}")

        # ---- top: title, count, search, filters
        self.title_label = QLabel(title)
        self.title_label.setStyleSheet("font-size: 14pt; font-weight: bold; color: #263238;")
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: #607d8b;")
        self.search = SearchBar(self, placeholder=search_placeholder)
        self.search.search_changed.connect(self.model.set_search)
        self.filter_combos: dict[str, QComboBox] = {}
        top = QHBoxLayout()
        top.addWidget(self.title_label)
        top.addSpacing(12)
        top.addWidget(self.count_label)
        top.addStretch(1)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        for spec in filters:
            combo = QComboBox()
            combo.setObjectName(f"filter_{spec.key}")
            combo.addItem(self.tr("{label}：全部").format(label=spec.label), "")
            for value, text in spec.options:
                combo.addItem(f"{spec.label}：{text}" if lang == "zh" else f"{spec.label}: {text}", value)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.currentIndexChanged.connect(
                lambda _i, k=spec.key, c=combo: self.model.set_filter(k, c.currentData())
            )
            self.filter_combos[spec.key] = combo
            bar.addWidget(combo)
        self._chips: dict[str, QToolButton] = {}
        self._chip_bar = bar
        bar.addStretch(1)

        # ---- error strip (a page failed to load): what happened + retry
        self.error_strip = QWidget()
        strip = QHBoxLayout(self.error_strip)
        strip.setContentsMargins(8, 4, 8, 4)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #a61b1b;")
        retry = QPushButton(icon("refresh"), self.tr("重试"))
        retry.clicked.connect(self.refresh)
        strip.addWidget(self.error_label, 1)
        strip.addWidget(retry)
        self.error_strip.setStyleSheet("background: #fdecea; border-radius: 4px;")
        self.error_strip.hide()
        self.model.load_failed.connect(self._show_load_error)

        # ---- table
        self.table = QTableView()
        self.table.setObjectName(f"table_{key}")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setItemDelegate(BadgeDelegate(self.table))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(lambda _i: self._edit_selected())
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(130)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        self._init_columns(hidden_columns, default_sort)

        # ---- detail pane + splitter
        self.detail = detail or RowDetailPane(self.model.columns, lang)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName(f"splitter_{key}")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        state = self._settings.get(SPLITTER_STATE, key)
        if not state.isEmpty():
            self.splitter.restoreState(state)
        else:
            self.splitter.setSizes([900, 400])
        self.splitter.splitterMoved.connect(lambda *_: self._save_splitter())

        # ---- actions and toolbar
        self.toolbar = QToolBar()
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setIconSize(self.toolbar.iconSize() * 0.8)
        self.add_action("new", self.tr("新建"), "add", self.new_record, tip=self.tr("新建记录（Ctrl+N）"))
        self.add_action(
            "edit",
            self.tr("编辑"),
            "edit",
            self._edit_selected,
            enabled_when=lambda rows: len(rows) == 1 and self.can_edit(self.model.row_id(rows[0])),
            tip=self.tr("编辑选中的记录（Enter）"),
        )
        self.toolbar.addSeparator()
        self.add_action("refresh", self.tr("刷新"), "refresh", self.refresh, tip=self.tr("重新读取（F5）"))
        self.copy_action = self.add_action(
            "copy",
            self.tr("复制"),
            "copy",
            self.copy_selection,
            enabled_when=lambda rows: bool(rows),
            tip=self.tr("把选中的行复制为制表符分隔文本（Ctrl+C）"),
        )
        self.copy_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Copy))
        self.copy_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.copy_action)
        self.copy_headers_action = QAction(self.tr("复制（含表头）"), self)
        self.copy_headers_action.triggered.connect(lambda: self.copy_selection(with_headers=True))
        self.columns_action = self.add_action(
            "columns",
            self.tr("列"),
            "columns",
            self._columns_menu_at_toolbar,
            tip=self.tr("显示或隐藏列（拖动表头可调整顺序）"),
        )
        self.add_action(
            "export",
            self.tr("导出"),
            "export",
            self.export_view,
            tip=self.tr("把当前查询的全部结果（不只是当前屏）导出为 Excel"),
        )
        enter = QAction(self)
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(self._edit_selected)
        self.table.addAction(enter)

        # ---- layout
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addLayout(bar)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.error_strip)
        layout.addWidget(self.splitter, 1)

        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(DETAIL_DELAY_MS)
        self._detail_timer.timeout.connect(self._load_detail)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        self.model.count_changed.connect(self._update_count)
        self._update_count(self.model.rowCount())
        self.update_actions()

    # ---- hooks for subclasses -----------------------------------------------------------------------

    def can_create(self) -> bool:
        return type(self).new_record is not RegisterPage.new_record

    def can_edit(self, row_id: Any) -> bool:
        return type(self).edit_record is not RegisterPage.edit_record and row_id is not None

    def new_record(self) -> None:
        """Ctrl+N: open the add form (override)."""

    def edit_record(self, row_id: Any) -> None:
        """Enter / double-click / Edit: open the edit form (override)."""

    def add_action(
        self,
        name: str,
        text: str,
        icon_name: str,
        slot: Callable[[], Any],
        *,
        enabled_when: Callable[[list[int]], bool] | None = None,
        tip: str = "",
        toolbar: bool = True,
    ) -> QAction:
        """An action in the toolbar and the context menu, enabled when ``enabled_when(rows)`` holds.

        A name used before replaces the earlier action (a subclass's own "export" replaces the base one).
        """
        old = self._actions.pop(name, None)
        if old is not None:
            self.toolbar.removeAction(old.action)
            old.action.deleteLater()
        action = QAction(icon(icon_name), text, self)
        action.setObjectName(f"action_{name}")
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        self._actions[name] = PageAction(action, enabled_when)
        if toolbar:
            self.toolbar.addAction(action)
        return action

    def action(self, name: str) -> QAction:
        return self._actions[name].action

    def set_chip_filter(self, key: str, value: str | None, text: str = "") -> None:
        """A filter that is not one of the combos (e.g. "owner = this party"), shown as a removable chip."""
        old = self._chips.pop(key, None)
        if old is not None:
            old.deleteLater()
        if value not in (None, ""):
            chip = QToolButton()
            chip.setObjectName(f"chip_{key}")
            chip.setText(text)
            chip.setIcon(icon("clear"))
            chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            chip.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
            chip.setToolTip(self.tr("取消这个筛选条件"))
            chip.setStyleSheet(
                "QToolButton { background: #e1ecf9; border: 1px solid #b6cde8; border-radius: 10px;"
                " padding: 2px 8px; color: #1f4f8a; }"
            )
            chip.clicked.connect(lambda: self.set_chip_filter(key, None))
            self._chip_bar.insertWidget(self._chip_bar.count() - 1, chip)
            self._chips[key] = chip
        self.model.set_filter(key, value)

    # ---- selection ----------------------------------------------------------------------------------

    def update_actions(self) -> None:
        rows = self.selected_rows()
        for name, pa in self._actions.items():
            if name == "new":
                pa.action.setVisible(self.can_create())
            elif name == "edit":
                pa.action.setVisible(type(self).edit_record is not RegisterPage.edit_record)
            if pa.enabled_when is not None:
                try:
                    pa.action.setEnabled(bool(pa.enabled_when(rows)))
                except Exception:
                    log.exception("enabled_when of %s failed", name)
                    pa.action.setEnabled(False)
        self.copy_headers_action.setEnabled(bool(rows))

    def _selection_changed(self, *_args: Any) -> None:
        self.update_actions()
        self._detail_timer.start()

    def _load_detail(self) -> None:
        rows = self.selected_rows()
        self._detail_generation += 1
        if len(rows) != 1:
            self.detail.clear(len(rows))
            return
        row_id = self.model.row_id(rows[0])
        if row_id is None:
            self.detail.clear()
            return
        if not self.detail.needs_load():
            self.detail.record_id = row_id
            self.detail.present(
                [self.model.display_text(rows[0], c) for c in range(self.model.columnCount())]
            )
            return
        generation = self._detail_generation
        self.detail.show_loading()

        def done(data: Any) -> None:
            if not shiboken6.isValid(self.detail):  # the page closed while the record was being read
                return
            if generation == self._detail_generation:  # ignore answers for an older selection
                self.detail.record_id = row_id
                self.detail.present(data)

        def failed(exc: BaseException, _tb: str) -> None:
            if shiboken6.isValid(self.detail) and generation == self._detail_generation:
                log.warning("detail of %s %s failed: %s", self.key, row_id, exc)
                self.detail.show_failure(str(exc) or type(exc).__name__)

        self._runner.run(
            lambda: self.detail.load(row_id),
            on_result=done,
            on_error=failed,
            name=f"detail {self.key} {row_id}",
        )

    # ---- Page hooks ---------------------------------------------------------------------------------

    def refresh(self) -> None:
        """F5: count and read again, keeping the selected record selected if it is still there."""
        keep = self.selection_to_keep()
        self.error_strip.hide()
        self.model.refresh()
        self.reselect_when_loaded(*keep)

    def focus_search(self) -> None:
        self.search.focus_search()

    def page_shown(self) -> None:
        self.table.setFocus()

    def copy_selection(self, with_headers: bool = False, *, _retry: bool = False) -> None:
        """Copy the selected rows, visible columns in their on-screen order, as tab-separated text (rows not
        read yet are read first, once: a failed page copies as its placeholder)."""
        rows = self.selected_rows()
        if not rows:
            return
        truncated = len(rows) > MAX_COPY_ROWS
        rows = rows[:MAX_COPY_ROWS]
        unread = [r for r in rows if self.model.row_data(r) is None]  # asks the readers for their pages
        if unread and not self.model.idle and not _retry:
            self.model.when_idle(lambda: self.copy_selection(with_headers, _retry=True))
            return
        header = self.table.horizontalHeader()
        columns = [header.logicalIndex(v) for v in range(header.count())]
        columns = [c for c in columns if not header.isSectionHidden(c)]
        lines = []
        if with_headers:
            lines.append(
                "\t".join(_cell(self.model.headerData(c, Qt.Orientation.Horizontal)) for c in columns)
            )
        for r in rows:
            lines.append("\t".join(_cell(self.model.display_text(r, c)) for c in columns))
        QGuiApplication.clipboard().setText("\n".join(lines) + "\n")
        msg = self.tr("已复制 {n} 行").format(n=len(rows))
        if truncated:
            msg += self.tr("（最多复制 {max} 行）").format(max=MAX_COPY_ROWS)
        self.status_message.emit(msg)

    def export_view(self, path: Path | None = None) -> Task | None:
        """Export every row of the current query, visible columns in screen order, to an .xlsx file."""
        if path is None:
            start = Path(self._settings.get(LAST_EXPORT_DIR) or Path.home())
            name, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("导出 Excel"),
                str(start / f"{self.title_label.text() or self.key}.xlsx"),
                self.tr("Excel 工作簿 (*.xlsx)"),
            )
            if not name:
                return None
            path = Path(name)
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        self._settings.set(LAST_EXPORT_DIR, str(path.parent))
        header = self.table.horizontalHeader()
        order = [header.logicalIndex(v) for v in range(header.count())]
        visible = [c for c in order if not header.isSectionHidden(c)]
        columns = [self.model.columns[c] for c in visible]
        headers = [str(self.model.headerData(c, Qt.Orientation.Horizontal)) for c in visible]
        source, query, model = self.model.source, self.model.query, self.model

        def work(progress: Progress) -> int:
            return export_xlsx(
                source,
                query,
                columns,
                path,
                progress,
                cell=model.export_value,
                headers=headers,
                sheet_title=self.title_label.text() or self.key,
            )

        def done(n: int) -> None:
            self.last_export = (path, n)
            self.status_message.emit(self.tr("已导出 {n} 行到 {path}").format(n=f"{n:,}", path=path))

        return run_with_progress_dialog(
            self,
            self.tr("正在导出…"),
            work,
            on_result=done,
            on_error=lambda e, _tb: report_failure(self, e),
            task_runner=self._runner,
        )

    def save_state(self) -> None:
        self._save_header()
        self._save_splitter()

    # ---- context menu -------------------------------------------------------------------------------

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        for name, pa in self._actions.items():
            if name == "columns" or not pa.action.isVisible():
                continue
            menu.addAction(pa.action)
            if name == "copy":
                menu.addAction(self.copy_headers_action)
        return menu

    def _context_menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if index.isValid() and index.row() not in self.selected_rows():
            self.select_row(index.row())
        self.context_menu().exec(self.table.viewport().mapToGlobal(pos))

    # ---- misc ---------------------------------------------------------------------------------------

    def _edit_selected(self) -> None:
        row_id = self.current_id()
        if row_id is not None and self.can_edit(row_id):
            self.edit_record(row_id)

    def _update_count(self, n: int) -> None:
        kind = getattr(self.model, "count_estimate", "")
        if kind == "about":
            text = self.tr("约 {n} 条").format(n=format_approx(n, self.lang)).replace("万 条", "万条")
            tip = self.tr("估计的数量：结果很多，精确计数会拖慢查询；往下滚动时按实际行读取")
        elif kind == "at_least":
            text = self.tr("{n} 条以上").format(n=format_approx(n, self.lang)).replace("万 条", "万条")
            tip = self.tr("结果很多，只计数到这里；请缩小搜索范围")
        else:
            text, tip = self.tr("共 {n} 条").format(n=f"{n:,}"), ""
        self.count_label.setText(text)
        self.count_label.setToolTip(tip)

    def _show_load_error(self, message: str) -> None:
        self.error_label.setText(message + "  " + self.tr("请检查数据库连接后重试。"))
        self.error_strip.show()


def _cell(value: Any) -> str:
    # Pasted into Excel the copy is an export too: a formula-like cell is made inert like in the files.
    return "" if value is None else inert(str(value)).replace("\t", " ").replace("\r", " ").replace("\n", " ")
