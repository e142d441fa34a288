"""Drafts of the application form (issue 15): kept while typing, back after a kill -9, listed and discarded."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ipdesk.gui.common.drafts import DraftStore
from ipdesk.gui.pledges.application_drafts import KIND, DraftsDialog, offer_drafts
from ipdesk.gui.pledges.pledge_application import PledgeApplicationForm
from ipdesk.services.workstation import Workstation
from tests.gui.helpers.loading import settle
from tests.helpers.factories import pledge_world

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def world(sqlite_workstation: Workstation) -> dict[str, Any]:
    return pledge_world(sqlite_workstation)


def test_killed_mid_form_the_next_start_restores_the_draft(qtbot, sqlite_workstation, world):
    from ipdesk.gui.mainwindow import MainWindow

    ws = sqlite_workstation
    url = ws.engine.url.render_as_string(hide_password=False)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.gui.helpers.draft_child", url, str(ws.config.data_dir), world["bank"].uscc,
         "2017106018623"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline() if child.stdout else ""
        assert line.startswith("DRAFTED"), (line, child.stderr.read() if child.stderr else "")
    finally:
        os.kill(child.pid, signal.SIGKILL)  # no clean-up, no closeEvent: what a crash does
        child.wait(10)
    assert child.returncode == -signal.SIGKILL

    drafts = DraftStore.of(ws).drafts(KIND)
    assert len(drafts) == 1 and drafts[0].values["notes"] == "kill me"
    window = MainWindow(ws, remember=False)
    qtbot.addWidget(window)
    window.show()
    dialog = offer_drafts(window, ws)  # what the next start does
    assert isinstance(dialog, DraftsDialog) and len(dialog.drafts()) == 1
    assert window.current_area() == "pledges"
    dialog.restore_selected()
    page = window.page("pledges")
    form = page.form
    assert isinstance(form, PledgeApplicationForm)
    settle(qtbot)
    assert form.pledgee.line_edit.text() == world["bank"].uscc  # typed, not yet chosen: back as typed
    assert form.amount.raw_text() == "1234567.50"
    assert form.rights.numbers()[0] == "ZL 201710601862.3"
    assert form.notes.toPlainText() == "kill me"
    assert form.is_dirty  # restored, not saved: closing still asks
    assert form.drafts.draft_id == drafts[0].id  # the same draft goes on being kept


def test_drafts_are_listed_and_discarded_and_filing_removes_its_draft(qtbot, sqlite_workstation, world,
                                                                     monkeypatch):
    from ipdesk.gui.common.widgets.form_dialog import FormDialog

    ws = sqlite_workstation
    form = PledgeApplicationForm(ws, lang="zh")
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.amount, "5000000")
    form.drafts.save_now()  # (the timer or leaving the field does it while typing)
    store = DraftStore.of(ws)
    assert [d.values["debt"]["amount"] for d in store.drafts(KIND)] == ["5000000.00"]
    dialog = DraftsDialog(ws)
    qtbot.addWidget(dialog)
    assert len(dialog.drafts()) == 1
    dialog.discard_selected()
    assert dialog.drafts() == [] and store.drafts(KIND) == []

    qtbot.keyClicks(form.amount, "0")
    form.drafts.save_now()
    assert len(store.drafts(KIND)) == 1
    monkeypatch.setattr(FormDialog, "confirm_discard", lambda self: True)
    form.reject()  # its changes thrown away on purpose: the draft goes too
    assert store.drafts(KIND) == []
    chosen = PledgeApplicationForm(ws, lang="zh")  # a chosen party is stored as "#id" and read back
    qtbot.addWidget(chosen)
    chosen.pledgee.line_edit.setText(world["bank"].uscc)
    chosen.pledgee.line_edit.editingFinished.emit()
    qtbot.waitUntil(lambda: chosen.pledgee.party_id() == world["bank"].id, timeout=5000)
    chosen.drafts.save_now()
    (draft,) = store.drafts(KIND)
    assert draft.values["pledgee"] == f"#{world['bank'].id}"
    again = PledgeApplicationForm(ws, lang="zh", draft=draft)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.pledgee.party_id() == world["bank"].id, timeout=5000)
    other = DraftStore(ws.config.data_dir / "drafts", "someone_else", ws.clock)
    assert other.drafts() == []  # each user's drafts are their own
