"""Operations report their changes and the main window tells the pages that watch them: nothing is stale.

The workbench updates after a registration made on the pledges page, and the audit page after any
command, without F5 and without switching to them.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest

from ipdesk.domain.pledges.application import PledgeStatus
from ipdesk.domain.shared.changes import Changes
from ipdesk.domain.shared.problems import Problem, RuleRefusal
from ipdesk.gui import ops
from ipdesk.gui.mainwindow import MainWindow
from ipdesk.gui.tasks import runner
from ipdesk.reports.common.seal import OfficeKey
from ipdesk.services.office.settings import OfficeSettings
from ipdesk.services.workstation import Workstation
from tests.gui.helpers import loading
from tests.helpers.clock import TEST_TODAY
from tests.helpers.factories import ADMIN, application_data, party_data, pledge_world

TODAY = TEST_TODAY  # the test workstation's clock, not the day the suite runs


@pytest.fixture
def ws(sqlite_workstation: Workstation) -> Workstation:
    return sqlite_workstation


@pytest.fixture
def window(qtbot: Any, ws: Workstation) -> MainWindow:
    win = MainWindow(ws, remember=False)
    qtbot.addWidget(win)
    win.show()
    return win


def settle(qtbot: Any, *pages: Any) -> None:
    runner().wait(10_000)
    loading.settle(qtbot, *pages)


def test_workbench_updates_after_a_registration_on_the_pledges_page(qtbot, ws, window, message_mock):
    world = pledge_world(ws)
    deadline = (TODAY + timedelta(days=365)).isoformat()
    data = application_data(world, application_date=TODAY.isoformat(),
                            debt={"type": "loan", "amount": "5000000.00", "performance_deadline": deadline})
    record = ws.pledges.file(ADMIN, data)
    ws.pledges.examine(ADMIN, record.id)
    window.show_area("workbench")
    board = window.page("workbench")
    qtbot.waitUntil(lambda: board.tiles["pending"].count == 1, timeout=5000)
    refreshes: list[int] = []
    board.refresh = lambda real=board.refresh: refreshes.append(1) or real()  # type: ignore[method-assign]

    window.show_area("pledges")  # the workbench is hidden from here on: nobody shows it or presses F5
    page = window.page("pledges")
    settle(qtbot, page)
    assert page.select_pledge(record.id)
    qtbot.waitUntil(lambda: bool(page.detail_pane.record and page.detail_pane.record.id == record.id),
                    timeout=5000)
    told: list[Changes] = []
    window.changes_made.connect(told.append)
    assert page.action("register").isEnabled()
    page.action("register").trigger()  # confirmed by the message mock

    qtbot.waitUntil(lambda: board.tiles["pending"].count == 0, timeout=5000)
    assert window.current_area() == "pledges" and refreshes == [1]  # told once, while hidden
    assert ws.pledges.get(record.id).status is PledgeStatus.REGISTERED
    assert told and told[0].pledges == {record.id} and told[0].audit
    assert any("登记号" in text for _title, text in message_mock.said)


def _create_party(ws: Workstation) -> Any:
    return ws.parties.create(ws.actor, party_data("镇江新材料有限公司", serial=9))


def _save_settings(ws: Workstation) -> Any:
    return ws.office.save_settings(ws.actor, replace(OfficeSettings(), office_name="镇江市知识产权局"))


def _save_calendar(ws: Workstation) -> Any:
    return ws.office.save_calendar(ws.actor, ws.office.calendar())


def _trust_key(ws: Workstation) -> Any:
    return ws.notices.trust_key(ws.actor, OfficeKey.generate().public_pem(), "江苏省知识产权局")


@pytest.mark.parametrize("command", [_create_party, _save_settings, _save_calendar, _trust_key])
def test_the_audit_page_updates_after_any_command(qtbot, ws, window, command):
    window.show_area("audit")
    audit = window.page("audit")
    settle(qtbot, audit)
    before = audit.model.rowCount()
    window.show_area("rights")  # the command runs elsewhere; the audit page stays hidden
    done: list[Any] = []
    ops.run_op(window.page("rights"), lambda: command(ws), on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    qtbot.waitUntil(lambda: audit.model.rowCount() == before + 1, timeout=5000)
    assert window.current_area() == "rights"


def test_a_refusal_goes_to_one_box_and_changes_nothing(qtbot, ws, window, message_mock):
    told: list[Changes] = []
    window.changes_made.connect(told.append)

    def refuse() -> None:
        raise RuleRefusal(Problem("stale"))

    failed: list[BaseException] = []
    ops.run_op(window, refuse, title="登记", on_failed=failed.append)
    qtbot.waitUntil(lambda: bool(failed), timeout=5000)
    assert told == [] and [t for t, _text in message_mock.warnings] == ["登记"]


def test_a_crash_goes_to_the_crash_dialog(qtbot, window, monkeypatch):
    from ipdesk.gui import errors

    shown: list[Any] = []
    monkeypatch.setattr(errors.CrashDialog, "exec", lambda self: shown.append(self.report) or 0)

    def broken() -> None:
        raise ZeroDivisionError("boom")

    failed: list[BaseException] = []
    ops.run_op(window, broken, on_failed=failed.append)
    qtbot.waitUntil(lambda: bool(failed), timeout=5000)
    assert shown and "ZeroDivisionError" in shown[0]


def test_message_boxes_and_page_refreshes_have_one_home():
    """Only gui/messages.py opens message boxes (tests patch it once); pages refresh on broadcast changes,
    never by name; no module keeps its own run / tell / ask helper."""
    from pathlib import Path

    import ipdesk.gui

    root = Path(ipdesk.gui.__file__).parent
    offenders = []
    for path in sorted(root.rglob("*.py")):
        text = path.read_text("utf-8")
        name = path.relative_to(root).as_posix()
        for needle in ("QMessageBox", "refresh_pages", "def tell(", "def ask(", "def _run("):
            if needle in text and not (name == "messages.py" and needle != "refresh_pages"):
                offenders.append(f"{name}: {needle}")
    assert offenders == []
