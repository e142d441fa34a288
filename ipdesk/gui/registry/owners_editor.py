"""OwnersEditor: the owners of a right with their shares (co-ownership), picked from the parties register."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.icons import icon

PARTY_ROLE = Qt.ItemDataRole.UserRole


class OwnersEditor(QWidget):
    """A small table (owner, share %) with add / remove / split-equally; emits ``changed`` on any edit.

    ``owners()`` returns what :meth:`RightService.validate` expects: ``[{"party_id", "share", "name"}]``
    where a blank share means "split equally".
    """

    changed = Signal()

    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.workstation = workstation
        self.lang = lang
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([self.tr("权利人"), self.tr("份额（%）")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setMinimumHeight(96)
        self.table.setMaximumHeight(150)
        self.table.itemChanged.connect(lambda _i: self.changed.emit())
        self.add_button = QPushButton(icon("add"), self.tr("添加权利人…"))
        self.add_button.clicked.connect(self.pick)
        self.remove_button = QPushButton(self.tr("移除"))
        self.remove_button.clicked.connect(self.remove_selected)
        self.split_button = QPushButton(self.tr("平均分配"))
        self.split_button.setToolTip(self.tr("按共有人数平均分配份额（份额留空时保存也会平均分配）"))
        self.split_button.clicked.connect(self.split_equally)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for b in (self.add_button, self.remove_button, self.split_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.line_edit = self.table  # the widget ErrorField marks red

    def owners(self) -> list[dict[str, Any]]:
        out = []
        for r in range(self.table.rowCount()):
            name_item, share_item = self.table.item(r, 0), self.table.item(r, 1)
            out.append(
                {
                    "party_id": name_item.data(PARTY_ROLE),
                    "name": name_item.text(),
                    "share": share_item.text().strip().rstrip("%") if share_item else "",
                }
            )
        return out

    def set_owners(self, owners: list[tuple[int, str, Decimal | str | None]]) -> None:
        """``owners``: (party_id, name, share) triples."""
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for party_id, name, share in owners:
            self._append(party_id, name, "" if share in (None, "") else f"{Decimal(str(share)):.2f}")
        self.table.blockSignals(False)
        self.changed.emit()

    def add_owner(self, party_id: int, name: str, share: str = "") -> None:
        if any(o["party_id"] == party_id for o in self.owners()):
            return
        self.table.blockSignals(True)
        self._append(party_id, name, share)
        self.table.blockSignals(False)
        self.changed.emit()

    def _append(self, party_id: int, name: str, share: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(name)
        item.setData(PARTY_ROLE, party_id)
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(row, 0, item)
        share_item = QTableWidgetItem(share)
        share_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, 1, share_item)

    def pick(self) -> None:
        from ipdesk.gui.registry.party_picker import PartyPicker

        picker = PartyPicker(self.workstation, self.lang, self)
        if picker.exec() == QDialog.DialogCode.Accepted and picker.chosen is not None:
            self.add_owner(picker.chosen.id, picker.chosen.name)

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        for r in rows:
            self.table.removeRow(r)
        if rows:
            self.changed.emit()

    def split_equally(self) -> None:
        """Equal shares with two decimals; the last owner takes the rest (100 / 3 → 33.33, 33.33, 33.34)."""
        n = self.table.rowCount()
        if not n:
            return
        equal = (Decimal(100) / n).quantize(Decimal("0.01"))
        shares = [equal] * (n - 1) + [Decimal(100) - equal * (n - 1)]
        self.table.blockSignals(True)
        for r, share in enumerate(shares):
            self.table.item(r, 1).setText(f"{share:.2f}")
        self.table.blockSignals(False)
        self.changed.emit()
