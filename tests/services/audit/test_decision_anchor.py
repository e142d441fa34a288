"""A notice names the exact audit entry of the decision it documents (``decision_entry``), not only the
chain head at its issue; ``audit verify --anchor notice.pdf`` checks both, on both engines."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from ipdesk.domain.notices.notice import NoticeKind
from ipdesk.services.audit import entry_hash
from ipdesk.services.audit.keys import keys_of
from ipdesk.services.workstation import Workstation
from ipdesk.storage.schema import AuditHeadRow, AuditRow
from tests.helpers.factories import ADMIN, application_data, pledge_world

D = date(2026, 11, 16)


def entry_of(ws: Workstation, action: str, pledge_id: int) -> str:
    with Session(ws.engine) as s:
        [row] = s.execute(select(AuditRow).where(AuditRow.action == action, AuditRow.entity_id == pledge_id)).scalars()
        return f"{row.seq}:{row.hash}"


@pytest.fixture
def registered(workstation: Workstation) -> tuple[Workstation, int]:
    world = pledge_world(workstation)
    rec = workstation.pledges.file(ADMIN, application_data(world), received=D)
    workstation.pledges.register(ADMIN, rec.id, on=D)
    return workstation, rec.id


def test_a_notice_names_its_decisions_entry(registered: tuple[Workstation, int], tmp_path: Path) -> None:
    ws, pid = registered
    ws.pledges.change(ADMIN, pid, secured_amount=Decimal("2000000.00"), on=D)
    # printed after a later act: the registration notice still names the registration's entry
    reg = ws.notices.print_notice(ADMIN, pid, NoticeKind.REGISTRATION, tmp_path / "reg.pdf").document
    change = ws.notices.print_notice(ADMIN, pid, NoticeKind.CHANGE, tmp_path / "change.pdf").document
    assert reg.decision_entry == entry_of(ws, "pledge.register", pid)
    assert change.decision_entry == entry_of(ws, "pledge.change", pid)
    head_seq = int(reg.audit_position.split(":")[0])
    assert int(reg.decision_entry.split(":")[0]) < head_seq  # not the head at issue
    report = ws.audit.verify([tmp_path / "reg.pdf"]).to_json()
    mine = [a for a in report["anchors"] if a["source"] == "reg.pdf"]
    assert [(a["anchor"], a["ok"]) for a in mine] == [("decision", True), ("issue", True)], mine
    assert report["ok"]


def test_a_decisions_entry_rewritten_with_the_secret_is_named(registered: tuple[Workstation, int],
                                                              tmp_path: Path) -> None:
    """An insider with the data folder's secret edits the registration entry and recomputes the chain: the
    chain and the register check out, the paper does not."""
    ws, pid = registered
    notice = ws.notices.print_notice(ADMIN, pid, NoticeKind.REGISTRATION, tmp_path / "n.pdf").document
    decision_seq = int(notice.decision_entry.split(":")[0])
    keys = keys_of(ws.engine)
    with Session(ws.engine) as session, session.begin():
        rows = session.execute(select(AuditRow).order_by(AuditRow.seq)).scalars().all()
        prev = "0" * 64
        for row in rows:
            if row.seq == decision_seq:
                row.summary = row.summary + "（补记）"
            row.prev_hash, row.hash = prev, entry_hash(prev, row, keys)
            prev = row.hash
        head = session.get(AuditHeadRow, 1)
        assert head is not None
        head.hash = prev
    (ws.config.data_dir / "audit_checkpoints.jsonl").unlink()  # and the local checkpoints with it
    assert ws.audit.verify([]).ok  # nothing inside the data folder can tell
    report = ws.audit.verify([tmp_path / "n.pdf"]).to_json()
    assert not report["ok"]
    by_kind = {a["anchor"]: a for a in report["anchors"] if a["source"] == "n.pdf"}
    assert not by_kind["decision"]["ok"] and by_kind["decision"]["seq"] == decision_seq
    assert "not the one" in by_kind["decision"]["reason"]


def test_truncation_after_the_decision_keeps_the_decision_and_loses_the_issue(
        registered: tuple[Workstation, int], tmp_path: Path) -> None:
    ws, pid = registered
    ws.pledges.change(ADMIN, pid, secured_amount=Decimal("2000000.00"), on=D)  # an act between decision and issue
    notice = ws.notices.print_notice(ADMIN, pid, NoticeKind.REGISTRATION, tmp_path / "n.pdf").document
    decision_seq = int(notice.decision_entry.split(":")[0])
    assert int(notice.audit_position.split(":")[0]) > decision_seq
    with ws.engine.begin() as conn:
        last = conn.execute(text("SELECT hash FROM audit_log WHERE seq = :s"), {"s": decision_seq}).scalar_one()
        conn.execute(text("DELETE FROM audit_log WHERE seq > :s"), {"s": decision_seq})
        conn.execute(text("UPDATE audit_head SET seq = :s, hash = :h"), {"s": decision_seq, "h": last})
    report = ws.audit.verify([tmp_path / "n.pdf"]).to_json()
    by_kind = {a["anchor"]: a for a in report["anchors"] if a["source"] == "n.pdf"}
    assert by_kind["decision"]["ok"]  # the decision the paper documents is still in the log
    assert not by_kind["issue"]["ok"] and "no longer has" in by_kind["issue"]["reason"]  # what came after is not
    assert not report["ok"]


def test_events_name_their_audit_entry(registered: tuple[Workstation, int]) -> None:
    ws, pid = registered
    with ws.engine.connect() as conn:
        payloads = dict(conn.execute(text("SELECT kind, payload FROM pledge_events WHERE pledge_id = :p"),
                                     {"p": pid}).all())
    assert f'"audit_seq":{entry_of(ws, "pledge.register", pid).split(":")[0]}' in payloads["registered"]
