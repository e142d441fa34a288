"""A role sees only its actions (issue 11): the auditor's and the administrator's pledge pages offer no
decision, the clerk's does; the approver's workbench has 确认 / 退回 for the decisions others prepared, the
auditor's has none."""

from __future__ import annotations

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.gui.workbench.workbench_page import WorkbenchPage
from tests.gui.helpers.loading import settle
from tests.gui.pledges.test_pledges_gui import CHANGE_ACTIONS, file_and_examine, make_page, select
from tests.helpers.factories import pledge_world

AUDITOR = Actor("shenji", Role.AUDITOR)
ADMINISTRATOR = Actor("guanli", Role.ADMIN)  # manages users and settings: registering is another duty
CLERK = Actor("dengji", Role.CLERK)
APPROVER = Actor("shenhe", Role.APPROVER)


def test_the_auditors_pledge_page_offers_no_action_the_clerks_does(qtbot, sqlite_workstation) -> None:
    ws = sqlite_workstation
    record = file_and_examine(ws, pledge_world(ws))  # examined: ready to register
    ws.actor = AUDITOR
    page = make_page(qtbot, ws)
    select(qtbot, page, record.id)
    assert [name for name in CHANGE_ACTIONS if page.action(name).isEnabled()] == []
    ws.actor = ADMINISTRATOR
    admins = make_page(qtbot, ws)
    select(qtbot, admins, record.id)
    assert not admins.action("register").isEnabled()
    ws.actor = CLERK
    clerks = make_page(qtbot, ws)
    select(qtbot, clerks, record.id)
    assert clerks.action("register").isEnabled() and clerks.action("withdraw").isEnabled()


def test_only_the_approver_is_offered_confirm_and_return(qtbot, sqlite_workstation, maker_checker_on) -> None:
    ws = sqlite_workstation
    record = file_and_examine(ws, pledge_world(ws))
    ws.pledges.register(CLERK, record.id)
    boards = {}
    for actor in (APPROVER, AUDITOR, CLERK):
        ws.actor = actor
        board = WorkbenchPage(ws, "zh")
        qtbot.addWidget(board)
        settle(qtbot)
        boards[actor.role] = board
    panel = boards[Role.APPROVER].decisions_panel
    assert panel is not None and panel.model.rowCount() == 1
    assert panel.confirm_button.isEnabled() and panel.return_button.isEnabled()
    for role in (Role.AUDITOR, Role.CLERK):
        assert boards[role].decisions_panel is None and "awaiting_approval" not in boards[role].tiles
