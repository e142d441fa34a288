"""The pledge application form asks the register as the clerk types, in the reader pool: a slow database
never freezes the form, and an answer for what was typed before never overwrites the latest one."""

from __future__ import annotations

import time
from typing import Any

import pytest

from ipdesk.gui.pledges.pickers import PartyField
from ipdesk.gui.pledges.pledge_application import PledgeApplicationForm
from ipdesk.gui.pledges.rights_editor import RightEntry
from ipdesk.services.paging import Query
from ipdesk.services.workstation import Workstation
from tests.gui.helpers.loading import settle
from tests.gui.helpers.slow import Slow, Ticker, slow_desk
from tests.helpers.factories import ADMIN, pledge_world

SLOW = 0.3


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    from ipdesk.gui.common.widgets.form_dialog import FormDialog

    monkeypatch.setattr(FormDialog, "confirm_discard", lambda self: True)


@pytest.fixture
def world(sqlite_workstation: Workstation) -> dict[str, Any]:
    w = pledge_world(sqlite_workstation)
    w["mark"] = sqlite_workstation.rights.create(ADMIN, {
        "kind": "trademark", "number": "12345678", "title": "恒顺", "registration_date": "2019-05-07",
        "nice_classes": "1", "owners": [{"party_id": w["firm"].id, "share": ""}]})
    return w


def test_the_right_number_lookup_keeps_the_form_responsive_and_the_latest_answer(
    qtbot, sqlite_workstation, world
):
    ws = sqlite_workstation
    # the patent is slow to find, the trademark fast: the patent's answer arrives last, and must not count
    rights = Slow(ws.rights, get_by_number=lambda number: SLOW if number == "2017106018623" else 0.0)
    entry = RightEntry(slow_desk(ws, rights=rights))
    qtbot.addWidget(entry)
    ticker = Ticker()
    entry.setText("2017106018623")
    started = time.monotonic()
    entry.normalise()  # leaving the field looks the number up at once
    assert time.monotonic() - started < SLOW / 2 and entry.looking_up
    assert "正在查找" in entry.info.text()
    entry.setText("12345678")  # the clerk corrects the number before the register answered
    entry.normalise()
    settle(qtbot)
    qtbot.wait(SLOW * 1000 + 100)  # the patent's late answer has arrived too, and was dropped
    assert entry.right is not None and entry.right.id == world["mark"].id
    assert "恒顺" in entry.info.text() and "一种图像处理装置" not in entry.info.text()
    assert ticker.ticks >= 5  # the event loop ran while the register was being asked
    ticker.stop()


def test_party_suggestions_come_from_the_reader_pool_for_the_latest_text(qtbot, sqlite_workstation, world):
    ws = sqlite_workstation
    parties = Slow(ws.parties, find=lambda text, limit=15: SLOW if text == "江苏" else 0.0)
    field = PartyField(slow_desk(ws, parties=parties))
    qtbot.addWidget(field)
    shown: list[list[Any]] = []
    field.suggested.connect(shown.append)
    ticker = Ticker()
    field.line_edit.setText("江苏")
    started = time.monotonic()
    field.suggest()
    assert time.monotonic() - started < SLOW / 2
    field.line_edit.setText("中国银行")
    field.suggest()
    settle(qtbot)
    qtbot.wait(SLOW * 1000 + 100)
    assert [[p.id for p in found] for found in shown] == [[world["bank"].id]]  # "江苏"'s answer dropped
    assert ticker.ticks >= 5
    ticker.stop()

    field.line_edit.setText(world["firm"].uscc)  # leaving the field with an exact USCC chooses that party
    field.line_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: not field.looking_up, timeout=5000)
    assert field.party_id() == world["firm"].id


def test_checking_the_application_against_the_register_never_blocks_the_form(qtbot, sqlite_workstation, world):
    ws = sqlite_workstation
    form = PledgeApplicationForm(slow_desk(ws, pledges=Slow(ws.pledges, parse=SLOW)), lang="zh")
    qtbot.addWidget(form)
    form.show()
    form.pledgors.field.line_edit.setText("不存在的公司")
    started = time.monotonic()
    form.validate_now()  # what the debounce timer does after each edit
    assert time.monotonic() - started < SLOW / 2 and form.checking
    form.submit()  # Save pressed while the register is still being asked: it waits for the answer
    assert time.monotonic() - started < SLOW / 2
    qtbot.waitUntil(lambda: not form.banner.isHidden(), timeout=5000)
    assert "出质人不在当事人名录中" in form.banner.text() and form.fields["pledgors"].has_error
    assert form.isVisible() and ws.pledge_list.count(Query()) == 0
