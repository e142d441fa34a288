"""Maker-checker in the GUI: the clerk's dialogs say 提交审核, the pledge shows 待审核 by whom, and the
approver's workbench lists the decision with 确认 / 退回 (run off the GUI thread)."""

from __future__ import annotations

from typing import Any

import pytest

from ipdesk.domain.pledges.application import PledgeStatus
from ipdesk.domain.pledges.maker_checker import DecisionStatus
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.gui.workbench.workbench_page import WorkbenchPage
from ipdesk.services.workstation import Workstation
from tests.gui.helpers.loading import settle
from tests.gui.pledges.test_pledges_gui import file_and_examine, make_page, select
from tests.helpers.factories import pledge_world

CLERK = Actor("dengji", Role.CLERK)
APPROVER = Actor("shenhe", Role.APPROVER)


@pytest.fixture
def ws(sqlite_workstation: Workstation, maker_checker_on: None) -> Workstation:
    sqlite_workstation.actor = CLERK
    return sqlite_workstation


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    from ipdesk.gui.common.widgets.form_dialog import FormDialog

    monkeypatch.setattr(FormDialog, "confirm_discard", lambda self: True)


def board_for(qtbot: Any, ws: Workstation) -> WorkbenchPage:
    board = WorkbenchPage(ws, "zh")
    qtbot.addWidget(board)
    settle(qtbot)
    return board


def test_the_clerk_submits_and_the_pledge_shows_who_awaits_approval(qtbot, ws, message_mock) -> None:
    record = file_and_examine(ws, pledge_world(ws))
    page = make_page(qtbot, ws)
    select(qtbot, page, record.id)
    assert page.actions.submits  # the setting was read in the reader pool
    page.action("register").trigger()
    qtbot.waitUntil(lambda: ws.pledges.get(record.id).pending is not None, timeout=5000)
    # the commit is on the writer thread; what the clerk is told comes after it, on the GUI thread
    qtbot.waitUntil(lambda: "已提交审核" in message_mock.texts(), timeout=5000)
    question, told = message_mock.said[0][1], message_mock.texts()
    assert "提交审核" in question and "已提交审核" in told and "登记号" not in told
    assert ws.pledges.get(record.id).status is PledgeStatus.APPLIED
    select(qtbot, page, record.id)
    assert "待审核" in page.detail_pane.status.text() and "dengji" in page.detail_pane.status.text()


def test_the_approver_confirms_from_the_workbench(qtbot, qtmodeltester, ws, message_mock) -> None:
    record = file_and_examine(ws, pledge_world(ws))
    decision = ws.pledges.register(CLERK, record.id).pending
    assert decision is not None
    ws.actor = APPROVER
    board = board_for(qtbot, ws)
    panel = board.decisions_panel
    assert panel is not None and board.tiles["awaiting_approval"].count == 1
    qtmodeltester.check(panel.model)
    assert panel.model.row_data(0)["prepared_by"] == "dengji" and panel.confirm_button.isEnabled()
    panel.confirm_selected()
    qtbot.waitUntil(lambda: ws.pledges.get(record.id).status is PledgeStatus.REGISTERED, timeout=5000)
    settle(qtbot)
    assert "dengji" in message_mock.said[0][1]
    assert board.tiles["awaiting_approval"].count == 0 and panel.model.rowCount() == 0  # read again


def test_the_approver_returns_with_a_reason(qtbot, ws, message_mock) -> None:
    record = file_and_examine(ws, pledge_world(ws))
    decision = ws.pledges.register(CLERK, record.id).pending
    assert decision is not None
    ws.actor = APPROVER
    panel = board_for(qtbot, ws).decisions_panel
    assert panel is not None
    dialog = panel.return_selected()
    assert dialog is not None
    dialog.submit()  # no reason: refused in the form, nothing written
    settle(qtbot)
    assert ws.pledges.decision(decision.id).status is DecisionStatus.PENDING
    dialog.reason.setPlainText("合同页缺签章")
    dialog.submit()
    qtbot.waitUntil(lambda: ws.pledges.decision(decision.id).status is DecisionStatus.RETURNED, timeout=5000)
    assert ws.pledges.get(record.id).status is PledgeStatus.APPLIED


def test_an_approver_is_not_offered_their_own_decision_and_a_clerk_has_no_panel(qtbot, ws) -> None:
    record = file_and_examine(ws, pledge_world(ws))
    ws.pledges.register(APPROVER, record.id)
    ws.actor = APPROVER
    panel = board_for(qtbot, ws).decisions_panel
    assert panel is not None and panel.model.rowCount() == 1
    assert not panel.confirm_button.isEnabled() and not panel.return_button.isEnabled()
    ws.actor = CLERK
    clerk_board = board_for(qtbot, ws)
    assert clerk_board.decisions_panel is None and "awaiting_approval" not in clerk_board.tiles
