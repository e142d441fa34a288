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


def test_a_page_closed_while_its_detail_is_read_is_left_alone(qtbot, sqlite_workstation) -> None:
    """The read answers after the page is gone (a test's page torn down, a window closed): nothing is shown,
    nothing raises; the same for a pane reading itself again after a section changed the record."""
    import shiboken6

    from ipdesk.gui.registry.parties_page import PartiesPage
    from ipdesk.gui.tasks import runner
    from tests.gui.helpers.loading import settle
    from tests.helpers.factories import add_party

    add_party(sqlite_workstation)
    page = PartiesPage(sqlite_workstation)
    page.show()
    settle(qtbot, page)
    page.select_row(0)
    page._load_detail()  # the read starts in the reader pool …
    detail = page.detail
    detail.record_id = page.model.row_id(0)
    detail.reload()
    shiboken6.delete(page)  # … and the page is gone before it answers
    runner().wait(10_000)
    qtbot.wait(50)  # the answers are delivered on the GUI thread: they must find nothing to fill
    assert not shiboken6.isValid(detail)
