"""The pledge register in the GUI, against a real SQLite database: the application form, the findings
view, registration and the later actions, the read-only rule, the workbench.

Screenshots of the form and the findings view are written to ``docs/screenshots`` when
``IPDESK_SCREENSHOTS=1`` (always to the test's temp folder, so the grab itself is tested).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from ipdesk.domain.pledges.application import Clause, Document, PledgeStatus
from ipdesk.domain.pledges.lifecycle import available_actions, current_outcome
from ipdesk.gui.common.models.lazy_table import BadgeToneRole
from ipdesk.gui.pledges.findings_view import FindingsDialog, FindingsModel, finding_rows
from ipdesk.gui.pledges.pickers import party_text
from ipdesk.gui.pledges.pledge_application import PledgeApplicationForm
from ipdesk.gui.pledges.pledges_page import PledgesPage
from ipdesk.gui.workbench.workbench_page import WorkbenchPage
from ipdesk.services.paging import Query
from ipdesk.services.workstation import Workstation
from tests.gui.helpers.loading import settle as settle_reads
from tests.gui.helpers.screenshots import SHOT_WIDTH, UI_LANG, save_screenshot, ui_text
from tests.helpers.clock import TEST_TODAY
from tests.helpers.factories import (
    ADMIN,
    FULL_CLAUSES,
    FULL_DOCS,
    application_data,
    invention_data,
    pledge_world,
)

ROOT = Path(__file__).resolve().parents[3]
TODAY = TEST_TODAY  # the test workstation's office day (tests/helpers/clock.py)
DEADLINE = TODAY + timedelta(days=365)
CHANGE_ACTIONS = ("examine", "cure", "register", "refuse", "withdraw", "other_ground", "change", "extend", "cancel")


@pytest.fixture
def ws(sqlite_workstation: Workstation) -> Workstation:
    return sqlite_workstation


@pytest.fixture
def world(ws: Workstation) -> dict[str, Any]:
    w = pledge_world(ws)
    w["mark"] = ws.rights.create(ADMIN, {
        "kind": "trademark", "number": "12345678", "title": "恒顺", "registration_date": "2019-05-07",
        "nice_classes": "1", "owners": [{"party_id": w["firm"].id, "share": ""}]})
    return w


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing a dirty form at teardown must not block on the "discard changes?" question."""
    from ipdesk.gui.common.widgets.form_dialog import FormDialog

    monkeypatch.setattr(FormDialog, "confirm_discard", lambda self: True)


@pytest.fixture
def answers(message_mock: Any) -> list[tuple[str, str]]:
    """Message boxes answered "yes"; what they said is collected."""
    return message_mock.said  # type: ignore[no-any-return]


def settle(qtbot: Any, ms: int = 50) -> None:
    settle_reads(qtbot)  # every background read and the reads it started
    qtbot.wait(ms)


def make_page(qtbot: Any, ws: Workstation) -> PledgesPage:
    page = PledgesPage(ws, UI_LANG)
    qtbot.addWidget(page)
    page.resize(SHOT_WIDTH, 800)
    page.show()
    return page


