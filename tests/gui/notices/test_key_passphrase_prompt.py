"""A passphrase-protected signing key in the GUI: a command that must sign asks for the passphrase (masked),
runs again with it and succeeds; a cancelled prompt leaves the refusal said in a message box and nothing
issued. (Without the prompt the GUI could only sign with IPDESK_KEY_PASSPHRASE in the environment.)"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipdesk.domain.notices.notice import NoticeKind
from ipdesk.gui import ops
from ipdesk.gui.mainwindow import MainWindow
from ipdesk.services.notices.keys import PASSPHRASE_ENV
from ipdesk.services.workstation import Workstation
from ipdesk.storage.schema import NoticeRow
from tests.helpers.factories import ADMIN, application_data, pledge_world

D = date(2026, 11, 16)
SECRET = "长口令 correct horse"


@pytest.fixture
def protected(sqlite_workstation: Workstation, monkeypatch: pytest.MonkeyPatch) -> tuple[Workstation, int]:
    """A registered pledge, its office key protected, and a fresh workstation (the next start) on the same data."""
    monkeypatch.delenv(PASSPHRASE_ENV, raising=False)
    ws = sqlite_workstation
    world = pledge_world(ws)
    rec = ws.pledges.file(ADMIN, application_data(world), received=D)
    ws.pledges.register(ADMIN, rec.id, on=D)
    ws.notices.keys.for_signing()
    ws.notices.keys.protect(ADMIN, SECRET)
    again = Workstation(config=ws.config, engine=ws.engine, actor=ws.actor, clock=ws.clock)
    return again, rec.id


def notices(ws: Workstation) -> int:
    with Session(ws.engine) as s:
        return s.execute(select(func.count()).select_from(NoticeRow)).scalar_one()


def issue_through_the_gui(qtbot: Any, ws: Workstation, pid: int) -> tuple[list[Any], QWidget]:
    window = MainWindow(ws, remember=False)
    qtbot.addWidget(window)
    done: list[Any] = []
    ops.run_op(window, lambda: ws.notices.issue(ws.actor, pid, NoticeKind.REGISTRATION), on_done=done.append,
               title="issue")
    return done, window


def test_the_gui_asks_for_the_passphrase_and_signs(qtbot: Any, protected: tuple[Workstation, int],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    ws, pid = protected
    asked: list[tuple[str, Any]] = []

    def answer(_parent: Any, _title: str, label: str, echo: Any, *args: Any, **kw: Any) -> tuple[str, bool]:
        asked.append((label, echo))
        return (SECRET if len(asked) > 1 else "wrong", True)  # a typo first: asked again, then right

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(answer))
    done, _window = issue_through_the_gui(qtbot, ws, pid)
    qtbot.waitUntil(lambda: bool(done), timeout=20_000)
    assert len(asked) == 2
    assert "口令" in asked[0][0] and all(echo == QLineEdit.EchoMode.Password for _l, echo in asked)
    assert "不正确" in asked[1][0]  # the second prompt says the first passphrase was wrong
    assert done[0].payload  # signed
    assert notices(ws) == 1


def test_a_cancelled_prompt_says_why_and_issues_nothing(qtbot: Any, protected: tuple[Workstation, int],
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       message_mock: Any) -> None:
    ws, pid = protected
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("", False)))
    done, _window = issue_through_the_gui(qtbot, ws, pid)
    qtbot.waitUntil(lambda: bool(message_mock.said), timeout=20_000)
    assert not done
    assert notices(ws) == 0
    assert "受口令保护" in message_mock.texts()
