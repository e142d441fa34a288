"""The 银企对接 area: the events (lazy) with their totals, an event's lines, the forms, and 转为质押申请 — the
line filed as a pre-filled pledge application, which the pledge register then shows selected; models under
the tester; the screenshot."""

from __future__ import annotations

from typing import Any

import pytest

from ipdesk.domain.matchmaking.lines import LineStatus
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.gui.matchmaking.forms import EventForm, LineForm
from ipdesk.gui.matchmaking.matchmaking_page import MatchmakingPage
from ipdesk.services.workstation import Workstation
from tests.gui.helpers.screenshots import SHOT_WIDTH, save_screenshot
from tests.helpers.factories import ADMIN, add_party, invention_data, make_uscc

NUMBERS = ("ZL 201710601862.3", "ZL 201610000010.4")


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    from ipdesk.gui.common.widgets.form_dialog import FormDialog

    monkeypatch.setattr(FormDialog, "confirm_discard", lambda self: True)


@pytest.fixture
def world(sqlite_workstation: Workstation) -> dict[str, Any]:
    ws = sqlite_workstation
    firms = [add_party(ws, "江苏恒顺新材料科技有限公司", 1), add_party(ws, "镇江天工精密机械有限公司", 2)]
    banks = [ws.parties.create(ADMIN, {"kind": "bank", "name": name, "uscc": make_uscc(900 + i)})
             for i, name in enumerate(("中国银行股份有限公司镇江分行", "江苏银行股份有限公司镇江分行"))]
    ws.rights.create(ADMIN, invention_data([firms[0].id], NUMBERS[0]))
    ws.rights.create(ADMIN, invention_data([firms[1].id], NUMBERS[1], filing_date="2016-09-01",
                                           grant_date="2019-01-01", title="一种数控机床主轴"))
    event = ws.matchmaking.add_event(ADMIN, {"name": "镇江市银企专利质押对接会", "date": "2026-11-19",
                                             "organiser": "江苏省知识产权局、镇江市人民政府",
                                             "region": "江苏省镇江市"}).value
    lines = [ws.matchmaking.add_line(ADMIN, event.event_no, {"firm": firms[0].uscc, "bank": banks[0].uscc,
                                                            "amount": "5000000", "term": "12",
                                                            "rights": [NUMBERS[0]], "status": "approved"}).value,
             ws.matchmaking.add_line(ADMIN, event.event_no, {"firm": firms[1].uscc, "bank": banks[1].uscc,
                                                            "amount": "3000000", "term": "24",
                                                            "rights": [NUMBERS[1]]}).value]
    return {"ws": ws, "firms": firms, "banks": banks, "event": event, "lines": lines}


def shown(qtbot: Any, page: MatchmakingPage) -> None:
    qtbot.waitUntil(lambda: page.events.rowCount() == 1 and page.events.row_data(0) is not None, timeout=10_000)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.lines.rowCount() == 2, timeout=10_000)


def test_the_page_shows_the_events_lines_and_totals(qtbot, qtmodeltester, world) -> None:  # type: ignore[no-untyped-def]
    page = MatchmakingPage(world["ws"], "zh")
    qtbot.addWidget(page)
    shown(qtbot, page)
    qtmodeltester.check(page.events)
    qtmodeltester.check(page.lines)
    row = page.events.row_data(0)
    assert (row["firms"], row["patents"], row["banks"], str(row["amount"])) == (2, 2, 2, "8000000.00")
    assert "2 家企业、2 件专利、2 家银行" in page.totals.text() and "8,000,000.00" in page.totals.text()
    assert page.lines.data(page.lines.index(0, 0)) == world["lines"][0].label
    assert page.lines.data(page.lines.index(1, 6)) == "意向"
    assert not page.buttons["convert"].isEnabled()  # no line selected
    page.line_table.selectRow(1)
    assert page.buttons["convert"].isEnabled() and page.buttons["approve"].isEnabled()
    page.search.setText("不存在")
    qtbot.waitUntil(lambda: page.events.rowCount() == 0, timeout=10_000)


