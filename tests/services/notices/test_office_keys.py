"""The office key's life: first use and rotation audited with key ids, a replaced key file refused, a
passphrase-protected key, retirement, and a public export listing every key with its validity period."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ipdesk.domain.notices.notice import NoticeKind
from ipdesk.domain.shared.problems import RuleRefusal
from ipdesk.reports.common.seal import OfficeKey, VerifyStatus
from ipdesk.services.notices.service import NoticeService
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, application_data, pledge_world

D = date(2026, 11, 16)


@pytest.fixture
def registered(workstation: Workstation) -> tuple[Workstation, int]:
    world = pledge_world(workstation)
    rec = workstation.pledges.file(ADMIN, application_data(world), received=D)
    workstation.pledges.register(ADMIN, rec.id, on=D)
    return workstation, rec.id


def key_entries(ws: Workstation) -> list[tuple[str, dict | None, dict | None]]:
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from ipdesk.services.audit.log import to_entry
    from ipdesk.storage.schema import AuditRow

    with Session(ws.engine) as s:
        rows = s.execute(select(AuditRow).where(AuditRow.entity_type == "key").order_by(AuditRow.seq)).scalars()
        return [(e.action, e.before, e.after) for e in map(to_entry, rows)]


def test_first_use_and_rotation_are_audited_and_old_notices_still_verify(
        registered: tuple[Workstation, int], tmp_path: Path) -> None:
    ws, pid = registered
    first = ws.notices.print_notice(ADMIN, pid, NoticeKind.REGISTRATION, tmp_path / "old.pdf")
    old_id = ws.notices.key.key_id
    ws.notices.keys.rotate(ADMIN)
    new_id = ws.notices.key.key_id
    assert new_id != old_id
    assert key_entries(ws) == [("key.create", None, {"key_id": old_id}),
                               ("key.rotate", {"key_id": old_id}, {"key_id": new_id})]
    assert ws.notices.verify_file(tmp_path / "old.pdf").status is VerifyStatus.GENUINE
    assert ws.notices.verify_text(first.payload).status is VerifyStatus.GENUINE
    assert (ws.config.keys_dir / "retired" / f"office_ed25519-{old_id}.pem").exists()
    periods = {p["key_id"]: p for p in (k.to_json() for k in ws.notices.keys.periods())}
    assert periods[old_id]["valid_until"] is not None and periods[new_id]["valid_until"] is None
    out = tmp_path / "keys.pem"
    ws.notices.export_public_key(out)
    text = out.read_text()
    assert text.count("BEGIN PUBLIC KEY") == 2 and f"key_id {old_id}" in text and "current" in text
    assert ws.audit.verify().ok


def test_a_key_file_replaced_behind_ipdesks_back_is_refused(registered: tuple[Workstation, int],
                                                            tmp_path: Path) -> None:
    ws, pid = registered
    genuine = ws.notices.keys.for_signing().key_id  # in use: the register knows it
    path = ws.config.keys_dir / "office_ed25519.pem"
    path.unlink()
    OfficeKey.generate().save(path)
    fresh = NoticeService(ws.engine, ws.config.keys_dir, clock=ws.clock)
    with pytest.raises(RuleRefusal) as err:
        fresh.issue(ADMIN, pid, NoticeKind.REGISTRATION)
    assert err.value.problems[0].code == "key.replaced" and genuine in err.value.messages()[0]
    assert fresh.notices_of(pid) == []


def test_a_passphrase_protected_key(registered: tuple[Workstation, int], tmp_path: Path) -> None:
    ws, pid = registered
    key_id = ws.notices.keys.for_signing().key_id
    ws.notices.keys.protect(ADMIN, "correct horse battery")
    assert b"ENCRYPTED" in (ws.config.keys_dir / "office_ed25519.pem").read_bytes()
    without = NoticeService(ws.engine, ws.config.keys_dir, clock=ws.clock, passphrase=lambda: None)
    with pytest.raises(RuleRefusal) as err:
        without.issue(ADMIN, pid, NoticeKind.REGISTRATION)
    assert err.value.problems[0].code == "key.passphrase_needed"
    wrong = NoticeService(ws.engine, ws.config.keys_dir, clock=ws.clock, passphrase=lambda: "wrong")
    with pytest.raises(RuleRefusal) as err:
        wrong.issue(ADMIN, pid, NoticeKind.REGISTRATION)
    assert err.value.problems[0].code == "key.passphrase_wrong"
    right = NoticeService(ws.engine, ws.config.keys_dir, clock=ws.clock, passphrase=lambda: "correct horse battery")
    issued = right.print_notice(ADMIN, pid, NoticeKind.REGISTRATION, tmp_path / "n.pdf")
    assert issued.payload.split("|")[3] == key_id
    assert key_entries(ws)[-1][0] == "key.protect"


def test_import_and_retire_are_audited(registered: tuple[Workstation, int], tmp_path: Path) -> None:
    ws, pid = registered
    old_id = ws.notices.key.key_id
    other = OfficeKey.generate()
    ws.notices.keys.import_key(ADMIN, other.private_pem("pw"), "pw")
    assert ws.notices.key.key_id == other.key_id
    assert key_entries(ws)[-1] == ("key.import", {"key_id": old_id}, {"key_id": other.key_id})
    ws.notices.keys.retire(ADMIN, other.key_id)
    assert key_entries(ws)[-1] == ("key.retire", {"key_id": other.key_id}, {"key_id": None})
    with_pw = NoticeService(ws.engine, ws.config.keys_dir, clock=ws.clock, passphrase=lambda: "pw")
    with pytest.raises(RuleRefusal) as err:  # the imported file keeps its passphrase
        with_pw.issue(ADMIN, pid, NoticeKind.REGISTRATION)
    assert err.value.problems[0].code == "key.retired_file"
    assert ws.audit.verify().ok
