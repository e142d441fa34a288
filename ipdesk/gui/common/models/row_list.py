"""A small read-only table over an in-memory list of row dicts (findings, the workbench's pending list).

Large registers use :class:`ipdesk.gui.common.models.lazy_table.LazyTableModel` (paged from SQL); this is for
lists of tens of rows that a service returns whole.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ipdesk.gui.i18n import ui_lang


class RowListModel(QAbstractTableModel):
    """Rows are dicts; ``columns`` are ``(key, header_zh, header_en)``. Subclasses implement ``cell``."""

    columns: Sequence[tuple[str, str, str]] = ()
    numbered = False  # show 1, 2, 3… in the vertical header

    def __init__(self, lang: str | None = None, parent: Any = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.lang = lang
        self._rows: list[dict[str, Any]] = []

    def set_rows(self, rows: Sequence[Mapping[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self.endResetModel()

    def row_data(self, row: int) -> dict[str, Any]:
        return self._rows[row]

    def rows(self) -> list[dict[str, Any]]:
        return list(self._rows)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section][2 if self.lang == "en" else 1] if 0 <= section < len(self.columns) else None
        return section + 1 if self.numbered and 0 <= section < len(self._rows) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or not 0 <= index.column() < len(self.columns):
            return None
        return self.cell(self._rows[index.row()], self.columns[index.column()][0], role)

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        """The value of ``row``'s ``key`` column for ``role`` (None for anything not provided)."""
        raise NotImplementedError
