"""Issue 15: at 1360 px, in English as in Chinese, the registers fit their columns on first start (no
sideways scrolling): the last column ends inside the viewport, the amounts and status badges keep their
content width."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt

from ipdesk.gui import i18n
from tests.gui.helpers.loading import settle
from tests.helpers.clock import TEST_TODAY
from tests.helpers.factories import ADMIN, application_data, pledge_world


@pytest.fixture(params=["en_US", "zh_CN"])
def locale(request):
    i18n.install_translators(request.param)
    yield request.param
    i18n.install_translators("zh_CN")


@pytest.mark.parametrize("area, kept", [("rights", ("legal_status",)), ("pledges", ("secured_amount", "status"))])
def test_registers_fit_1360_px_on_first_start(qtbot, sqlite_workstation, locale, area, kept):
    from ipdesk.gui.mainwindow import MainWindow

    ws = sqlite_workstation
    world = pledge_world(ws)
    deadline = (TEST_TODAY + timedelta(days=365)).isoformat()
    debt = {"type": "loan", "amount": "5000000", "performance_deadline": deadline}
    ws.pledges.file(ADMIN, application_data(world, application_date=TEST_TODAY.isoformat(), debt=debt))
    window = MainWindow(ws, remember=False)
    qtbot.addWidget(window)
    window.resize(1360, 860)
    window.show()
    window.show_area(area)
    page = window.page(area)
    qtbot.waitUntil(lambda: page.model.rowCount() >= 1 and not page._needs_autosize, timeout=5000)
    settle(qtbot)
    qtbot.wait(50)
    table, header = page.table, page.table.horizontalHeader()
    visible = [c for c in range(page.model.columnCount()) if not header.isSectionHidden(c)]
    last = max(visible, key=header.visualIndex)
    right_edge = header.sectionViewportPosition(last) + header.sectionSize(last)
    assert right_edge <= table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    for key in kept:
        col = page.model.column_index(key)
        content = max(table.sizeHintForColumn(col), header.sectionSizeHint(col))
        assert header.sectionSize(col) >= content, key
    assert page.model.headerData(visible[0], Qt.Orientation.Horizontal).isascii() == (locale == "en_US")
