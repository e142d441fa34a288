"""The notice list of a pledge is read in the reader pool: opening it never waits for the database."""

from __future__ import annotations

import time
from datetime import date

from ipdesk.domain.notices.notice import NoticeKind
from ipdesk.gui.notices.notice_list import NoticeListDialog
from tests.gui.helpers.slow import Slow, Ticker, slow_desk
from tests.helpers.factories import ADMIN, application_data, pledge_world

SLOW = 0.3


def test_the_notice_list_opens_at_once_and_fills_in_when_read(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    world = pledge_world(ws)
    record = ws.pledges.file(ADMIN, application_data(world), received=date(2026, 11, 16))
    ws.pledges.register(ADMIN, record.id, on=date(2026, 11, 16))
    issued = ws.notices.issue(ADMIN, record.id, NoticeKind.REGISTRATION)
    desk = slow_desk(ws, notices=Slow(ws.notices, notices_of=SLOW))
    ticker = Ticker()
    started = time.monotonic()
    dialog = NoticeListDialog(desk, record.id)
    qtbot.addWidget(dialog)
    assert time.monotonic() - started < SLOW / 2 and dialog.loading
    assert dialog.table.rowCount() == 0 and not dialog.preview_button.isEnabled()
    with qtbot.waitSignal(dialog.loaded, timeout=5000):
        pass
    assert ticker.ticks >= 5  # the window kept running while the list was read
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 0).text() == issued.serial
    assert dialog.preview_button.isEnabled()  # the newest notice is selected
    ticker.stop()
