"""LazyTableModel: a QAbstractTableModel over a PageSource, fetched page by page from SQL.

``rowCount`` is ``source.count(query)``, so the scrollbar spans the whole register (a million rights)
from the start; rows are fetched when the view asks for them, a page (200 rows) at a time, into a
bounded LRU page cache. Sorting and filtering build a new :class:`~ipdesk.services.paging.Query` and
reset the model: the SQL sorts and filters, Python never does (Anki's ``DataModel`` holds ids and a lazy
row cache; qutebrowser's ``HistoryCategory`` filters in SQL).

``data()`` never raises: a page that fails to load shows placeholder rows and the model emits
``load_failed`` once, so the page can show what happened and offer a retry.

Given a :class:`~ipdesk.gui.tasks.TaskRunner`, the count and the pages are read in its reader pool, so a
shared PostgreSQL over a slow link never freezes the window: until the count arrives the previous rows stay
on screen; a page not yet read shows "…" rows and fills in when it arrives; an answer for an older query
(the user typed on) is dropped by its generation number; each page read on demand also reads the next one
ahead (scrolling down rarely waits). Without a runner (scripts, the model's own tests) everything is read
on the calling thread, as before.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from ipdesk.gui.common.clock import office_time
from ipdesk.gui.common.models.badges import tone_colors
from ipdesk.gui.formatting import format_date, format_int, format_money
from ipdesk.gui.i18n import ui_lang
from ipdesk.services.paging import Column, PageSource, Query, estimate_kind

if TYPE_CHECKING:
    from ipdesk.gui.tasks import TaskRunner

log = logging.getLogger(__name__)

RowIdRole = Qt.ItemDataRole.UserRole + 1  # the row's ``id``
RawValueRole = Qt.ItemDataRole.UserRole + 2  # the unformatted value
BadgeToneRole = Qt.ItemDataRole.UserRole + 3  # "ok" / "warn" / "bad" / "info" / "muted" for status cells
ColumnKeyRole = Qt.ItemDataRole.UserRole + 4  # header: the column key

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_FAILED = object()  # marker of a page whose fetch failed (kept so painting does not retry in a loop)
_PLACEHOLDER_FG = QBrush(QColor("#9e9e9e"))

Labels = Mapping[str, tuple[str, str]]


class LazyTableModel(QAbstractTableModel):
    """A read-only table over a :class:`PageSource`.

    Args:
        source: the register (``count`` + ``page``), rows are dicts with an ``id``.
        lang: "zh" or "en" for headers and value labels.
        page_size: rows per SQL page.
        max_pages: pages kept in the LRU cache.
        labels: per column key, the bilingual label of each stored value (enum value → (zh, en)).
        badges: per column key, the tone of each stored value; those cells are status badges.
        value_keys: per column key, the row key holding the stored value that ``labels`` and ``badges``
            look up (e.g. ``{"legal_status": "status_value"}`` when the source already sends a label).

        task_runner: read count and pages in this runner's reader pool (default: on the calling thread).

    Signals:
        count_changed(int): after each reset, the number of rows matching the query.
        loaded(): the rows of the current query are counted and shown (after each refresh).
        load_failed(str): a count or a page could not be read (message for the user).
    """

    count_changed = Signal(int)
    loaded = Signal()
    load_failed = Signal(str)

    def __init__(
        self,
        source: PageSource,
        *,
        lang: str | None = None,
        page_size: int = 200,
        max_pages: int = 64,
        labels: Mapping[str, Labels] | None = None,
        badges: Mapping[str, Mapping[str, str]] | None = None,
        value_keys: Mapping[str, str] | None = None,
        task_runner: TaskRunner | None = None,
        parent: Any = None,
    ):
        lang = ui_lang(lang)
        super().__init__(parent)
        self._runner = task_runner
        self._generation = 0  # bumped by every refresh: answers carrying an older number are dropped
        self._loading = False  # a count is in flight; the rows on screen belong to the previous query
        self._pending: set[int] = set()  # pages being read for the current generation
        self._when_idle: list[Callable[[], Any]] = []
        self._source = source
        self._columns: list[Column] = list(source.columns)
        self._lang = lang
        self._page_size = max(1, page_size)
        self._max_pages = max(2, max_pages)
        self._labels = dict(labels or {})
        self._badges = dict(badges or {})
        self._value_keys = dict(value_keys or {})
        self._query = Query()
        self._count = 0
        self._count_kind = ""  # "" exact, "about" / "at_least": the count is an Estimate (see paging)
        self._pages: OrderedDict[int, Any] = OrderedDict()
        self._error = ""
        self._money_in_wan = False
        if self._runner is None:
            self._load_count()
        else:
            self.refresh()

    # ---- query --------------------------------------------------------------------------------------

    @property
    def source(self) -> PageSource:
        return self._source

    @property
    def query(self) -> Query:
        return self._query

    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    @property
    def last_error(self) -> str:
        return self._error

    @property
    def count_estimate(self) -> str:
        """"" when ``rowCount`` is exact, else how it is not: "about" (an estimate) or "at_least" (capped)."""
        return self._count_kind

    @property
    def loading(self) -> bool:
        """Whether the count of the current query is still being read (the rows shown are older)."""
        return self._loading

    @property
    def idle(self) -> bool:
        """Nothing is being read: the rows on screen are those of the current query, as far as cached."""
        return not self._loading and not self._pending

    def when_idle(self, fn: Callable[[], Any]) -> None:
        """Call ``fn`` once nothing is being read (at once if nothing is): e.g. select a row after a refresh."""
        if self.idle:
            fn()
        else:
            self._when_idle.append(fn)

    def set_query(self, query: Query) -> None:
        self._query = query
        self.refresh()

    def set_search(self, text: str) -> None:
        text = text.strip()
        if text != self._query.search:
            self.set_query(Query(text, self._query.filters, self._query.sort_key, self._query.descending))

    def set_filter(self, key: str, value: str | None) -> None:
        """Filter on ``key`` (applied in SQL); ``None`` or ``""`` removes the filter."""
        filters = dict(self._query.filters)
        if value in (None, ""):
            if key not in filters:
                return
            filters.pop(key)
        else:
            if filters.get(key) == value:
                return
            filters[key] = str(value)
        self.set_query(Query(self._query.search, filters, self._query.sort_key, self._query.descending))

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns) or not self._columns[column].sortable:
            return
        key = self._columns[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._query.sort_key, self._query.descending):
            return
        self.set_query(Query(self._query.search, self._query.filters, key, descending))

    def refresh(self) -> None:
        """Drop the cache and count again (after a write, or F5)."""
        self._generation += 1
        if self._runner is None:
            self.beginResetModel()
            self._pages.clear()
            self._load_count()
            self.endResetModel()
            self.count_changed.emit(self._count)
            self.loaded.emit()
            return
        self._loading = True
        self._pending.clear()
        generation, query, source = self._generation, self._query, self._source
        self._runner.run(
            lambda: _not_negative(source.count(query)),
            on_result=lambda n: self._count_arrived(generation, n, None),
            on_error=lambda exc, _tb: self._count_arrived(generation, 0, exc),
            name=f"count {type(source).__name__}",
        )

    def set_lang(self, lang: str) -> None:
        if lang == self._lang:
            return
        self._lang = lang
        if self._columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._columns) - 1)
        self._all_changed()

    def set_money_in_wan(self, wan: bool) -> None:
        """Show money columns in 万元 instead of yuan (for summary tables)."""
        if wan != self._money_in_wan:
            self._money_in_wan = wan
            self._all_changed()

    # ---- rows ---------------------------------------------------------------------------------------

    def row_data(self, row: int) -> dict[str, Any] | None:
        """The source row dict at ``row`` (fetching its page if needed), or None."""
        if not 0 <= row < self._count:
            return None
        number, offset = divmod(row, self._page_size)
        page = self._page(number)
        if page is None or page is _FAILED or offset >= len(page):
            return None  # not read yet (a reader is on it), or failed
        return page[offset]

    def row_id(self, row: int) -> Any:
        data = self.row_data(row)
        return None if data is None else data.get("id")

    def find_row(self, row_id: Any) -> int:
        """The row showing ``row_id`` among the pages already cached, or -1."""
        for number, page in self._pages.items():
            if page is _FAILED:
                continue
            for offset, data in enumerate(page):
                if data.get("id") == row_id:
                    return number * self._page_size + offset
        return -1

    def column_index(self, key: str) -> int:
        for i, col in enumerate(self._columns):
            if col.key == key:
                return i
        return -1

    def display_text(self, row: int, column: int) -> str:
        value = self.data(self.index(row, column), Qt.ItemDataRole.DisplayRole)
        return "" if value is None else str(value)

    # ---- Qt model API -------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < self._count:
                return section + 1
            return None
        if not 0 <= section < len(self._columns):
            return None
        col = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.header_en if self._lang == "en" else col.header_zh
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if col.align_right else _LEFT
        if role == ColumnKeyRole:
            return col.key
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        try:
            return self._data(index, role)
        except Exception:
            log.exception("data(%s, %s, role %s) failed", index.row(), index.column(), role)
            return None

    def _data(self, index: QModelIndex | QPersistentModelIndex, role: int) -> Any:
        if not index.isValid() or not 0 <= index.column() < len(self._columns):
            return None
        col = self._columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if col.align_right else _LEFT
        if role not in _ROLES:
            return None
        row = self.row_data(index.row())
        if row is None:
            return self._placeholder(index, role)
        value = row.get(col.key)
        if role == RowIdRole:
            return row.get("id")
        if role == RawValueRole:
            return value
        stored = row.get(self._value_keys[col.key], value) if col.key in self._value_keys else value
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self._format(col, value, stored)
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if len(text) > 24 else None
            return text
        badges = self._badges.get(col.key)
        tone = badges.get(stored) if badges is not None and isinstance(stored, (str, int)) else None
        if role == BadgeToneRole:
            return tone
        colors = tone_colors(tone) if tone else None
        if colors is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(colors[0])
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(colors[1])
        return None

    def export_value(self, col: Column, row: dict[str, Any]) -> Any:
        """A cell for a spreadsheet: numbers and dates stay typed, labels and lists become text.

        Pure Python (no Qt objects), so the export can call it from a worker thread.
        """
        value = row.get(col.key)
        stored = row.get(self._value_keys[col.key], value) if col.key in self._value_keys else value
        if value is None:
            return None
        if col.key in self._labels or isinstance(value, (bool, list, tuple)):
            return self._format(col, value, stored)
        if isinstance(value, (Decimal, int, float, date)):
            if isinstance(value, datetime) and value.tzinfo is not None:
                return office_time(value).replace(tzinfo=None)  # Excel has no time zones: office time
            return value
        return str(value)

    # ---- internals ----------------------------------------------------------------------------------

    def _format(self, col: Column, value: Any, stored: Any = None) -> str:
        if value is None:
            return ""
        labels = self._labels.get(col.key)
        key = value if stored is None else stored
        if labels is not None and not isinstance(key, (list, tuple)):
            pair = labels.get(key)
            if pair is not None:
                return pair[1] if self._lang == "en" else pair[0]
        if isinstance(value, bool):
            return (
                QCoreApplication.translate("LazyTableModel", "是")
                if value
                else QCoreApplication.translate("LazyTableModel", "否")
            )
        if isinstance(value, Decimal):
            return format_money(value, wan=self._money_in_wan)
        if isinstance(value, int):
            return format_int(value) if col.align_right else str(value)
        if isinstance(value, date):
            return format_date(value)
        if isinstance(value, (list, tuple)):
            sep = ", " if self._lang == "en" else "、"
            return sep.join(self._format(col, v) for v in value)
        return str(value)

    def _placeholder(self, index: QModelIndex | QPersistentModelIndex, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole:
            return _PLACEHOLDER_FG
        if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
            number = index.row() // self._page_size
            if self._pages.get(number) is _FAILED:
                return QCoreApplication.translate("LazyTableModel", "读取失败")
            return "…"
        return None

    def _page(self, number: int) -> Any:
        """The rows of page ``number`` if cached; otherwise read them (in the background if there is a
        runner, returning None meanwhile)."""
        page = self._pages.get(number)
        if page is not None:
            self._pages.move_to_end(number)
            return page
        if self._runner is not None:
            if not self._loading:  # while counting, the rows on screen belong to the previous query
                self._fetch(number, ahead=True)
            return None
        try:
            page = list(self._source.page(self._query, number * self._page_size, self._page_size))
        except Exception as exc:
            log.exception("page %d of %s failed", number, type(self._source).__name__)
            page = _FAILED
            self._fail(exc)
        self._store(number, page)
        self._short_page(number, page)
        return page

    def _store(self, number: int, page: Any) -> None:
        self._pages[number] = page
        while len(self._pages) > self._max_pages:
            self._pages.popitem(last=False)

    def _fetch(self, number: int, *, ahead: bool) -> None:
        """Read page ``number`` in the reader pool; with ``ahead``, the next page follows it."""
        assert self._runner is not None
        if number in self._pending or number in self._pages or number * self._page_size >= self._count:
            return
        self._pending.add(number)
        generation, query, source = self._generation, self._query, self._source
        offset, limit = number * self._page_size, self._page_size
        self._runner.run(
            lambda: list(source.page(query, offset, limit)),
            on_result=lambda rows: self._page_arrived(generation, number, rows, None, ahead),
            on_error=lambda exc, _tb: self._page_arrived(generation, number, _FAILED, exc, False),
            name=f"page {number} {type(source).__name__}",
        )

    def _count_arrived(self, generation: int, count: int, error: BaseException | None) -> None:
        if generation != self._generation:
            return  # the query changed while this count was read
        self._loading = False
        self.beginResetModel()
        self._pages.clear()
        self._pending.clear()
        self._error = ""
        self._count = count
        self._count_kind = estimate_kind(count)
        self.endResetModel()
        if error is not None:
            log.error("count of %s failed: %s", type(self._source).__name__, error)
            self._fail(error)
        self.count_changed.emit(self._count)
        self.loaded.emit()
        self._fetch(0, ahead=True)  # the first screen (and the next), before the view asks for them
        self._run_when_idle()

    def _page_arrived(
        self, generation: int, number: int, rows: Any, error: BaseException | None, ahead: bool
    ) -> None:
        if generation != self._generation:
            return  # rows of an older query or an older state of the register
        self._pending.discard(number)
        if error is not None:
            log.error("page %d of %s failed: %s", number, type(self._source).__name__, error)
            self._fail(error)
        self._store(number, rows)
        self._short_page(number, rows)
        first = number * self._page_size
        last = min(first + self._page_size, self._count) - 1
        if last >= first and self._columns:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self._columns) - 1))
        if ahead and error is None:
            self._fetch(number + 1, ahead=False)
        self._run_when_idle()

    def _short_page(self, number: int, rows: Any) -> None:
        """An estimated count was too high: a page came back short, so the list ends there (deferred: this
        may run inside a paint event). An exact count is trusted (a short page is a concurrent delete)."""
        if not self._count_kind or rows is _FAILED or len(rows) >= self._page_size:
            return
        end = number * self._page_size + len(rows)
        if end < self._count:
            generation = self._generation
            QTimer.singleShot(0, self, lambda: self._end_at(generation, end))

    def _end_at(self, generation: int, end: int) -> None:
        if generation != self._generation or end >= self._count:
            return
        self.beginRemoveRows(QModelIndex(), end, self._count - 1)
        self._count = end
        for number in [n for n in self._pages if n * self._page_size >= end]:
            del self._pages[number]
        self.endRemoveRows()
        self.count_changed.emit(self._count)

    def _run_when_idle(self) -> None:
        while self.idle and self._when_idle:
            self._when_idle.pop(0)()  # may start a new read (a search): the rest then wait for it

    def _load_count(self) -> None:
        self._error = ""
        try:
            self._count = _not_negative(self._source.count(self._query))
        except Exception as exc:
            log.exception("count of %s failed", type(self._source).__name__)
            self._count = 0
            self._fail(exc)
        self._count_kind = estimate_kind(self._count)

    def _fail(self, exc: BaseException) -> None:
        first = not self._error
        self._error = QCoreApplication.translate("LazyTableModel", "读取数据失败：{error}").format(
            error=str(exc) or type(exc).__name__
        )
        if first:
            # deferred: the failure may happen inside a paint event of the view
            QTimer.singleShot(0, self, lambda: self.load_failed.emit(self._error))

    def _all_changed(self) -> None:
        if self._count and self._columns:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(self._columns) - 1))


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        RowIdRole,
        RawValueRole,
        BadgeToneRole,
    }
)


def _not_negative(count: Any) -> int:
    """The count as an int (an Estimate stays one), never below 0."""
    return count if isinstance(count, int) and count >= 0 else max(0, int(count))


def page_columns(columns: Sequence[Column], keys: Sequence[str]) -> list[Column]:
    """The columns named by ``keys`` in that order (helper for pages that show a subset)."""
    by_key = {c.key: c for c in columns}
    return [by_key[k] for k in keys if k in by_key]