def test_convert_files_the_prefilled_application_and_opens_it(qtbot, world, message_mock) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.gui.mainwindow import MainWindow

    ws = world["ws"]
    window = MainWindow(ws, remember=False)
    qtbot.addWidget(window)
    window.show_area("matchmaking")
    page = window.page("matchmaking")
    assert isinstance(page, MatchmakingPage) and page.buttons["convert"].isVisibleTo(page)
    shown(qtbot, page)
    page.line_table.selectRow(1)
    page.buttons["convert"].click()
    said = message_mock.texts()
    assert world["lines"][1].label in said and "镇江天工精密机械有限公司" in said and "3,000,000.00" in said
    assert "2028-12-01" in said  # 24 months from today: the performance deadline it will carry
    qtbot.waitUntil(lambda: window.current_area() == "pledges", timeout=15_000)
    line = ws.matchmaking.line(world["lines"][1].id)
    assert line.status is LineStatus.CONVERTED and line.application_no
    register = window.page("pledges")
    qtbot.waitUntil(lambda: getattr(register.detail_pane, "record", None) is not None
                    and register.detail_pane.record.id == line.pledge_id, timeout=15_000)
    record = register.detail_pane.record
    assert record.application_no == line.application_no
    assert record.pledgee_name == world["banks"][1].name and record.pledgor_names == (world["firms"][1].name,)
    assert str(record.application.secured_amount) == "3000000.00"
    assert [r.display_number for r in record.rights] == [NUMBERS[1]]
    window.show_area("matchmaking")
    qtbot.waitUntil(lambda: page.lines.rowCount() == 2 and page.lines.line(1).status is LineStatus.CONVERTED,
                    timeout=10_000)
    page.line_table.selectRow(1)
    assert not page.buttons["convert"].isEnabled()  # converting twice is not offered


def test_declining_the_question_files_nothing(qtbot, world, message_mock) -> None:  # type: ignore[no-untyped-def]
    message_mock.answer = False
    page = MatchmakingPage(world["ws"], "zh")
    qtbot.addWidget(page)
    shown(qtbot, page)
    page.line_table.selectRow(0)
    page.convert_line()
    qtbot.wait(200)
    assert world["ws"].matchmaking.line(world["lines"][0].id).status is LineStatus.APPROVED


def test_the_forms_record_an_event_and_a_line(qtbot, world) -> None:  # type: ignore[no-untyped-def]
    ws = world["ws"]
    page = MatchmakingPage(ws, "zh")
    qtbot.addWidget(page)
    shown(qtbot, page)
    form = page.new_event()
    assert isinstance(form, EventForm)
    form.name.line_edit.setText("丹阳市银企对接会")
    with qtbot.waitSignal(form.saved, timeout=10_000):
        form.submit()
    qtbot.waitUntil(lambda: getattr(page.shown_event, "name", "") == "丹阳市银企对接会", timeout=10_000)
    form = page.new_line()
    assert isinstance(form, LineForm)
    form.bank.set_party(world["banks"][0])
    form.firm.set_party(world["firms"][1])
    qtbot.keyClicks(form.amount, "100")
    form.rights.line_edit.setText(NUMBERS[0])  # the other firm's patent: refused under its field
    form.submit()
    qtbot.waitUntil(lambda: form.fields["rights"].has_error, timeout=10_000)
    assert "不属于" in " ".join(form.fields["rights"].problems())
    form.rights.line_edit.setText(NUMBERS[1])
    with qtbot.waitSignal(form.saved, timeout=10_000):
        form.submit()
    qtbot.waitUntil(lambda: page.lines.rowCount() == 1, timeout=10_000)
    assert page.lines.line(0).firm == world["firms"][1].name


def test_without_the_duty_nothing_is_offered(qtbot, world) -> None:  # type: ignore[no-untyped-def]
    ws = world["ws"]
    ws.actor = Actor("shenji", Role.AUDITOR)
    page = MatchmakingPage(ws, "zh")
    qtbot.addWidget(page)
    assert not any(b.isVisibleTo(page) for b in page.buttons.values())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screenshot(qtbot, world, tmp_path, lang) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.gui import i18n

    i18n.install_translators("en" if lang == "en" else "zh_CN")  # into docs/screenshots or …/en
    world["ws"].matchmaking.convert_line(ADMIN, world["lines"][0].id)
    page = MatchmakingPage(world["ws"], lang)
    qtbot.addWidget(page)
    page.resize(SHOT_WIDTH, 620)
    page.show()
    shown(qtbot, page)
    qtbot.waitUntil(lambda: page.table.columnWidth(1) > 150, timeout=10_000)  # sized to the rows read
    page.line_table.selectRow(1)
    save_screenshot(page, "matchmaking.png", tmp_path)
    # Nothing cut off: every button shows its whole text.
    for button in page.buttons.values():
        assert button.width() >= button.sizeHint().width() - 2, button.text()
