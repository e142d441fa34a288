"""Bulk import of parties and rights from CSV or Excel: every bad row reported at once, all or nothing.

Column headers may be Chinese or English (see docs/import.md). Rights name their owners by USCC or
exact name; numbers may be in any accepted form (CNIPA lists use the 13-character form without dot).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from ipdesk.domain.shared.changes import NO_CHANGES, Changes
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.fields import clean
from ipdesk.domain.shared.files import os_error_text
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import DomainError, Problem, ValidationError
from ipdesk.domain.shared.safe_text import has_bad_text, text_problem
from ipdesk.services import audit
from ipdesk.services.registry import import_rows
from ipdesk.services.uow import note, reading, reported, transaction
from ipdesk.storage import writelock

register(
    {
        "import.file_type": (
            "不支持的文件类型：{suffix}（请使用 .csv 或 .xlsx）",
            "unsupported file type {suffix} (use .csv or .xlsx)",
        ),
        "import.empty": ("文件中没有数据行", "the file has no data rows"),
        "import.no_header": ("缺少必需的列：{columns}", "required columns are missing: {columns}"),
        "import.unknown_column": ("无法识别的列：{column}", "unknown column: {column}"),
        "import.duplicate_in_file": ("与第 {other} 行重复：{key}", "duplicates row {other}: {key}"),
        "import.owner_unknown": (
            "权利人不存在（请先导入当事人）：{key}",
            "owner not in the parties register (import parties first): {key}",
        ),
        "import.share_count": (
            "份额个数（{shares}）与权利人个数（{owners}）不一致",
            "{shares} shares given for {owners} owners",
        ),
        "import.cancelled": ("导入已取消，未写入任何数据", "import cancelled; nothing was written"),
        "import.encoding": (
            "第 {line} 行有一个不是文字的字节（0x{byte}）：文件应为 UTF-8（或 GB18030）编码，"
            "请检查该行或另存为 UTF-8 后重试",
            "line {line} has a byte that is not text (0x{byte}): the file should be UTF-8 (or GB18030); check that "
            "line, or save the file as UTF-8 and try again",
        ),
        "import.duplicate_column": (
            "列“{column}”重复：第 {first} 列和第 {second} 列是同一项",
            "column {column} is given twice: columns {first} and {second} are the same field",
        ),
    }
)

PARTY_COLUMNS = {
    "名称": "name",
    "name": "name",
    "类型": "kind",
    "kind": "kind",
    "统一社会信用代码": "uscc",
    "uscc": "uscc",
    "证件号码": "id_number",
    "id_number": "id_number",
    "地址": "address",
    "address": "address",
    "联系人": "contact",
    "contact": "contact",
    "电话": "phone",
    "phone": "phone",
    "行政区划代码": "region",
    "region": "region",
    "备注": "notes",
    "notes": "notes",
}
RIGHT_COLUMNS = {
    "类型": "kind",
    "kind": "kind",
    "编号": "number",
    "专利号": "number",
    "申请号": "number",
    "注册号": "number",
    "登记号": "number",
    "number": "number",
    "名称": "title",
    "title": "title",
    "法律状态": "legal_status",
    "legal_status": "legal_status",
    "申请日": "filing_date",
    "filing_date": "filing_date",
    "授权公告日": "grant_date",
    "grant_date": "grant_date",
    "注册日": "registration_date",
    "登记日": "registration_date",
    "registration_date": "registration_date",
    "公开日": "publication_date",
    "发表日": "publication_date",
    "publication_date": "publication_date",
    "届满日": "expiry_date",
    "expiry_date": "expiry_date",
    "期限补偿天数": "term_extension_days",
    "term_extension_days": "term_extension_days",
    "续展次数": "renewals",
    "renewals": "renewals",
    "已提起无效宣告": "invalidation_requested",
    "invalidation_requested": "invalidation_requested",
    "权属纠纷中止": "ownership_dispute",
    "ownership_dispute": "ownership_dispute",
    "法院保全": "court_preservation",
    "court_preservation": "court_preservation",
    "尼斯分类": "nice_classes",
    "nice_classes": "nice_classes",
    "类似群": "similarity_group",
    "similarity_group": "similarity_group",
    "主分类号": "ipc_main",
    "ipc_main": "ipc_main",
    "绑定产品": "product",
    "product": "product",
    "同日申请": "same_day_twin",
    "same_day_twin": "same_day_twin",
    "费减比例": "fee_reduction",
    "fee_reduction": "fee_reduction",
    "年费已缴至": "fees_paid_through",
    "fees_paid_through": "fees_paid_through",
    "权利人": "owners",
    "owners": "owners",
    "份额": "shares",
    "shares": "shares",
    "备注": "notes",
    "notes": "notes",
}
REQUIRED = {"parties": {"name", "kind"}, "rights": {"number", "title", "owners"}}


class Cancelled(DomainError):
    exit_code = 1


@dataclass
class ImportReport:
    kind: str
    rows: int = 0
    written: int = 0
    problems: list[Problem] = field(default_factory=list)
    #: What the import wrote (nothing when any row was refused).
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_json(self) -> dict[str, Any]:
        """The report as plain data; the problems stay coded (the front end renders them)."""
        return {
            "ok": self.ok,
            "kind": self.kind,
            "rows": self.rows,
            "written": self.written,
            "problems": list(self.problems),
        }


def read_table(path: Path) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    """Header and (row number, cells) of a CSV (UTF-8 with or without BOM, or GB18030) or XLSX file.
    Row numbers are the spreadsheet's own (header = row 1)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        rows = list(csv.reader(io.StringIO(decode_csv(path.read_bytes()))))
        if not rows:
            return [], iter(())
        return [clean(h) for h in rows[0]], ((i, r) for i, r in enumerate(rows[1:], start=2))
    if suffix in (".xlsx", ".xlsm"):
        from ipdesk.services.registry.xlsx import read_xlsx

        header, it = read_xlsx(path)  # streamed
        return [clean(h) for h in header], it
    raise ValidationError(Problem("import.file_type", "file", {"suffix": suffix or "?"}))


