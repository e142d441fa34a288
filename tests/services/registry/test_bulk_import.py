"""The bulk import (issue 14): one audit entry binding a digest of the rows written, every bad row at once,
cancel and a clash with another clerk's write leave nothing behind; on both engines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from ipdesk.domain.registry.identifiers.patent import patent_check_digit
from ipdesk.services.paging import Query
from ipdesk.services.registry import import_rows
from ipdesk.services.registry.imports import Cancelled, ImportService
from ipdesk.services.workstation import Workstation
from ipdesk.storage.schema import AuditRow, RightOwnerRow, RightRow, RightSearchRow
from tests.helpers.factories import ADMIN, add_party, invention_data, make_uscc

HEADER = "专利号,名称,申请日,授权公告日,权利人,份额\n"


def number(i: int) -> str:
    body = f"20191{9_000_000 + i:07d}"
    return f"ZL {body}.{patent_check_digit(body)}"


def rights_csv(path: Path, n: int, owners: str, start: int = 0) -> Path:
    lines = [f"{number(start + i)},一种图像处理装置（{i}）,2019-03-01,2021-05-10,{owners},\n" for i in range(n)]
    path.write_text(HEADER + "".join(lines), "utf-8")
    return path


def count(ws: Workstation, table) -> int:  # type: ignore[no-untyped-def]
    with Session(ws.engine) as s:
        return int(s.execute(select(func.count()).select_from(table)).scalar_one())


def test_an_import_is_one_audit_entry_binding_a_digest_of_its_rows(workstation: Workstation, tmp_path: Path) -> None:
    firm = add_party(workstation, "江苏恒顺新材料科技有限公司", 1)
    uni = add_party(workstation, "镇江高新研究院", 2)
    path = rights_csv(tmp_path / "r.csv", 30, f"{firm.uscc}；{uni.name}")
    before = count(workstation, AuditRow)
    report = ImportService(workstation.engine).import_file(ADMIN, "rights", path)
    assert report.ok and report.written == 30 and len(report.changes.rights) == 30
    assert count(workstation, AuditRow) == before + 1
    assert count(workstation, RightOwnerRow) == 60 and count(workstation, RightSearchRow) == 30
    with Session(workstation.engine) as s:
        entry = s.execute(select(AuditRow).order_by(AuditRow.seq.desc()).limit(1)).scalar_one()
        after = json.loads(entry.after)
        assert entry.action == "import.rights" and after["rows"] == 30
        assert sum(last - first + 1 for first, last in after["ids"]) == 30
        assert import_rows.batch_digest(s, "rights", after["ids"], after["fields"]) == after["digest"]
    right = workstation.rights.get_by_number(number(7))
    assert [(o.name, o.share) for o in right.owners] == [(firm.name, 50), (uni.name, 50)]
    assert workstation.rights.count(Query(search="图像处理")) == 30  # the search index has every row
    with Session(workstation.engine) as s, s.begin():  # a row edited behind the log's back
        s.execute(text("UPDATE rights SET title = 'x' WHERE id = :i"), {"i": right.id})
    with Session(workstation.engine) as s:
        assert import_rows.batch_digest(s, "rights", after["ids"], after["fields"]) != after["digest"]


def test_every_bad_row_is_reported_and_nothing_written(workstation: Workstation, tmp_path: Path) -> None:
    firm = add_party(workstation)
    workstation.rights.create(ADMIN, invention_data([firm.id], number=number(3)))  # type: ignore[list-item]
    rows = [
        f"{number(1)},一种装置,2019-03-01,2021-05-10,{firm.uscc},",
        f"{number(2)},一种装置,2019-02-30,2021-05-10,{firm.uscc},",  # no such day
        f"{number(3)},一种装置,2019-03-01,2021-05-10,{firm.uscc},",  # in the register already
        f"{number(1)},一种装置,2019-03-01,2021-05-10,{firm.uscc},",  # row 2 again
        f"{number(5)},一种装置,2019-03-01,2021-05-10,无此公司,",
        f"{number(6)},一种装置,2019-03-01,2021-05-10,{firm.uscc},60；40",
    ]
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + "\n".join(rows) + "\n", "utf-8")
    report = ImportService(workstation.engine).import_file(ADMIN, "rights", path)
    assert not report.ok and report.written == 0
    by_row = {(p.row, p.code) for p in report.problems}
    assert by_row == {(3, "bad_date"), (3, "required"), (4, "right.number_taken"), (5, "import.duplicate_in_file"),
                      (6, "import.owner_unknown"), (7, "import.share_count")}
    assert next(p for p in report.problems if p.row == 3).field == "申请日"  # the file's own column name
    assert count(workstation, RightRow) == 1


def test_cancel_while_writing_leaves_nothing(workstation: Workstation, tmp_path: Path) -> None:
    firm = add_party(workstation)
    path = rights_csv(tmp_path / "r.csv", import_rows.CHUNK + 10, str(firm.uscc))
    seen: list[int] = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        return done > total // 2  # the first chunk is written, then cancel

    with pytest.raises(Cancelled):
        ImportService(workstation.engine).import_file(ADMIN, "rights", path, progress=progress)
    assert max(seen) > len(seen) and count(workstation, RightRow) == 0 and count(workstation, RightSearchRow) == 0


def test_a_number_another_clerk_registers_meanwhile_is_a_bad_row(workstation: Workstation, tmp_path: Path) -> None:
    firm = add_party(workstation)
    path = rights_csv(tmp_path / "r.csv", 5, str(firm.uscc))
    done_checking = {"once": False}

    def progress(done: int, total: int) -> None:
        if done == total // 2 and not done_checking["once"]:  # checked, not yet written: a colleague saves
            done_checking["once"] = True
            workstation.rights.create(ADMIN, invention_data([firm.id], number=number(2)))  # type: ignore[list-item]

    report = ImportService(workstation.engine).import_file(ADMIN, "rights", path, progress=progress)
    assert not report.ok and [(p.row, p.code) for p in report.problems] == [(4, "right.number_taken")]
    assert count(workstation, RightRow) == 1


def test_parties_in_bulk_with_a_uscc_taken_and_one_twice(workstation: Workstation, tmp_path: Path) -> None:
    add_party(workstation, "甲公司", 1)
    path = tmp_path / "p.csv"
    path.write_text("名称,类型,统一社会信用代码\n"
                    f"乙公司,企业,{make_uscc(2)}\n丙公司,企业,{make_uscc(1)}\n丁公司,企业,{make_uscc(2)}\n", "utf-8")
    report = ImportService(workstation.engine).import_file(ADMIN, "parties", path)
    assert {(p.row, p.code) for p in report.problems} == {(3, "party.uscc_taken"), (4, "import.duplicate_in_file")}
    path.write_text(f"名称,类型,统一社会信用代码\n乙公司,企业,{make_uscc(2)}\n丙公司,企业,{make_uscc(3)}\n", "utf-8")
    report = ImportService(workstation.engine).import_file(ADMIN, "parties", path)
    assert report.ok and report.written == 2
    assert workstation.parties.by_uscc(make_uscc(3)).name == "丙公司"  # type: ignore[union-attr]
