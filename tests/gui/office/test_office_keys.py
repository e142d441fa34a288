"""The key acts on the settings page (administrators only), against a real SQLite database: the key list
with validity periods, rotate, import a private key, retire, set and remove the passphrase — each audited
by the service, a refusal said on the panel; the list's model under qtmodeltester."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.gui.office.office_keys import KeyPeriodsModel
from ipdesk.gui.office.settings_page import SettingsPage
from ipdesk.reports.common.seal import OfficeKey
from ipdesk.services.workstation import Workstation
from ipdesk.storage.schema import AuditRow
from tests.gui.helpers.loading import settle


@pytest.fixture
def ws(sqlite_workstation: Workstation) -> Workstation:
    return sqlite_workstation


@pytest.fixture(autouse=True)
def answers(message_mock: Any) -> Any:
    return message_mock


def make_page(qtbot: Any, ws: Any) -> SettingsPage:
    page = SettingsPage(ws)
    qtbot.addWidget(page)
    page.resize(1180, 860)
    page.show()
    settle(qtbot)
    return page


def actions(ws: Workstation) -> list[str]:
    with Session(ws.engine) as s:
        return list(s.execute(select(AuditRow.action).where(AuditRow.action.like("key.%"))
                              .order_by(AuditRow.seq)).scalars())


def act(qtbot: Any, panel: Any, call: Any, signal: str = "done") -> str:
    with qtbot.waitSignal(getattr(panel, signal), timeout=15_000) as blocker:
        call()
    settle(qtbot)
    return str(blocker.args[0])


def test_rotate_retire_protect_and_import_from_the_settings_page(qtbot: Any, ws: Workstation,
                                                                 tmp_path: Path) -> None:
    ws.notices.keys.for_signing()  # the first key in use (as after the first notice)
    first = ws.notices.key.key_id
    page = make_page(qtbot, ws)
    panel = page.keys_panel
    assert [r["key_id"] for r in panel.model.rows()] == [first]
    assert panel.model.data(panel.model.index(0, 4)) == "当前使用"

    said = act(qtbot, panel, panel.rotate)
    second = ws.notices.key.key_id
    assert second != first and second in said
    assert page.key_panel.key_label.text() == second  # the signing key shown above follows
    rows = {r["key_id"]: r for r in panel.model.rows()}
    assert rows[first]["valid_until"] and not rows[second]["valid_until"]

    # the retired key cannot be retired again: said on the panel, nothing written
    before = actions(ws)
    panel.view.selectRow(next(i for i, r in enumerate(panel.model.rows()) if r["key_id"] == first))
    assert not panel.retire_button.isEnabled()
    failed = act(qtbot, panel, lambda: panel.retire(first), "failed")
    assert "失败" in failed and actions(ws) == before

    act(qtbot, panel, lambda: panel.protect("长口令 2026"))
    assert b"ENCRYPTED" in ws.notices.keys.path.read_bytes()
    act(qtbot, panel, lambda: panel.protect(None))
    assert b"ENCRYPTED" not in ws.notices.keys.path.read_bytes()

    other = OfficeKey.generate()
    pem = tmp_path / "backup.pem"
    pem.write_bytes(other.private_pem("备份口令"))
    act(qtbot, panel, lambda: panel.import_from(pem, "错的口令"), "failed")
    said = act(qtbot, panel, lambda: panel.import_from(pem, "备份口令"))
    assert ws.notices.key.key_id == other.key_id and other.key_id in said

    panel.view.selectRow(next(i for i, r in enumerate(panel.model.rows()) if r["key_id"] == other.key_id))
    assert panel.retire_button.isEnabled()
    act(qtbot, panel, lambda: panel.retire(other.key_id))
    assert actions(ws) == ["key.create", "key.rotate", "key.protect", "key.protect", "key.import", "key.retire"]


def test_the_dialogs_ask_first(qtbot: Any, ws: Workstation, answers: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QInputDialog

    ws.notices.keys.for_signing()
    page = make_page(qtbot, ws)
    panel = page.keys_panel
    answers.answer = False
    panel.rotate_dialog()  # "no": nothing asked further, nothing written
    assert actions(ws) == ["key.create"]
    answers.answer = True
    typed = iter([("一", True), ("二", True)])  # the two entries differ: refused before anything is written
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(typed))
    with qtbot.waitSignal(panel.failed, timeout=5_000):
        panel.protect_dialog()
    assert actions(ws) == ["key.create"] and "不一致" in panel.status.text()


def test_a_clerk_has_no_key_acts(qtbot: Any, ws: Workstation) -> None:
    ws.actor = Actor("wangli", Role.CLERK)
    page = make_page(qtbot, ws)
    assert page.keys_panel is None and page.key_panel is not None


def test_the_key_list_model_passes_the_model_tester(qtmodeltester: Any, ws: Workstation) -> None:
    ws.notices.keys.for_signing()
    ws.notices.keys.rotate(ws.actor)
    model = KeyPeriodsModel()
    model.set_rows([{**p.to_json(), "public_pem": p.public_pem} for p in ws.notices.keys.periods()])
    assert model.rowCount() == 2
    qtmodeltester.check(model)
    english = KeyPeriodsModel(lang="en")
    english.set_rows(model.rows())
    assert {english.data(english.index(r, 1)) for r in range(2)} == {"Office key"}
    qtmodeltester.check(english)