def decode_csv(raw: bytes) -> str:
    """The text of a CSV file: UTF-8 (with or without BOM), else GB18030 (what Excel saves on Chinese Windows).

    A UTF-8 file with one stray byte is not silently read as GB18030 mojibake: it is the encoding problem it
    is, with the line it is on.

    Raises:
        ValidationError: ``import.encoding`` (line and byte) when neither reading is clean.
    """
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = exc
    lenient = raw.decode("utf-8", errors="replace")
    bad = lenient.count("\ufffd") - raw.count("\ufffd".encode())
    good = sum(1 for ch in lenient if ord(ch) > 127 and ch not in "\ufeff\ufffd")
    # Mostly real UTF-8 characters around a few bad bytes: a damaged UTF-8 file, not a GB18030 one (GB18030
    # text read as UTF-8 is nearly all bad bytes, with the odd accidental character).
    if good < bad:
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError as exc:
            first_bad = exc
    line = raw[: first_bad.start].count(b"\n") + 1
    raise ValidationError(Problem("import.encoding", "file", {"line": line, "byte": f"{raw[first_bad.start]:02X}"},
                                  row=line))


class _Raced(Exception):
    """Another clerk wrote a clashing row between our check and our write (a unique or foreign key)."""


def _unstorable_cells(header: list[str], rows: list[tuple[int, list[Any]]]) -> list[Problem]:
    """A NUL or lone surrogate in a cell, by row and column (the database would refuse it, unlocated)."""
    problems = []
    for n, cells in rows:
        for i, cell in enumerate(cells):
            if isinstance(cell, str) and has_bad_text(cell):
                label = header[i] if i < len(header) and header[i] else str(i + 1)
                bad = text_problem(cell, label, label)
                if bad is not None:
                    problems.append(Problem(bad.code, bad.field, bad.params, row=n))
    return problems


