"""The bulk import (issue 14): one audit entry binding the rows written, every bad row at once, the fees of
a patent typed in, cancel and a clash with another clerk's write leave nothing behind; on both engines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from ipdesk.domain.registry.identifiers.patent import patent_check_digit
from ipdesk.services import audit
from ipdesk.services.audit import binding
from ipdesk.services.audit.state import canonical, states_of
from ipdesk.services.paging import Query
from ipdesk.services.registry import import_rows
from ipdesk.services.registry.imports import Cancelled, ImportService
from ipdesk.services.uow import note, transaction
from ipdesk.services.workstation import Workstation
from ipdesk.storage.audit.tables import AuditStateRow
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


def test_an_import_is_one_audit_entry_binding_its_rows(workstation: Workstation, tmp_path: Path) -> None:
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
        bound = json.loads(entry.state)
        assert bound["spans"]["right"]["runs"] == after["ids"] and bound["batch"]["count"] == 30
        assert "bind" not in bound  # the rows by id runs, not 30 digests in the entry
    assert workstation.audit.verify().ok
    right = workstation.rights.get_by_number(number(7))
    assert [(o.name, o.share) for o in right.owners] == [(firm.name, 50), (uni.name, 50)]
    assert workstation.rights.count(Query(search="图像处理")) == 30  # the search index has every row
    with Session(workstation.engine) as s, s.begin():  # a row edited behind the log's back
        s.execute(text("UPDATE rights SET title = 'x' WHERE id = :i"), {"i": right.id})
    [m] = workstation.audit.verify().to_json()["mismatches"]
    assert (m["id"], m["problem"], m["fields"]) == (right.id, "changed", ["rights.title"])


def test_the_states_an_import_binds_are_those_the_database_holds(workstation: Workstation, tmp_path: Path,
                                                                  caplog: pytest.LogCaptureFixture) -> None:
    """Every kind of row (co-owners with shares, a trademark's classes, a copyright, fees, flags): the state
    the import built from its rows is the one read back from the database, value for value."""
    firm = add_party(workstation, "江苏恒顺新材料科技有限公司", 1)
    uni = add_party(workstation, "镇江高新研究院", 2)
    path = tmp_path / "mixed.csv"
    path.write_text(
        "编号,类型,名称,申请日,授权公告日,注册日,权利人,份额,尼斯分类,费减比例,年费已缴至,法院保全,同日申请\n"
        f"{number(1)},,一种装置,2019-03-01,2021-05-10,,{firm.uscc}；{uni.name},60；40,,70,3,是,\n"
        f"{number(2)},,一种方法,2019-03-01,2021-05-10,,{firm.uscc},,,85,,,是\n"
        f"12345678,trademark,恒顺,,,2018-06-01,{firm.uscc},,\"9,42\",,,,\n"
        "2019SR123456,software,图像处理软件 V1.0,,,2019-01-15," f"{uni.name},,,,,,\n", "utf-8")
    report = ImportService(workstation.engine, clock=workstation.clock).import_file(ADMIN, "rights", path)
    assert report.ok, report.problems
    ids = sorted(report.changes.rights)
    with Session(workstation.engine) as s:
        stored = {r.entity_id: r.state for r in s.execute(
            select(AuditStateRow).where(AuditStateRow.entity_type == "right")).scalars()}
        read = states_of(s, "right", ids)
    assert [stored[i] for i in ids] == [canonical(read[i]) for i in ids]
    assert "differ from the database" not in caplog.text  # bound as built, not read back
    assert workstation.audit.verify().ok


def test_states_a_writer_got_wrong_are_read_back(workstation: Workstation, caplog: pytest.LogCaptureFixture) -> None:
    party = add_party(workstation)
    with transaction(workstation.engine, workstation.clock) as s:
        s.execute(text("UPDATE parties SET address = '北京市' WHERE id = :i"), {"i": party.id})
        binding.provide_states(s, "party", {party.id: {"parties": {"id": party.id, "address": "镇江市"}}})
        note(s, "parties", party.id)
        audit.record(s, ADMIN, "import.parties", "import", None, "test")
    assert "differ from the database" in caplog.text and workstation.audit.verify().ok


def test_an_imported_patent_has_the_fees_of_one_typed_in(workstation: Workstation, tmp_path: Path) -> None:
    firm = add_party(workstation)
    cases = [("", ""), ("85", ""), ("", "4"), ("85", "6")]  # blank: the default for its status
    path = tmp_path / "fees.csv"
    path.write_text("专利号,名称,申请日,授权公告日,权利人,费减比例,年费已缴至\n" + "".join(
        f"{number(i)},一种装置,2019-03-01,2021-05-10,{firm.uscc},{r},{p}\n" for i, (r, p) in enumerate(cases)),
        "utf-8")
    assert ImportService(workstation.engine, clock=workstation.clock).import_file(ADMIN, "rights", path).ok
    for i, (r, p) in enumerate(cases):
        typed = workstation.rights.create(ADMIN, invention_data(  # type: ignore[list-item]
            [firm.id], number=number(100 + i), filing_date="2019-03-01", grant_date="2021-05-10",
            fee_reduction=r, fees_paid_through=p))
        imported = workstation.rights.get_by_number(number(i))
        assert (imported.fee_reduction, imported.fees_paid_through) == (typed.fee_reduction, typed.fees_paid_through)
        with Session(workstation.engine) as s:
            due = dict(s.execute(select(RightRow.id, RightRow.fees_next_due)
                                 .where(RightRow.id.in_([imported.id, typed.id]))).all())
        assert due[imported.id] == due[typed.id] is not None
    assert workstation.rights.get_by_number(number(0)).fees_paid_through is not None  # the default applied


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