def type_text(qtbot: Any, widget: Any, text: str) -> None:
    """Type as a clerk does: Latin keys one by one, Chinese through the input method (a committed string)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def choose_party(qtbot: Any, field: Any, text: str) -> None:
    """Type into a party field and pick the first suggestion, as a clerk would."""
    type_text(qtbot, field.line_edit, text)
    with qtbot.waitSignal(field.suggested, timeout=5000) as suggested:  # read in the reader pool
        field.suggest()
    parties = suggested.args[0]
    assert parties, f"no suggestion for {text}"
    field.completer.activated[str].emit(party_text(parties[0]))


def type_right(qtbot: Any, entry: Any, text: str) -> None:
    entry.line_edit.clear()
    qtbot.keyClicks(entry.line_edit, text)
    entry.normalise()
    qtbot.waitUntil(lambda: not entry.looking_up, timeout=5000)  # the register answers from the reader pool


def fill_mixed_form(qtbot: Any, form: PledgeApplicationForm, world: dict[str, Any]) -> None:
    choose_party(qtbot, form.pledgors.field, "恒顺新材料")
    assert form.pledgors.party_ids() == [world["firm"].id]
    form.pledgee.line_edit.setText(world["bank"].uscc)  # a full USCC resolves on leaving the field
    form.pledgee.line_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: not form.pledgee.looking_up, timeout=5000)
    assert form.pledgee.party_id() == world["bank"].id
    qtbot.keyClicks(form.amount, "5000000")
    form.amount.editingFinished.emit()
    form.deadline.setText(DEADLINE.isoformat())
    entry = form.rights.entries[0]
    type_right(qtbot, entry, "ZL 201710601862.4")  # wrong check digit: said at once, under the field
    assert ui_text("校验位应为 3", "the check digit should be 3") in entry.info.text()
    type_right(qtbot, entry, "2017106018623")
    assert entry.line_edit.text() == "ZL 201710601862.3"  # shown normalised
    assert entry.right is not None and "一种图像处理装置及方法" in entry.info.text()
    type_right(qtbot, form.rights.add_entry(), "12345678")
    assert [r.kind.value for r in form.rights.rights()] == ["invention", "trademark"]
    for doc in FULL_DOCS:
        form.documents.boxes[Document(doc)].setChecked(True)
    for clause in FULL_CLAUSES:
        form.clauses.boxes[Clause(clause)].setChecked(True)


# ---- the "done means" scenario ---------------------------------------------------------------------------


def test_mixed_application_examine_cure_register_and_find_in_list(qtbot, ws, world, answers, tmp_path):
    page = make_page(qtbot, ws)
    assert page.can_create()
    form = page.new_record()
    fill_mixed_form(qtbot, form, world)
    # the checklist adapted: a trademark needs the main contract, which has not been received
    main = form.documents.boxes[Document.MAIN_CONTRACT]
    assert not main.isHidden() and not main.isChecked()
    assert form.documents.boxes[Document.POWER_OF_ATTORNEY].isHidden()  # no agent
    form.validate_now()
    settle(qtbot)  # the register's answer for these values, from the reader pool
    assert form.problems(form.values()) == []
    save_screenshot(form, "pledge-form.png", tmp_path)
    form.preview()  # examined without storing: the same correction, nothing written
    qtbot.waitUntil(lambda: getattr(form, "preview_dialog", None) is not None, timeout=5000)
    assert form.preview_dialog.view.outcome == "correction"
    assert all(b.isHidden() for b in form.preview_dialog.action_buttons)
    assert ws.pledge_list.count(Query()) == 0
    form.preview_dialog.accept()

    form.submit()
    qtbot.waitUntil(lambda: form.result_value is not None, timeout=15_000)  # a filing under a loaded machine
    record = form.result_value
    assert record.status is PledgeStatus.APPLIED and record.family == "mixed"
    settle(qtbot)
    assert page.current_id() == record.id
    qtbot.waitUntil(lambda: bool(page.detail_pane.record and page.detail_pane.record.id == record.id))
    assert page.action("examine").isEnabled()
    assert not page.action("register").isEnabled()  # not examined yet

    page.action("examine").trigger()
    qtbot.waitUntil(lambda: page.findings_dialog is not None, timeout=5000)
    dialog = page.findings_dialog
    view = dialog.view
    assert view.outcome == "correction"
    rows = view.model.rows()
    assert {"P1", "TM1", "DOC"} <= {r["code"] for r in rows}
    doc = [r for r in rows if r["code"] == "DOC" and r["status"] == "correction"]
    assert len(doc) == 1 and "主合同" in doc[0]["message"]
    assert not view.notice.isHidden() and "主合同" in view.notice.text()
    deadline = ws.pledges.get(record.id).correction_deadline
    assert deadline is not None and deadline.isoformat() in view.notice.text()
    assert "需补正" in view.banner.text()
    status_col = 3
    assert view.model.data(view.model.index(0, status_col), BadgeToneRole) == "info"  # blue, with text
    assert "需补正" in view.model.data(view.model.index(0, status_col))
    assert not dialog.register_button.isEnabled() and dialog.cure_button.isEnabled()
    dialog.resize(1240, 640)
    save_screenshot(dialog, "findings.png", tmp_path)

    cure = dialog.request_cure()
    assert list(cure.doc_boxes) == [Document.MAIN_CONTRACT]
    cure.doc_boxes[Document.MAIN_CONTRACT].setChecked(True)
    cure.submit()
    qtbot.waitUntil(lambda: view.outcome == "register", timeout=5000)  # cured, then examined again
    assert dialog.register_button.isEnabled()
    dialog.register_button.click()
    qtbot.waitUntil(lambda: ws.pledges.get(record.id).status is PledgeStatus.REGISTERED, timeout=5000)
    settle(qtbot)
    registered = ws.pledges.get(record.id)
    assert registered.registration_no and registered.registered_on == TODAY
    assert any(registered.registration_no in text for _t, text in answers)  # number and effect date shown
    assert any(TODAY.isoformat() in text for _t, text in answers)

    page.apply_filters({"search": registered.registration_no})
    settle(qtbot)
    assert page.model.rowCount() == 1
    row = page.model.row_data(0)
    assert row["registration_no"] == registered.registration_no and row["status_value"] == "registered"
    page.detail_pane.clear()
    page.select_row(0)
    qtbot.waitUntil(lambda: bool(page.detail_pane.record and page.detail_pane.record.registration_no))
    kinds = [e["kind"] for e in page.detail_pane.events]
    assert kinds == ["applied", "examined", "correction_notice", "cured", "examined", "registered"]
    assert {"change", "extend", "cancel"} == page.allowed_actions(0)
    assert not page.action("examine").isEnabled() and page.action("change").isEnabled()
    page.apply_filters({})
    settle(qtbot)
    page.select_pledge(record.id)
    qtbot.wait(300)
    save_screenshot(page, "pledges-list.png", tmp_path)


# ---- bad input ---------------------------------------------------------------------------------------


def test_malformed_form_lists_every_problem_and_writes_nothing(qtbot, ws, world):
    form = PledgeApplicationForm(ws, lang=UI_LANG)
    qtbot.addWidget(form)
    form.show()
    type_text(qtbot, form.pledgors.field.line_edit, "不存在的公司")
    qtbot.keyClicks(form.rights.entries[0].line_edit, "ZL 201710601862.4")
    type_right(qtbot, form.rights.add_entry(), "87654321")  # a valid number the register does not know
    form.deadline.setText("2001-01-01")
    form.submit()
    settle(qtbot)
    assert form.result() == 0 and form.isVisible()  # still open: nothing saved
    assert ws.pledge_list.count(Query()) == 0
    assert not form.banner.isHidden()
    text = form.banner.text()
    for expected in ("出质人不在当事人名录中", "质权人不能为空", "担保债权数额（元）不能为空", "校验位应为 3",
                     "登记簿中没有这项权利"):
        assert expected in text, (expected, text)
    for name in ("pledgors", "pledgee", "amount", "rights"):
        assert form.fields[name].has_error, name
    unknown = form.rights.entries[1]
    assert unknown.not_found and not unknown.add_button.isHidden()  # offers to add the right
    right_form = form.rights.add_to_register(unknown, unknown.number_text())
    qtbot.addWidget(right_form)
    assert right_form.number.text() == "87654321" and right_form.current_kind().value == "trademark"
    right_form.mark_clean()
    right_form.reject()


def test_closing_with_unsaved_changes_asks(qtbot, ws, world):
    form = PledgeApplicationForm(ws, lang=UI_LANG)
    qtbot.addWidget(form)
    form.show()
    assert not form.is_dirty
    qtbot.keyClicks(form.amount, "100")
    assert form.is_dirty
    asked: list[bool] = []
    form.confirm_discard = lambda: asked.append(True) or False  # type: ignore[method-assign]
    form.reject()
    assert asked and form.isVisible()


def test_checklist_adapts_to_agent_coowner_valuation_and_foreign_id(qtbot, ws, world):
    from tests.helpers.factories import add_party

    partner = add_party(ws, "镇江协作科技有限公司", 7)
    agent = add_party(ws, "镇江知识产权代理事务所", 8)
    ws.rights.create(ADMIN, invention_data([world["firm"].id, partner.id], number="ZL 201910000001.9",
                                           filing_date="2019-01-02"))
    form = PledgeApplicationForm(ws, lang=UI_LANG)
    qtbot.addWidget(form)
    form.show()
    docs = form.documents.boxes
    base = {Document.APPLICATION_FORM, Document.PLEDGE_CONTRACT, Document.ID_OR_COMMITMENT}
    assert {d for d, b in docs.items() if not b.isHidden()} == base
    choose_party(qtbot, form.pledgors.field, "恒顺新材料")
    type_right(qtbot, form.rights.entries[0], "2019100000019")
    assert not docs[Document.CO_OWNERS_CONSENT].isHidden()  # the partner is a co-owner, not a pledgor
    choose_party(qtbot, form.agent, "代理事务所")
    assert form.agent.party_id() == agent.id and not docs[Document.POWER_OF_ATTORNEY].isHidden()
    form.valuation.setChecked(True)
    form.foreign_id.setChecked(True)
    assert not docs[Document.VALUATION_REPORT].isHidden() and not docs[Document.ID_TRANSLATION].isHidden()
    assert docs[Document.MAIN_CONTRACT].isHidden()  # patents only
    assert "流质" in form.clauses.boxes[Clause.FORFEITURE].text()
    assert "必备" in form.clauses.boxes[Clause.PARTIES].text()


# ---- the read-only rule and the later actions ----------------------------------------------------------


def file_and_examine(ws: Workstation, world: dict[str, Any], **extra: Any) -> Any:
    data = application_data(world, application_date=TODAY.isoformat(),
                            debt={"type": "loan", "amount": "5000000.00", "performance_deadline": DEADLINE.isoformat()},
                            **extra)
    record = ws.pledges.file(ADMIN, data)
    ws.pledges.examine(ADMIN, record.id)
    return record


def select(qtbot: Any, page: PledgesPage, pledge_id: int) -> None:
    settle(qtbot)
    page.detail_pane.clear()
    page.refresh()
    settle(qtbot)
    selected = page.select_pledge(pledge_id)  # not inside the assert: the English screenshots run with -O
    assert selected
    qtbot.waitUntil(lambda: bool(page.detail_pane.record and page.detail_pane.record.id == pledge_id))
    qtbot.wait(20)


def test_refused_and_cancelled_pledges_offer_no_action_that_changes_them(qtbot, ws, world, answers):
    refused = file_and_examine(ws, world, clauses=[*FULL_CLAUSES, "forfeiture"])
    page = make_page(qtbot, ws)
    select(qtbot, page, refused.id)
    assert page.action("refuse").isEnabled() and not page.action("register").isEnabled()
    page.action("refuse").trigger()  # confirmed (answers), recorded with its grounds
    qtbot.waitUntil(lambda: ws.pledges.get(refused.id).status is PledgeStatus.REFUSED, timeout=5000)
    settle(qtbot)
    assert any("P7" in text for _t, text in answers)
    select(qtbot, page, refused.id)
    assert page.detail_pane.record.status is PledgeStatus.REFUSED
    for name in CHANGE_ACTIONS:
        assert not page.action(name).isEnabled(), name
    dialog = page.show_last_findings()  # viewing is fine, but without any action
    qtbot.addWidget(dialog)
    assert all(b.isHidden() for b in dialog.action_buttons)
    assert not dialog.view.waiver_buttons()
    events = page.detail_pane.timeline
    texts = [events.itemAt(i).widget().text() for i in range(events.count())]
    assert any("P7" in t and "不予登记" in t for t in texts)

    registered = file_and_examine(ws, world)
    ws.pledges.register(ADMIN, registered.id)
    ws.pledges.cancel(ADMIN, registered.id, "repaid")
    select(qtbot, page, registered.id)
    assert page.detail_pane.record.status is PledgeStatus.CANCELLED
    for name in CHANGE_ACTIONS:
        assert not page.action(name).isEnabled(), name
    assert available_actions("withdrawn") == frozenset()


def test_change_extend_and_cancel_a_registered_pledge(qtbot, ws, world, answers, message_mock):
    record = file_and_examine(ws, world)
    ws.pledges.register(ADMIN, record.id)
    page = make_page(qtbot, ws)
    select(qtbot, page, record.id)

    change = page.change_selected()
    change.amount.setText("6000000")
    change.scope.boxes[next(iter(change.scope.boxes))].setChecked(True)
    change.submit()
    qtbot.waitUntil(lambda: change.result_value is not None, timeout=5000)
    assert str(ws.pledges.get(record.id).secured_amount) == "6000000.00"

    select(qtbot, page, record.id)
    extend = page.extend_selected()
    extend.deadline.setText("2038-01-01")  # after the invention's expiry (2037-07-24): refused, says why
    extend.submit()
    qtbot.waitUntil(lambda: extend.fields["performance_deadline"].has_error, timeout=5000)
    assert "P6" in extend.fields["performance_deadline"].problems()[0]
    assert extend.isVisible()
    extend.deadline.setText((DEADLINE + timedelta(days=200)).isoformat())
    extend.submit()
    qtbot.waitUntil(lambda: extend.result_value is not None, timeout=5000)

    select(qtbot, page, record.id)
    cancel = page.cancel_selected()
    assert cancel.trigger.count() == 6  # "please choose" + the five triggers
    cancel.submit()
    assert cancel.fields["trigger"].has_error  # one of the five must be chosen
    cancel.trigger.setCurrentIndex(cancel.trigger.findData("waived"))
    message_mock.answer = False  # the cancellation is confirmed first, like a registration: "no" writes nothing
    cancel.submit()
    qtbot.wait(200)
    assert ws.pledges.get(record.id).status is PledgeStatus.REGISTERED and cancel.isVisible()
    title, asked = answers[-1]
    assert title == "注销登记" and "注销质押登记" in asked and "只读" in asked
    message_mock.answer = True
    cancel.submit()
    qtbot.waitUntil(lambda: cancel.result_value is not None, timeout=5000)
    settle(qtbot)
    select(qtbot, page, record.id)
    assert page.detail_pane.record.status is PledgeStatus.CANCELLED
    kinds = [e["kind"] for e in page.detail_pane.events]
    assert kinds[-3:] == ["changed", "extended", "cancelled"]
    for name in CHANGE_ACTIONS:
        assert not page.action(name).isEnabled(), name


def test_waivable_ground_needs_the_parties_declaration(qtbot, ws, world, answers, tmp_path):
    ws.rights.update(ADMIN, world["right"].id, invention_data([world["firm"].id], invalidation_requested="是"))
    record = file_and_examine(ws, world)
    page = make_page(qtbot, ws)
    select(qtbot, page, record.id)
    assert page.action("refuse").isEnabled()
    page.examine_selected()
    qtbot.waitUntil(lambda: page.findings_dialog is not None, timeout=5000)
    dialog = page.findings_dialog
    assert dialog.view.outcome == "refuse"
    buttons = dialog.view.waiver_buttons()
    assert len(buttons) == 1 and "P11" in buttons[0].objectName()
    dialog.view.only_open.setChecked(True)
    save_screenshot(dialog, "findings-waivable.png", tmp_path)
    dialog.view.only_open.setChecked(False)
    buttons[0].click()
    waiver = dialog.form
    waiver.submit()
    assert waiver.fields["declaration"].has_error  # an empty declaration is not a declaration
    waiver.declaration.setPlainText("双方已知悉无效宣告请求，仍要求办理质押登记。")
    waiver.submit()
    qtbot.waitUntil(lambda: dialog.view.outcome == "register", timeout=5000)
    p11 = [r for r in dialog.view.model.rows() if r["code"] == "P11"]
    assert p11[0]["status"] == "waived" and "仍要求" in p11[0]["message"]

    other = dialog.request_other_ground()
    other.reason.setPlainText("质押合同签字人无授权")
    other.submit()
    qtbot.waitUntil(lambda: dialog.view.outcome == "refuse", timeout=5000)
    assert any(r["code"] == "P12" and r["status"] == "failed" for r in dialog.view.model.rows())


# ---- models, workbench ---------------------------------------------------------------------------------


def test_models_pass_the_model_tester(qtbot, qtmodeltester, ws, world):
    record = file_and_examine(ws, world, documents=["application_form"])
    page = make_page(qtbot, ws)
    qtmodeltester.check(page.model)
    payload = ws.pledges.last_examination(record.id)
    model = FindingsModel("zh")
    model.set_rows(finding_rows(payload, "zh", {}))
    qtmodeltester.check(model)
    exam = ws.pledges.examine_data(application_data(world, application_date=TODAY.isoformat()))
    model.set_rows(finding_rows(exam, "en"))
    qtmodeltester.check(model)
    board = WorkbenchPage(ws, UI_LANG)
    qtbot.addWidget(board)
    settle(qtbot)
    qtmodeltester.check(board.model)
    assert current_outcome(ws.pledges.events(record.id)) == "correction"


def test_workbench_tiles_open_the_filtered_list(qtbot, ws, world, tmp_path):
    late = ws.pledges.file(ADMIN, application_data(world, application_date=(TODAY - timedelta(days=20)).isoformat(),
                                                   debt={"type": "loan", "amount": "1000000",
                                                         "performance_deadline": DEADLINE.isoformat()}),
                           received=TODAY - timedelta(days=20))
    fresh = file_and_examine(ws, world, documents=["application_form"])  # → correction
    page = make_page(qtbot, ws)
    opened: list[dict[str, str]] = []

    def open_list(filters: dict[str, str]) -> None:
        opened.append(filters)
        page.apply_filters(filters)

    board = WorkbenchPage(ws, UI_LANG, open_list=open_list)
    qtbot.addWidget(board)
    board.resize(SHOT_WIDTH, 420)
    qtbot.waitUntil(lambda: board.tiles["pending"].count == 2, timeout=5000)
    assert board.tiles["overdue"].count == 1 and board.tiles["awaiting_correction"].count == 1
    assert board.model.row_data(0)["id"] == late.id  # most urgent first
    assert board.model.data(board.model.index(0, 0), BadgeToneRole) == "bad"
    assert ui_text("逾期", "overdue") in board.model.data(board.model.index(0, 0))
    board.tiles["awaiting_correction"].click()
    assert opened[-1] == {"status": "correction"}
    settle(qtbot)
    assert page.model.rowCount() == 1 and page.model.row_id(0) == fresh.id
    board.tiles["overdue"].click()
    settle(qtbot)
    assert page.model.rowCount() == 1 and page.model.row_id(0) == late.id
    assert page.filter_combos["status"].currentData() == ""  # the other filters were cleared
    days = page.model.column_index("days_left")
    assert page.model.data(page.model.index(0, days), BadgeToneRole) == "bad"
    assert "逾期" in page.model.data(page.model.index(0, days))
    # the list and the workbench say it in the same words (one table: gui/pledges/presentation.py)
    assert page.model.data(page.model.index(0, days)) == board.model.data(board.model.index(0, 0))
    save_screenshot(board, "workbench.png", tmp_path)
    board.open_row(1)  # a double-click: the record opens selected, with the actions its state allows
    second = board.model.row_data(1)
    assert opened[-1] == {"search": second["application_no"], "select": str(second["id"])}
    settle(qtbot)
    qtbot.waitUntil(lambda: page.current_id() == second["id"], timeout=5000)
    qtbot.waitUntil(lambda: bool(page.detail_pane.record and page.detail_pane.record.id == second["id"]), timeout=5000)
    assert page.action("cure").isEnabled() or page.action("examine").isEnabled()
    page.page_shown()  # back through the navigation: the tile's filter is gone, the whole register shows
    settle(qtbot)
    assert page.search.text() == "" and page.model.rowCount() == 2
    page.filter_pledgee(world["bank"].id, world["bank"].name)
    assert page.model.query.filters.get("pledgee") == str(world["bank"].id)
    settle(qtbot)
    assert page.model.rowCount() == 2  # both have the bank as pledgee
    page.filter_pledgee(world["firm"].id, world["firm"].name)
    settle(qtbot)
    assert page.model.rowCount() == 0  # no pledge has the firm as pledgee


def test_english_labels(qtbot, ws, world):
    record = file_and_examine(ws, world)
    page = PledgesPage(ws, "en")
    qtbot.addWidget(page)
    settle(qtbot)
    status = page.model.column_index("status")
    assert page.model.data(page.model.index(0, status)) == "Applied"
    payload = ws.pledges.last_examination(record.id)
    dialog = FindingsDialog(ws, payload, lang="en", record=ws.pledges.get(record.id))
    qtbot.addWidget(dialog)
    assert dialog.view.model.headerData(3, Qt.Orientation.Horizontal) == "Status"
    assert "Passed" in dialog.view.model.data(dialog.view.model.index(0, 3))


def test_main_window_navigation_shows_pledges_and_workbench(qtbot, ws, world):
    from ipdesk.gui.mainwindow import MainWindow

    record = file_and_examine(ws, world, documents=["application_form"])  # awaiting correction
    window = MainWindow(ws, remember=False)
    qtbot.addWidget(window)
    window.show()
    window.show_area("workbench")
    board = window.page("workbench")
    assert isinstance(board, WorkbenchPage)
    qtbot.waitUntil(lambda: board.tiles["awaiting_correction"].count == 1, timeout=5000)
    board.tiles["awaiting_correction"].click()
    assert window.current_area() == "pledges"
    page = window.page("pledges")
    assert isinstance(page, PledgesPage)
    settle(qtbot)
    assert page.model.rowCount() == 1 and page.model.row_id(0) == record.id
    assert window.new_action.isEnabled()  # Ctrl+N opens the application form on this page
    window.new_action.trigger()
    assert isinstance(page.form, PledgeApplicationForm) and page.form.isVisible()
    page.form.reject()


def test_correction_list_names_each_clause_once_and_a_refusal_sends_no_correction(qtbot, ws, world, answers):
    page = make_page(qtbot, ws)
    missing = file_and_examine(ws, world, clauses=[])  # every mandatory clause missing: a correction
    select(qtbot, page, missing.id)
    dialog = page.show_last_findings()
    qtbot.addWidget(dialog)
    notice = dialog.view.notice.text()
    assert notice.count("<li>") == 5 and "P7" not in notice  # the five clauses, once each
    assert "补正通知" in notice
    dialog.accept()

    refused = file_and_examine(ws, world, clauses=["forfeiture"])  # refused, and clauses missing too
    select(qtbot, page, refused.id)
    dialog = page.show_last_findings()
    qtbot.addWidget(dialog)
    assert dialog.view.outcome == "refuse"
    notice = dialog.view.notice.text()
    assert "不发出补正通知" in notice and "将发出补正通知" not in notice and "前补正" not in notice