class ImportService:
    """Validates the whole file first (reading, without the write lock), then writes every row in one
    transaction, or nothing."""

    def __init__(self, engine: Engine, *, clock: Clock | None = None):
        self.engine = engine
        self.clock: Clock = clock if clock is not None else OfficeClock()

    def import_file(
        self, actor: Actor, kind: str, path: Path, progress: Callable[[int, int], bool | None] | None = None
    ) -> ImportReport:
        """Import ``kind`` ("parties" or "rights") from ``path``.

        ``progress(done, total)`` is called as rows are checked and written; returning True cancels
        (nothing is written). Raises ValidationError for an unreadable file; a file with bad rows
        returns a report listing every problem and writes nothing.
        """
        actor.require(Action.IMPORT)
        if kind not in REQUIRED:
            raise ValueError(kind)
        try:
            header, rows_iter = read_table(path)
            rows = [(n, cells) for n, cells in rows_iter if any(c is not None and clean(c) for c in cells)]
        except DomainError:
            raise
        except Exception as exc:
            reason = os_error_text(exc, named=True) if isinstance(exc, OSError) else str(exc)
            raise ValidationError(Problem("import.unreadable", "file", {"reason": reason})) from exc
        report = ImportReport(kind, rows=len(rows))
        mapping = PARTY_COLUMNS if kind == "parties" else RIGHT_COLUMNS
        columns: list[str | None] = []
        where: dict[str, int] = {}
        for i, h in enumerate(header, start=1):
            key = mapping.get(h) or mapping.get(h.casefold())
            if key is None and h:
                report.problems.append(Problem("import.unknown_column", h, {"column": h}, row=1))
            elif key in where:  # 名称 twice, or 名称 and name: which one would win is a guess
                report.problems.append(
                    Problem("import.duplicate_column", h, {"column": h, "first": where[key], "second": i}, row=1)
                )
            elif key is not None:
                where[key] = i
            columns.append(key)
        report.problems += _unstorable_cells(header, rows)
        missing = REQUIRED[kind] - set(filter(None, columns))
        if missing:
            labels = "、".join(sorted(missing))
            report.problems.append(Problem("import.no_header", "", {"columns": labels}, row=1))
        if not rows and not report.problems:
            report.problems.append(Problem("import.empty", "", {}, row=None))
        if report.problems:
            return report
        header_of = {key: h for h, key in zip(header, columns, strict=False) if key}
        try:
            for _attempt in range(3):
                records = [(n, {c: v for c, v in zip(columns, cells, strict=False) if c}) for n, cells in rows]
                try:
                    return self._import_rows(actor, kind, path, records, report, progress)
                except _Raced:
                    report.problems = []  # check again: the clash is then reported as a bad row
            raise RuntimeError("the register kept changing under the import")
        finally:
            # Name the column as the file does (e.g. "申请日"), so the clerk finds the cell.
            report.problems = [
                Problem(p.code, header_of.get(p.field, p.field), p.params, p.row) for p in report.problems
            ]

    def _import_rows(self, actor: Actor, kind: str, path: Path, records: list[import_rows.Record],
                     report: ImportReport, progress: Callable[[int, int], bool | None] | None) -> ImportReport:
        total = len(records) * 2

        def tick(done: int) -> None:
            if progress and progress(done, total):
                raise Cancelled(Problem("import.cancelled"))

        with reading(self.engine) as session:  # no write lock while the file is checked
            if kind == "parties":
                prepared: list[Any] = import_rows.check_party_rows(session, records, report.problems, tick)
            else:
                prepared = import_rows.check_right_rows(session, records, report.problems, tick)
        if report.problems:
            return report
        integrity: tuple[type[BaseException], ...] = (IntegrityError, *self._driver_integrity_errors())
        try:
            with writelock.running(f"ipdesk import {kind} {path.name}"), \
                    transaction(self.engine, self.clock) as session:
                now = self.clock.now()

                def written(done: int) -> None:
                    tick(len(records) + done)

                if kind == "parties":
                    ids = import_rows.write_parties(session, prepared, now, written)
                else:
                    ids = import_rows.write_rights(session, prepared, now, self.clock.today(), written)
                note(session, kind, *ids)
                # Last, so the audit chain's head (one row every writer locks) is held only for the commit.
                audit.record(
                    session,
                    actor,
                    f"import.{kind}",
                    "import",
                    None,
                    f"导入{'当事人' if kind == 'parties' else '权利'} {len(ids)} 条：{path.name}",
                    None,
                    {"file": path.name, "table": kind, "rows": len(ids), "ids": import_rows.id_runs(ids)},
                )
                report.written = len(ids)
                reported(session, report)
        except integrity as exc:
            raise _Raced() from exc
        return report

    def _driver_integrity_errors(self) -> tuple[type[BaseException], ...]:
        dbapi = getattr(self.engine.dialect, "dbapi", None)
        error = getattr(dbapi, "IntegrityError", None)
        return (error,) if isinstance(error, type) else ()
