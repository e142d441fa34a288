"""Layout and language details of issue 15: the workbench fits its columns and shows 万元 on request, its
tiles are never narrower than their captions, numbers do not break inside a wrapped value, a pledged right's
second line (what the register says) is never clipped."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from ipdesk.gui import i18n
from ipdesk.gui.common.pages.detail_pane import fact_value
from ipdesk.gui.pledges.pledge_application import PledgeApplicationForm
from ipdesk.gui.pledges.rights_editor import RightEntry
from ipdesk.gui.workbench.workbench_page import Tile, WorkbenchPage
from tests.gui.helpers.loading import settle
from tests.helpers.clock import TEST_TODAY
from tests.helpers.factories import ADMIN, application_data, pledge_world


def test_workbench_amounts_in_wan_and_columns_fit_their_content(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    world = pledge_world(ws)
    deadline = (TEST_TODAY + timedelta(days=365)).isoformat()
    debt = {"type": "loan", "amount": "5000000", "performance_deadline": deadline}
    ws.pledges.file(ADMIN, application_data(world, application_date=TEST_TODAY.isoformat(), debt=debt))
    board = WorkbenchPage(ws, "zh")
    qtbot.addWidget(board)
    board.resize(1360, 500)
    board.show()
    qtbot.waitUntil(lambda: board.model.rowCount() == 1, timeout=5000)
    settle(qtbot)
    col = [c[0] for c in board.model.columns].index("secured_amount")
    assert board.model.data(board.model.index(0, col)) == "5,000,000.00"
    board.wan_toggle.setChecked(True)
    assert board.model.data(board.model.index(0, col)) == "500.00"
    assert "万元" in board.model.headerData(col, Qt.Orientation.Horizontal)
    header = board.table.horizontalHeader()
    pledgor = [c[0] for c in board.model.columns].index("pledgor_names")
    assert header.sectionSize(col) < 260  # sized to its content, no longer the stretched last column
    assert header.sectionSize(pledgor) >= board.table.sizeHintForColumn(pledgor) - 2  # the name is not cut


def test_english_tile_captions_are_not_cut(qtbot):
    i18n.install_translators("en_US")
    try:
        tile = Tile("due_soon", "Due within 2 working days", "info")
        qtbot.addWidget(tile)
        tile.show()
        assert tile.sizeHint().width() >= tile.caption.sizeHint().width() + 28
    finally:
        i18n.install_translators("zh_CN")


def test_numbers_do_not_break_inside_a_wrapped_value(qtbot):
    label = fact_value("出质权利 ZL 201810234567.3，担保 5,000,000.00 元")
    qtbot.addWidget(label)
    assert "ZL\u00a0201810234567.3" in label.text() and "5,000,000.00\u00a0元" in label.text()
    assert label.wordWrap()


def _typed(qtbot, entry: RightEntry, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(entry.line_edit, text)
    with qtbot.waitSignal(entry.resolved, timeout=5000):  # the register answers from the reader pool
        entry.normalise()


def test_a_right_s_second_line_shows_in_full_as_soon_as_the_register_answers(qtbot, sqlite_workstation,
                                                                             monkeypatch):
    from ipdesk.gui.application import load_cjk_font
    from ipdesk.gui.common.widgets.form_dialog import FormDialog

    monkeypatch.setattr(FormDialog, "confirm_discard", lambda self: True)
    assert load_cjk_font()  # the shipped font's taller lines are what the screenshots showed cut off
    ws = sqlite_workstation
    world = pledge_world(ws)
    ws.rights.create(ADMIN, {"kind": "trademark", "number": "12345678", "title": "恒顺",
                             "registration_date": "2019-05-07", "nice_classes": "1",
                             "owners": [{"party_id": world["firm"].id, "share": ""}]})
    form = PledgeApplicationForm(ws, lang="zh")
    qtbot.addWidget(form)
    form.resize(1180, 820)
    form.show()
    _typed(qtbot, form.rights.entries[0], "2017106018623")
    _typed(qtbot, form.rights.add_entry(), "12345678")
    # no waiting for posted layout requests: a glance (or a screenshot) right after the answer sees it whole
    for entry in form.rights.entries:
        assert entry.right is not None and "权利人" in entry.info.text()  # two lines: the right, its owners
        info = entry.info
        assert info.isVisible() and entry.rect().contains(info.geometry())
        assert info.height() >= info.heightForWidth(info.width())  # both lines, not the top one only
        assert entry.height() >= info.geometry().bottom() + 1


def test_english_workbench_tiles_wrap_instead_of_being_cut(qtbot, sqlite_workstation):
    i18n.install_translators("en_US")
    try:
        board = WorkbenchPage(sqlite_workstation, "en")
        qtbot.addWidget(board)
        for width in (1200, 700):  # the page in a 1360 px window, and a narrow one
            board.resize(width, 700)
            board.show()
            qtbot.wait(50)
            tiles = [t for t in board.findChildren(Tile) if t.isVisible()]
            assert len(tiles) >= 6
            for tile in tiles:
                assert tile.width() >= tile.caption.sizeHint().width() + 28  # the caption and the margins
                assert board.rect().contains(tile.geometry())
            for a in tiles:
                assert not any(a.geometry().intersects(b.geometry()) for b in tiles if b is not a)
    finally:
        i18n.install_translators("zh_CN")
