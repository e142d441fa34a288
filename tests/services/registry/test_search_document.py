"""The search document's copy in the rights row (``rights.grams``, under PostgreSQL's GIN index): every
writer keeps it equal to ``right_search.grams`` on PostgreSQL (the form, an edit, a party's new name, an
import, the demo load); SQLite leaves it NULL (its FTS5 index reads right_search)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import text

from ipdesk.demo.generator import load_demo_data
from ipdesk.services.paging import Query
from ipdesk.services.registry.imports import ImportService
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, add_party, invention_data, party_data
from tests.services.registry.test_bulk_import import rights_csv


def assert_copies(ws: Workstation, rights: int) -> None:
    with ws.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT r.id, r.grams, s.grams FROM rights AS r JOIN right_search AS s ON s.right_id = r.id"
        )).all()
    assert len(rows) == rights
    if ws.engine.dialect.name == "postgresql":
        assert [(i, a) for i, a, _b in rows] == [(i, b) for i, _a, b in rows]
    else:
        assert {a for _i, a, _b in rows} == {None}


def test_the_form_an_edit_and_a_renamed_owner_keep_the_copy(workstation: Workstation) -> None:
    ws = workstation
    firm = add_party(ws)
    right = ws.rights.create(ADMIN, invention_data([firm.id]))  # type: ignore[list-item]
    assert_copies(ws, 1)
    data = invention_data([firm.id], title="一种钢结构连接件")  # type: ignore[list-item]
    ws.rights.update(ADMIN, right.id, data, expected_version=right.version)  # type: ignore[arg-type]
    assert_copies(ws, 1)
    assert ws.rights.count(Query(search="钢结构")) == 1 and ws.rights.count(Query(search="图像")) == 0
    ws.parties.update(ADMIN, firm.id, party_data("江苏富宏新材料科技有限公司", 1))  # type: ignore[arg-type]
    assert_copies(ws, 1)
    assert [r["id"] for r in ws.rights.page(Query(search="富宏"), 0, 10)] == [right.id]


def test_an_import_and_the_demo_load_write_the_copy(workstation: Workstation, tmp_path: Path) -> None:
    ws = workstation
    load_demo_data(ws.engine, ADMIN, rights=40, seed=3, as_of=date(2026, 11, 21))
    assert_copies(ws, 40)
    firm = add_party(ws, "镇江恒顺新材料科技有限公司", 91)
    report = ImportService(ws.engine).import_file(ADMIN, "rights", rights_csv(tmp_path / "r.csv", 20, firm.name))
    assert report.ok and report.written == 20
    assert_copies(ws, 60)
