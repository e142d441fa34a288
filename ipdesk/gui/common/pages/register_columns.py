"""The columns of a register table: restored and remembered order, widths, hidden columns and sort, a
first-start fit to the rows, the columns menu."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import QByteArray, QCoreApplication, QPoint, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QMenu

from ipdesk.gui.common.models.lazy_table import BadgeToneRole
from ipdesk.gui.settings import SPLITTER_STATE, TABLE_HEADER
from ipdesk.services.paging import Query

#: a long text column (a title, a name) is wider than this at its content; numbers and dates are not
LONG_TEXT = 140
#: a long text column is never fitted narrower than this (about seven Chinese characters)
TEXT_FLOOR = 96


def _take(widths: dict[int, int], spare: dict[int, int], excess: int) -> int:
    """Take ``excess`` pixels from the columns in ``spare`` in proportion to what each can spare (rounded
    up, so never a pixel over); returns what they could not give."""
    total = sum(spare.values())
    if excess <= 0 or total <= 0:
        return max(0, excess)
    for col, can in spare.items():
        widths[col] -= min(can, -(-excess * can // total))
    return max(0, excess - total)


class RegisterColumns:
    """The column half of :class:`~ipdesk.gui.common.pages.register_page.RegisterPage` (a mixin: it uses
    the page's ``table``, ``model``, ``splitter``, ``toolbar``, ``columns_action``, ``key`` and settings).

    Strings are translated in the context ``RegisterPage``, where they have always been.
    """

    table: Any
    model: Any
    splitter: Any
    toolbar: Any
    columns_action: Any
    key: str
    _settings: Any
    status_message: Any
    #: columns hidden on first start, in this order, while the others do not fit the table's width
    fit_hides: tuple[str, ...] = ()

    def _init_columns(self, hidden_columns: Sequence[str], default_sort: tuple[str, bool] | None) -> None:
        header = self.table.horizontalHeader()
        state = self._settings.get(TABLE_HEADER, self.key)
        restored = not state.isEmpty() and header.restoreState(state)
        self._needs_autosize = not restored
        if not restored:
            for key in hidden_columns:
                col = self.model.column_index(key)
                if col >= 0:
                    header.setSectionHidden(col, True)
            section = self.model.column_index(default_sort[0]) if default_sort else -1
            order = (
                Qt.SortOrder.DescendingOrder
                if default_sort and default_sort[1]
                else Qt.SortOrder.AscendingOrder
            )
            header.setSortIndicator(section, order)
        self._sort_section = header.sortIndicatorSection()
        self._sort_order = header.sortIndicatorOrder()
        header.setSortIndicatorShown(True)
        header.setSortIndicatorClearable(True)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.table.setSortingEnabled(True)  # sorts by the remembered indicator (in SQL) or not at all
        self._header_timer = QTimer(self)
        self._header_timer.setSingleShot(True)
        self._header_timer.setInterval(500)
        self._header_timer.timeout.connect(self._save_header)
        header.sectionMoved.connect(lambda *_: self._header_timer.start())
        header.sectionResized.connect(lambda *_: self._header_timer.start())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._needs_autosize and not getattr(self, "_waiting_for_rows", False):
            # First start: fit the columns to the first rows once, then remember. An empty register (demo
            # data still loading) or rows still being read in the background would fit the headers only,
            # and that layout would be remembered: wait until the first rows are on screen.
            self._waiting_for_rows = True
            self.model.modelReset.connect(self._autosize_soon)
            self.model.dataChanged.connect(self._autosize_soon)
            self._autosize_soon()

    def _autosize_soon(self, *_: object) -> None:
        # Look after the signal's other slots ran: a lazy model that has just been counted starts reading
        # its first page right after its reset, and only its arrival (dataChanged) brings the cells.
        QTimer.singleShot(0, self, self._autosize_when_filled)  # not after the page is gone

    def _autosize_when_filled(self) -> None:
        if not self._needs_autosize or not shiboken6.isValid(self.model) or self.model.rowCount() == 0:
            return
        idle = getattr(self.model, "idle", True)  # a lazy model reads in the background
        if not idle:
            return
        self._needs_autosize = False
        self.model.modelReset.disconnect(self._autosize_soon)
        self.model.dataChanged.disconnect(self._autosize_soon)
        self.autosize_columns()
        self.fit_columns()

    def autosize_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(100)  # look at the visible rows, never the whole register
        for col in range(self.model.columnCount() - 1):  # the last column stretches
            if not header.isSectionHidden(col):
                self.table.resizeColumnToContents(col)
                header.resizeSection(col, max(72, min(header.sectionSize(col) + 12, 260)))

    def fit_columns(self) -> None:
        """First start: make the visible columns fit the table's width (no sideways scrolling at 1360 px).

        The columns in :attr:`fit_hides` are hidden while the others would not fit even at their least;
        then the long texts (titles, names) give up width in proportion to what they can spare and elide
        (the view's ElideRight); then numbers, dates, amounts and badges lose their spare pixels, never
        their content.
        """
        table, header = self.table, self.table.horizontalHeader()
        visible = [c for c in range(self.model.columnCount()) if not header.isSectionHidden(c)]
        if not visible:
            return
        room = table.viewport().width()
        bar = table.verticalScrollBar()
        if not bar.isVisible():  # more rows may bring it: leave its room
            room -= bar.sizeHint().width()
        last = max(visible, key=header.visualIndex)
        widths = {c: header.sectionSize(c) for c in visible}
        content = {c: max(table.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in visible}
        widths[last] = content[last]  # it stretches over what is left; it needs its content at least
        if sum(widths.values()) <= room:
            return
        texts = [c for c in visible if self._is_long_text(c, content[c])]
        slack = {c: max(0, widths[c] - max(TEXT_FLOOR, header.sectionSizeHint(c))) for c in texts}
        padding = {c: max(0, widths[c] - content[c] - 6) for c in visible if c not in texts}
        for key in self.fit_hides:
            col = self.model.column_index(key)
            if sum(widths.values()) - sum(slack.values()) - sum(padding.values()) <= room:
                break
            if col in widths and col != last and col not in texts:
                header.setSectionHidden(col, True)
                del widths[col], padding[col]
        excess = _take(widths, slack, sum(widths.values()) - room)  # the long texts elide first
        _take(widths, padding, excess)  # then the others lose their spare pixels, never their content
        for c, width in widths.items():  # the last one too: it stretches from here, not from its old size
            header.resizeSection(c, width)
        self._header_timer.start()

    def _is_long_text(self, col: int, content: int) -> bool:
        """A title or a name: left-aligned, no badge, wider than a number or a date."""
        columns = self.model.columns
        if col >= len(columns) or columns[col].align_right or content <= LONG_TEXT:
            return False
        return not (self.model.rowCount() and self.model.index(0, col).data(BadgeToneRole))

    def _sort_changed(self, section: int, order: Qt.SortOrder) -> None:
        columns = self.model.columns
        if 0 <= section < len(columns) and not columns[section].sortable:
            header = self.table.horizontalHeader()
            header.blockSignals(True)  # this column cannot be sorted in SQL: put the indicator back
            header.setSortIndicator(self._sort_section, self._sort_order)
            header.blockSignals(False)
            self.status_message.emit(QCoreApplication.translate("RegisterPage", "这一列不能排序"))
            return
        if section < 0:
            self.model.set_query(Query(self.model.query.search, self.model.query.filters))
        self._sort_section, self._sort_order = section, order
        self._header_timer.start()

    def _save_header(self) -> None:
        self._settings.set(TABLE_HEADER, QByteArray(self.table.horizontalHeader().saveState()), self.key)

    def _save_splitter(self) -> None:
        self._settings.set(SPLITTER_STATE, QByteArray(self.splitter.saveState()), self.key)

    def columns_menu(self) -> QMenu:
        menu = QMenu(self)
        header = self.table.horizontalHeader()
        visible = [c for c in range(self.model.columnCount()) if not header.isSectionHidden(c)]
        for col in sorted(range(self.model.columnCount()), key=header.visualIndex):
            action = menu.addAction(str(self.model.headerData(col, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(col))
            action.setEnabled(not (len(visible) == 1 and col in visible))  # keep at least one column
            action.toggled.connect(lambda on, c=col: self.set_column_visible(c, on))
        return menu

    def set_column_visible(self, column: int, visible: bool) -> None:
        self.table.horizontalHeader().setSectionHidden(column, not visible)
        self._save_header()

    def _header_menu(self, pos: QPoint) -> None:
        self.columns_menu().exec(self.table.horizontalHeader().mapToGlobal(pos))

    def _columns_menu_at_toolbar(self) -> None:
        button = self.toolbar.widgetForAction(self.columns_action)
        where = button.mapToGlobal(QPoint(0, button.height())) if button else self.mapToGlobal(QPoint(0, 0))
        self.columns_menu().exec(where)
