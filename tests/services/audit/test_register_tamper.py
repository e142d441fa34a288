"""Tamper evidence over the register, on both engines: direct SQL edits of business rows, a truncated log
with the head moved, a chain rewritten without the secret, and the anchors outside the database."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text

from ipdesk.domain.notices.notice import NoticeKind
from ipdesk.services.audit import entry_hash
from ipdesk.services.audit.keys import AuditKeys
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, application_data, pledge_world

D = date(2026, 11, 16)


@pytest.fixture
def registered(workstation: Workstation) -> tuple[Workstation, int]:
    world = pledge_world(workstation)
    rec = workstation.pledges.file(ADMIN, application_data(world), received=D)
    workstation.pledges.register(ADMIN, rec.id, on=D)
    return workstation, rec.id


def sql(ws: Workstation, statement: str, **params: object) -> None:
    with ws.engine.begin() as conn:
        conn.execute(text(statement), params)


def verify(ws: Workstation, *anchors: Path) -> dict:
    return ws.audit.verify(list(anchors)).to_json()


def test_an_untouched_register_verifies(registered: tuple[Workstation, int], tmp_path: Path) -> None:
    ws, pid = registered
    ws.notices.print_notice(ADMIN, pid, NoticeKind.REGISTRATION, tmp_path / "n.pdf")
    ws.notices.revoke(ADMIN, ws.notices.notices_of(pid)[0].serial, "误发")
    report = verify(ws, tmp_path / "n.pdf")
    assert report["ok"], report
    assert report["keyed"] and report["mismatches"] == [] and report["records"] >= 5
    assert all(a["ok"] for a in report["anchors"])


@pytest.mark.parametrize("statement, field", [
    ("UPDATE pledges SET secured_amount = 99999999.00 WHERE id = :id", "pledges.secured_amount"),
    ("UPDATE pledges SET status = 'cancelled' WHERE id = :id", "pledges.status"),
])
def test_a_direct_update_of_a_pledge(registered: tuple[Workstation, int], statement: str, field: str) -> None:
    ws, pid = registered
    sql(ws, statement, id=pid)
    report = verify(ws)
    assert not report["ok"]
    [m] = report["mismatches"]
    assert (m["table"], m["id"], m["problem"], m["record"]) == ("pledges", pid, "changed", "Y2026980000001")
    assert m["fields"] == [field]


def test_a_direct_change_of_a_rights_owners(registered: tuple[Workstation, int]) -> None:
    ws, _pid = registered
    sql(ws, "UPDATE right_owners SET share = 10.00 WHERE position = 0")
    [m] = verify(ws)["mismatches"]
    assert (m["table"], m["problem"], m["fields"]) == ("rights", "changed", ["right_owners"])


def test_un_revoking_a_notice(registered: tuple[Workstation, int], tmp_path: Path) -> None:
    ws, pid = registered
    issued = ws.notices.print_notice(ADMIN, pid, NoticeKind.REGISTRATION, tmp_path / "n.pdf")
    ws.notices.revoke(ADMIN, issued.serial, "误发")
    assert verify(ws)["ok"]
    sql(ws, "UPDATE notices SET revoked_at = NULL, revoked_by = '', revoked_reason = ''")
    [m] = verify(ws)["mismatches"]
    assert (m["table"], m["record"], m["problem"]) == ("notices", issued.serial, "changed")
    assert m["fields"] == ["notices.revoked_at", "notices.revoked_by", "notices.revoked_reason"]


def test_a_row_inserted_or_deleted_behind_the_log(registered: tuple[Workstation, int]) -> None:
    ws, _pid = registered
    sql(ws, "INSERT INTO pledge_pledgors (pledge_id, party_id, position) SELECT id, pledgee_id, 9 FROM pledges")
    assert [m["problem"] for m in verify(ws)["mismatches"]] == ["changed"]
    sql(ws, "DELETE FROM pledge_pledgors WHERE position = 9")
    assert verify(ws)["ok"]
    sql(ws, "INSERT INTO parties (kind, name, name_key, id_number, address, contact, phone, region, notes, "
            "created_at, updated_at, version) VALUES ('company', 'x', 'x', '', '', '', '', '', '', "
            "'2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)")
    [m] = verify(ws)["mismatches"]
    assert (m["table"], m["problem"]) == ("parties", "not_audited")


def test_tail_truncation_with_the_head_moved(registered: tuple[Workstation, int]) -> None:
    ws, _pid = registered
    with ws.engine.begin() as conn:
        head = conn.execute(text("SELECT seq FROM audit_head")).scalar_one()
        prev = conn.execute(text("SELECT hash FROM audit_log WHERE seq = :s"), {"s": head - 1}).scalar_one()
        conn.execute(text("DELETE FROM audit_log WHERE seq = :s"), {"s": head})
        conn.execute(text("UPDATE audit_head SET seq = :s, hash = :h"), {"s": head - 1, "h": prev})
    report = verify(ws)
    assert not report["ok"]
    # the register's state names an entry the log no longer has, and the data folder's checkpoint catches it
    assert any(m["problem"] in ("unbound", "stale") for m in report["mismatches"])
    assert any(not a["ok"] and a["seq"] == head for a in report["anchors"])


def test_truncation_with_the_state_rolled_back_too_is_caught_by_the_anchors(
        registered: tuple[Workstation, int], tmp_path: Path) -> None:
    """Delete the tail entries and every trace of their state: only the anchors outside the database tell."""
    ws, pid = registered
    issued = ws.notices.print_notice(ADMIN, pid, NoticeKind.REGISTRATION, tmp_path / "n.pdf")
    position = int(issued.document.audit_position.split(":")[0])
    assert position > 0
    export = tmp_path / "checkpoints.json"
    ws.audit.export_checkpoints(export)
    with ws.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE seq > 0"))
        conn.execute(text("DELETE FROM audit_state"))
        conn.execute(text("UPDATE audit_head SET seq = 0, hash = :h"), {"h": "0" * 64})
        for table in ("notice_prints", "notices", "pledge_events", "pledge_rights", "pledge_pledgors", "pledges",
                      "right_owners", "right_search", "right_transactions", "rights", "parties", "trusted_keys"):
            conn.execute(text(f"DELETE FROM {table}"))
    (ws.config.data_dir / "audit_checkpoints.jsonl").unlink()  # the local file is gone too
    assert verify(ws)["ok"]  # an empty, consistent register: nothing inside the database can tell
    for anchor in (tmp_path / "n.pdf", export):
        report = verify(ws, anchor)
        assert not report["ok"], anchor
        assert any(not a["ok"] for a in report["anchors"])


def test_a_full_rewrite_without_the_secret(registered: tuple[Workstation, int]) -> None:
    ws, pid = registered
    sql(ws, "UPDATE pledges SET secured_amount = 99999999.00 WHERE id = :id", id=pid)
    # the attacker recomputes every link with a secret of their own (they do not have the office's)
    forged = AuditKeys(b"x" * 32, 0)
    with ws.engine.begin() as conn:
        rows = conn.execute(text("SELECT id, seq FROM audit_log ORDER BY seq")).all()
    from sqlalchemy.orm import Session

    from ipdesk.storage.schema import AuditHeadRow, AuditRow

    with Session(ws.engine) as session, session.begin():
        prev = "0" * 64
        for rid, _seq in rows:
            row = session.get(AuditRow, rid)
            assert row is not None
            row.prev_hash, row.hash = prev, entry_hash(prev, row, forged)
            prev = row.hash
        head = session.get(AuditHeadRow, 1)
        assert head is not None
        head.hash = prev
    report = verify(ws)
    assert not report["ok"] and report["first_bad_seq"] == 1
    assert "without the audit secret" in report["reason"]


def test_the_secret_is_private_outside_the_database(registered: tuple[Workstation, int]) -> None:
    ws, _pid = registered
    path = ws.config.keys_dir / "audit_secret.json"
    assert path.stat().st_mode & 0o777 == 0o600
    secret = json.loads(path.read_text())["secret"]
    with ws.engine.connect() as conn:
        for (state,) in conn.execute(text("SELECT state FROM audit_log")):
            assert secret not in state
