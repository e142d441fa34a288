"""Bulk writes are bound too: the demo load binds every record it wrote (by id range, one entry), an
import's last entry binds the batch digest of all its rows; edits behind either are found."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import text

from ipdesk.demo.generator import load_demo_data
from ipdesk.services.audit import binding
from ipdesk.services.registry.imports import ImportService
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, make_uscc

AS_OF = date(2026, 11, 16)


def last_state(ws: Workstation, action: str) -> dict:
    with ws.engine.connect() as conn:
        query = text("SELECT state FROM audit_log WHERE action = :a ORDER BY seq DESC LIMIT 1")
        return json.loads(conn.execute(query, {"a": action}).scalar_one())


def test_the_demo_load_binds_every_record_in_one_entry(workstation: Workstation) -> None:
    ws = workstation
    load_demo_data(ws.engine, ADMIN, rights=300, seed=7, as_of=AS_OF, clock=ws.clock)
    state = last_state(ws, "demo.load")
    assert state["all"]["right"]["count"] == 300 and state["all"]["party"]["count"] >= 80
    assert state["batch"]["count"] == 300 + state["all"]["party"]["count"]
    report = ws.audit.verify().to_json()
    assert report["ok"], report["mismatches"][:3]
    with ws.engine.begin() as conn:
        conn.execute(text("UPDATE rights SET title = 'forged' WHERE id = 17"))
        number = conn.execute(text("SELECT display_number FROM rights WHERE id = 17")).scalar_one()
    [m] = ws.audit.verify().to_json()["mismatches"]
    assert (m["table"], m["id"], m["record"], m["problem"]) == ("rights", 17, number, "changed")


def test_an_import_binds_its_rows_and_the_batch(workstation: Workstation, tmp_path: Path) -> None:
    ws = workstation
    path = tmp_path / "parties.csv"
    path.write_text("名称,类型,统一社会信用代码,地址\n" + "".join(
        f"企业{i},企业,{make_uscc(100 + i)},镇江市\n" for i in range(50)), encoding="utf-8")
    report = ImportService(ws.engine, clock=ws.clock).import_file(ADMIN, "parties", path)
    assert report.written == 50
    state = last_state(ws, "import.parties")
    assert state["batch"]["count"] == 50
    assert ws.audit.verify().ok
    with ws.engine.begin() as conn:
        conn.execute(text("UPDATE parties SET address = '北京市' WHERE name = '企业7'"))
    [m] = ws.audit.verify().to_json()["mismatches"]
    assert (m["record"], m["fields"]) == ("企业7", ["parties.address"])


def test_a_register_from_before_state_binding_gets_one_baseline(workstation: Workstation) -> None:
    ws = workstation
    load_demo_data(ws.engine, ADMIN, rights=50, seed=3, as_of=AS_OF, clock=ws.clock)
    with ws.engine.begin() as conn:  # as an upgraded database looks: entries, no keyed ones, no state
        conn.execute(text("DELETE FROM audit_state"))
        conn.execute(text("DELETE FROM audit_log"))
        conn.execute(text("UPDATE audit_head SET seq = 0, hash = :h"), {"h": "0" * 64})
    (ws.config.data_dir / "audit_checkpoints.jsonl").unlink()
    assert not ws.audit.verify().ok  # nothing binds the records
    assert binding.baseline(ws.engine, ws.clock)
    assert ws.audit.verify().ok
    assert not binding.baseline(ws.engine, ws.clock)  # once only: later edits are not absorbed
    with ws.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_state"))
    assert not binding.baseline(ws.engine, ws.clock) and not ws.audit.verify().ok
