"""The facts of a detail pane: one helper fills every pane's label: value lines (rights, parties, pledges)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from ipdesk.gui.common.pages.detail_pane import fill_facts


def facts(form: QFormLayout) -> list[tuple[str, str]]:
    out = []
    for r in range(form.rowCount()):
        label = form.itemAt(r, QFormLayout.ItemRole.LabelRole).widget()
        value = form.itemAt(r, QFormLayout.ItemRole.FieldRole).widget()
        out.append((label.text(), value.text()))
    return out


def test_fill_facts_replaces_the_rows_and_leaves_out_empty_values(qtbot) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    form = QFormLayout(host)
    fill_facts(form, [("申请号", "ZY2026000001"), ("登记号", ""), ("代理人", None), ("件数", 0)], "zh")
    assert facts(form) == [("申请号：", "ZY2026000001"), ("件数：", "0")]
    fill_facts(form, [("Application no.", "ZY2026000002")], "en")  # a new record: the old rows go
    assert facts(form) == [("Application no.:", "ZY2026000002")]
    value = form.itemAt(0, QFormLayout.ItemRole.FieldRole).widget()
    assert isinstance(value, QLabel) and value.wordWrap()
    assert value.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse  # numbers can be copied
