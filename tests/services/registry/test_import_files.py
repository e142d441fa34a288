"""Import files as they go wrong in an office: a UTF-8 file with one stray byte is reported as the encoding
problem it is (which line), a GB18030 file still reads, a column given twice is refused, a NUL in a cell is
located by row and column; nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipdesk.domain.shared.problems import ValidationError
from ipdesk.services.registry.imports import ImportService
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, make_uscc

HEADER = "名称,类型,统一社会信用代码\n"


def _import(ws: Workstation, path: Path):
    return ImportService(ws.engine, clock=ws.clock).import_file(ADMIN, "parties", path)


def test_a_stray_byte_in_a_utf8_file_is_an_encoding_problem_on_its_line(sqlite_workstation: Workstation,
                                                                        tmp_path: Path) -> None:
    ws = sqlite_workstation
    path = tmp_path / "p.csv"
    lines = [HEADER, f"江苏恒顺新材料科技有限公司,企业,{make_uscc(1)}\n", f"镇江高新研究院,企业,{make_uscc(2)}\n"]
    data = "".join(lines).encode("utf-8")
    cut = data.index("镇江".encode())
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])  # one byte a copy-paste or a bad disk left behind
    with pytest.raises(ValidationError) as err:
        _import(ws, path)
    [p] = err.value.problems
    assert p.code == "import.encoding" and p.row == 3
    assert p.message("zh").startswith("第 3 行有一个不是文字的字节（0xFF）")
    assert "line 3" in p.message("en")
    assert ws.parties.find("镇江") == []

    path.write_bytes("".join(lines).encode("gb18030"))  # Excel's CSV on Chinese Windows still reads
    assert _import(ws, path).written == 2


def test_a_duplicated_column_and_a_nul_cell_are_refused(sqlite_workstation: Workstation, tmp_path: Path) -> None:
    ws = sqlite_workstation
    path = tmp_path / "p.csv"
    path.write_text(f"名称,类型,name,统一社会信用代码\n甲公司,企业,乙公司,{make_uscc(1)}\n", encoding="utf-8")
    report = _import(ws, path)
    assert report.written == 0
    [p] = report.problems
    assert p.code == "import.duplicate_column" and p.row == 1
    assert p.message("zh") == "列“name”重复：第 1 列和第 3 列是同一项"

    path.write_text(f"名称,类型,统一社会信用代码\n甲\x00公司,企业,{make_uscc(1)}\n", encoding="utf-8")
    report = _import(ws, path)
    assert report.written == 0
    assert [(p.code, p.row, p.field) for p in report.problems] == [("input.nul", 2, "名称")]
    assert ws.parties.find("公司") == []
