"""The selection of a register table: which rows and records are selected, selecting a record by id, and
keeping or finding a record while the lazy model reads its rows in the reader pool."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QItemSelectionModel


class RegisterSelection:
    """The selection half of :class:`~ipdesk.gui.common.pages.register_page.RegisterPage` (a mixin: it uses
    the page's ``table``, ``model`` and ``search``). Rows arrive from the reader pool, so selecting a record
    that is not read yet waits for the model (``when_idle``) instead of reading on the GUI thread."""

    table: Any
    model: Any
    search: Any

    def selected_rows(self) -> list[int]:
        sm = self.table.selectionModel()
        return sorted(i.row() for i in sm.selectedRows()) if sm is not None else []

    def selected_ids(self) -> list[Any]:
        return [self.model.row_id(r) for r in self.selected_rows()]

    def current_id(self) -> Any:
        rows = self.selected_rows()
        return self.model.row_id(rows[0]) if len(rows) == 1 else None

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    def select_id(self, row_id: Any) -> bool:
        row = self.model.find_row(row_id)
        if row < 0:
            return False
        self.select_row(row)
        return True

    def select_when_loaded(self, row_id: Any, search: str | None = None) -> None:
        """Once the rows being read are there, select ``row_id`` (e.g. the record just saved); if the first
        pages do not show it, search for ``search`` and select it among the results (or the first row)."""

        def among_results() -> None:
            self.select_id(row_id) or self.select_row(0)

        def first_try() -> None:
            if self.select_id(row_id) or search is None:
                return
            self.show_search(search)
            self.model.when_idle(among_results)

        self.model.when_idle(first_try)

    def show_search(self, text: str) -> None:
        """Narrow the list to what matches ``text`` (how :meth:`select_when_loaded` finds a record)."""
        self.search.setText(text)
        self.search.flush()

    def selection_to_keep(self) -> tuple[int, Any]:
        """The single selected row and its record id (``(-1, None)`` if not exactly one row is selected)."""
        rows = self.selected_rows()
        keep_row = rows[0] if len(rows) == 1 else -1
        return keep_row, self.model.row_id(keep_row) if keep_row >= 0 else None

    def reselect_when_loaded(self, keep_row: int, keep_id: Any) -> None:
        """After a refresh: select record ``keep_id`` again once read, on its old row or wherever it moved
        among the rows read (unless the user selected something meanwhile)."""
        if keep_id is None:
            return

        def reselect() -> None:
            if self.selected_rows():
                return  # the user chose another row while the register was read
            if self.model.row_id(keep_row) == keep_id:
                self.select_row(keep_row)
            else:
                self.select_id(keep_id)

        def when_its_page_is_read() -> None:
            self.model.row_data(keep_row)  # starts reading the page the record was on, if not cached
            self.model.when_idle(reselect)

        self.model.when_idle(when_its_page_is_read)
