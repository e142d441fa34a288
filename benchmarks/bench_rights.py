"""Benchmark: the rights register at 10 k, 100 k and 1 M rights, next to raw sqlite3 running the same SQL.

    .venv/bin/python benchmarks/bench_rights.py [--sizes 10k,100k,1m] [--runs 7] [--import-rows 2000]
                                               [--keep DIR]

``--database postgresql+psycopg://…`` runs the same operations on PostgreSQL (the database is emptied and
loaded; a database already holding N rights is reused), replayed by raw psycopg.

``--keep DIR`` keeps each loaded database (``rights-N.loaded.sqlite3``) and measures it again next time
without loading (no loader rates then).

For each size a fresh SQLite file (in a temporary folder) is migrated and filled by ``load_demo_data``, then
every operation runs through the service layer (``RightService.count`` / ``page`` / ``get_by_number``, as the
GUI's lazy table calls them) while a SQLAlchemy hook records the exact SQL text and parameters it sends.
The recorded statements are then replayed on a plain ``sqlite3`` connection to the same file (no
SQLAlchemy), in the same process and the same cache state: that is the baseline, and ``ratio`` = ipdesk /
raw is the figure to watch (what the service layer adds over the SQL it chose). Medians of ``--runs`` runs
after one warm-up; counts are dropped from the cache before each run where the operation says "cold".

Import rates: the demo loader (rows/s) against raw ``executemany`` of the same statements and rows into a
fresh copy of the schema, and, when ``ipdesk.services.registry.imports`` exists, the CSV import of
``--import-rows`` rights through ``ImportService`` against a replay of its recorded SQL on a copy of the
database taken just before the import.

The filter operations use the composite indexes of migration "rights filter indexes". Not a test; nothing
here runs in CI.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, event, text

from ipdesk.demo import generator as demo_data
from ipdesk.demo.rights import RightDraws
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.services.fees.status import FeeStatus
from ipdesk.services.office.settings import OfficeService
from ipdesk.services.paging import Query
from ipdesk.services.registry.rights import RightService
from ipdesk.storage import migrate
from ipdesk.storage.engine import make_engine
from ipdesk.storage.registry import bulk, search
from ipdesk.storage.schema import PartyRow, RightOwnerRow, RightRow, RightSearchRow

ACTOR = Actor("bench", Role.ADMIN)
SEED = 2026
AS_OF = date(2026, 11, 21)
PAGE = 200  # the lazy table's page size


# --- recording and replaying SQL ---------------------------------------------------------------------

class Recorder:
    """Records (sql, params, executemany) of every cursor execution while ``on``."""

    def __init__(self, engine: Engine):
        self.on = False
        self.statements: list[tuple[str, Any, bool]] = []
        event.listen(engine, "before_cursor_execute", self._hook)
        event.listen(engine, "commit", lambda conn: self._end("COMMIT"))
        event.listen(engine, "rollback", lambda conn: self._end("ROLLBACK"))

    def _hook(self, conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        if self.on:
            self.statements.append((statement, parameters, executemany))

    def _end(self, verb: str) -> None:  # the DB-API's commit() / rollback(): not cursor executions
        if self.on:
            self.statements.append((verb, None, False))

    def take(self) -> list[tuple[str, Any, bool]]:
        out, self.statements = self.statements, []
        return out


def replay(raw: Any, statements: list[tuple[str, Any, bool]]) -> float:
    """Run the statements (fetching every row, as the service does); seconds taken."""
    if not isinstance(raw, sqlite3.Connection):
        return _replay_psycopg(raw, statements)
    started = time.perf_counter()
    for sql, params, many in statements:
        if many:
            raw.executemany(sql, params)
        elif sql in ("COMMIT", "ROLLBACK"):
            if raw.in_transaction:
                raw.execute(sql)
        elif sql.lstrip().upper().startswith("BEGIN") and raw.in_transaction:
            # a read ended by the pool's reset on return (no rollback event was recorded): end it here too
            raw.execute("ROLLBACK")
            raw.execute(sql)
        else:
            raw.execute(sql, params if params is not None else ()).fetchall()
    if raw.in_transaction:
        raw.execute("COMMIT")
    return time.perf_counter() - started


def _replay_psycopg(raw: Any, statements: list[tuple[str, Any, bool]]) -> float:
    started = time.perf_counter()
    with raw.cursor() as cur:
        for sql, params, many in statements:
            if many:
                cur.executemany(sql, params)
            elif sql == "COMMIT":
                raw.commit()
            elif sql == "ROLLBACK":
                raw.rollback()
            else:
                cur.execute(sql, params if params else None)
                if cur.description is not None:
                    cur.fetchall()
    raw.commit()
    return time.perf_counter() - started


@dataclass
class Result:
    name: str
    ipdesk: float  # ms (or rows/s for rates)
    raw: float
    target: str = ""
    rate: bool = False
    note: str = ""

    @property
    def ratio(self) -> float:
        if self.rate:
            return self.raw / self.ipdesk if self.ipdesk else float("nan")
        return self.ipdesk / self.raw if self.raw else float("nan")


@dataclass
class Op:
    name: str
    run: Callable[[], Any]
    prepare: Callable[[], Any] = lambda: None
    target: str = ""
    note: Callable[[], str] = field(default=lambda: "")


def measure(op: Op, recorder: Recorder, raw: Any, runs: int) -> Result:
    op.prepare()
    op.run()  # warm-up: statement compilation, OS cache
    ours, theirs = [], []
    for _ in range(runs):
        op.prepare()
        recorder.take()
        recorder.on = True
        started = time.perf_counter()
        op.run()
        ours.append(time.perf_counter() - started)
        recorder.on = False
        theirs.append(replay(raw, recorder.take()))
    return Result(op.name, statistics.median(ours) * 1000, statistics.median(theirs) * 1000, op.target, note=op.note())


# --- the operations ------------------------------------------------------------------------------------

def page_ops(svc: RightService, engine: Engine, n: int) -> list[Op]:
    def cold() -> None:
        search.invalidate_counts()

    def warm_total() -> None:  # the table has shown the register before the user types a search
        search.invalidate_counts()
        svc.count(Query())

    def at(fraction: float) -> int:
        return min(n - 1, int(n * fraction)) // PAGE * PAGE

    with engine.connect() as conn:
        sample = conn.execute(text("SELECT number, display_number FROM rights WHERE kind = 'invention' "
                                   "ORDER BY id LIMIT 1 OFFSET :o"), {"o": n // 5}).one()
        owner = conn.execute(text("SELECT owner_names, count(*) FROM rights GROUP BY owner_names "
                                  "ORDER BY count(*) DESC, owner_names LIMIT 1")).one()[0]
    brand = owner[2:4]  # 地名 + 字号 + …: the trade name of the register's biggest owner
    counts: dict[str, int] = {}

    def search_op(name: str, words: str, target: str = "< 50 ms", sort: str = "") -> Op:
        q = Query(search=words, sort_key=sort)

        def run() -> None:
            counts[name] = svc.count(q)
            svc.page(q, 0, PAGE)

        return Op(name, run, warm_total, target, note=lambda: _hits(counts.get(name, 0)))

    ops = [
        Op("count, whole register (cold)", lambda: svc.count(Query()), cold, "cheap"),
        Op("first page", lambda: svc.page(Query(), 0, PAGE), warm_total, "< 20 ms"),
        Op("middle page (50 %)", lambda: svc.page(Query(), at(0.5), PAGE), warm_total, "< 20 ms"),
        Op("deep page (90 %)", lambda: svc.page(Query(), at(0.9), PAGE), warm_total, "< 20 ms"),
        Op("next page, scrolling at 50 %", lambda: svc.page(Query(), at(0.5) + PAGE, PAGE),
           lambda: (warm_total(), svc.page(Query(), at(0.5), PAGE)), "< 20 ms"),
        Op("deep page (90 %), sorted by title", lambda: svc.page(Query(sort_key="title"), at(0.9), PAGE),
           warm_total, "< 20 ms"),
        Op("deep page (90 %), by owner, descending",
           lambda: svc.page(Query(sort_key="owner_names", descending=True), at(0.9), PAGE), warm_total, "< 20 ms"),
        Op("middle page (50 %), by filing date", lambda: svc.page(Query(sort_key="filing_date"), at(0.5), PAGE),
           warm_total, "< 20 ms"),
        Op("deep page (90 %), by expiry date, descending",
           lambda: svc.page(Query(sort_key="expiry_date", descending=True), at(0.9), PAGE), warm_total, "< 20 ms"),
        Op(f"number lookup {sample.display_number} (get)", lambda: svc.get_by_number(sample.display_number),
           target="< 5 ms"),
        search_op(f"number search {sample.display_number} (list)", sample.display_number, "< 5 ms"),
        search_op(f"number prefix {sample.number[:7]} (list)", sample.number[:7], "< 20 ms"),
        search_op("title search, 2 chars: 图像", "图像"),
        search_op("title search, 2 chars: 装置 (very common)", "装置"),
        search_op("title search, 4 chars: 图像处理", "图像处理"),
        search_op("title search, 4 chars: 制备方法", "制备方法"),
        search_op("owner search, 2 chars: 镇江 (city)", "镇江"),
        search_op(f"owner search, trade name: {brand}", brand),
        search_op("owner search, 4 chars: 有限公司 (94 %)", "有限公司"),
        search_op("search 图像 sorted by owner", "图像", "(best effort)", sort="owner_names"),
    ]
    return ops


def _hits(n: int) -> str:
    """The count as the list shows it: ``~`` an estimate, ``≥`` a capped count."""
    mark = {"about": "~", "at_least": "≥"}.get(getattr(n, "kind", ""), "")
    return f"{mark}{n:,} hits"


def filter_ops(svc: RightService, n: int) -> list[Op]:
    def warm(q: Query) -> Callable[[], None]:
        def prepare() -> None:
            search.invalidate_counts()
            svc.count(Query())
            svc.count(q)
        return prepare

    kind = Query(filters={"kind": "invention"})
    late = Query(filters={"legal_status": "late_fee"})
    flagged = Query(filters={"flagged": "1"})
    in_force = Query(filters={"legal_status": "in_force"})
    terminated = Query(filters={"legal_status": "terminated"})
    return [
        Op("filter inventions: first page", lambda: svc.page(kind, 0, PAGE), warm(kind), "< 20 ms"),
        Op("filter inventions: middle page", lambda: svc.page(kind, svc.count(kind) // 2 // PAGE * PAGE, PAGE),
           warm(kind), "< 20 ms"),
        Op("filter late-fee period: count + first page", lambda: (svc.count(late), svc.page(late, 0, PAGE)),
           lambda: (search.invalidate_counts(), svc.count(Query())), "< 20 ms"),
        Op("filter flagged: count + first page", lambda: (svc.count(flagged), svc.page(flagged, 0, PAGE)),
           lambda: (search.invalidate_counts(), svc.count(Query())), "< 20 ms"),
        # the legal status as the list shows it: the fee engine's for a tracked patent (status_condition)
        Op("filter in force: count + first page", lambda: (svc.count(in_force), svc.page(in_force, 0, PAGE)),
           lambda: (search.invalidate_counts(), svc.count(Query())), "< 20 ms"),
        Op("filter in force: middle page",
           lambda: svc.page(in_force, svc.count(in_force) // 2 // PAGE * PAGE, PAGE), warm(in_force), "< 20 ms"),
        Op("filter terminated: count + first page",
           lambda: (svc.count(terminated), svc.page(terminated, 0, PAGE)),
           lambda: (search.invalidate_counts(), svc.count(Query())), "< 20 ms"),
    ]


def register_service(engine: Engine) -> RightService:
    """The register as the workstation wires it: legal status from the fee engine (the list and its filter)."""
    return RightService(engine, status=FeeStatus(OfficeService(engine)))


# --- import rates ---------------------------------------------------------------------------------

def load_with_baseline(path: Path, template: Path, n: int) -> tuple[Result, int]:
    """Load the demo data set (recording its SQL), then replay that SQL with the same rows on a fresh copy
    of the schema through raw sqlite3; returns the rates and the file size."""
    engine = make_engine(f"sqlite:///{path}")
    # Only the statement texts of executemany calls are kept (the rows are regenerated for the replay).
    statements: list[tuple[str, Any, bool]] = []

    def keep(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        statements.append((statement, None if executemany else parameters, executemany))

    event.listen(engine, "before_cursor_execute", keep)
    summary = demo_data.load_demo_data(engine, ACTOR, rights=n, seed=SEED, as_of=AS_OF)
    event.remove(engine, "before_cursor_execute", keep)
    engine.dispose()

    copy = path.with_name("baseline-load.sqlite3")
    shutil.copy(template, copy)
    helper = make_engine(f"sqlite:///{copy}")
    raw_seconds = 0.0
    with helper.connect() as conn:
        rows = _prepared_rows(conn, n)
        raw = sqlite3.connect(copy, isolation_level=None)
        raw.execute("PRAGMA foreign_keys=ON")
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("PRAGMA synchronous=NORMAL")
        try:
            for sql, params, many in statements:
                data = next(rows) if many else None
                started = time.perf_counter()
                if many:
                    raw.executemany(sql, data)
                else:
                    raw.execute(sql, params if params is not None else ()).fetchall()
                raw_seconds += time.perf_counter() - started
            started = time.perf_counter()
            raw.execute("COMMIT")
            raw_seconds += time.perf_counter() - started
        except (StopIteration, sqlite3.Error):
            # the loader now writes more than the register's four tables (the audit binding's states):
            # the replay regenerates only those, so it has no baseline to give; the load itself is kept
            raw_seconds = float("nan")
        raw.close()
    helper.dispose()
    copy.unlink()
    for extra in ("-wal", "-shm"):
        Path(str(copy) + extra).unlink(missing_ok=True)
    result = Result("demo loader (rows/s)", n / summary.seconds, n / raw_seconds, "1 M < 2 min", rate=True,
                    note=f"{summary.seconds:.1f} s vs {raw_seconds:.1f} s")
    return result, path.stat().st_size


def _prepared_rows(conn: Any, n: int) -> Iterator[list[Any]]:
    """The loader's executemany parameter lists, in the loader's order (same seed, same rows)."""
    gen = RightDraws(SEED, AS_OF, n, datetime.now(UTC))
    gen.make_parties(max(80, n // 15))
    w_parties = bulk.BulkInsert(conn, PartyRow.__table__)
    w_rights = bulk.BulkInsert(conn, RightRow.__table__)
    w_owners = bulk.BulkInsert(conn, RightOwnerRow.__table__)
    w_docs = bulk.BulkInsert(conn, RightSearchRow.__table__)
    yield w_parties.prepare(gen.parties)
    for batch, links, docs in bulk.chunked(gen.rights(), n, demo_data.CHUNK):
        yield w_rights.prepare(batch)
        yield w_owners.prepare(links)
        yield w_docs.prepare(docs)


def csv_import(engine: Engine, path: Path, rows: int) -> Result | None:
    """Import ``rows`` new inventions from a CSV through ImportService; replay its SQL on a copy."""
    try:
        from ipdesk.services.registry.imports import ImportService
    except ImportError:
        return None
    from ipdesk.domain.registry.identifiers.patent import patent_check_digit

    with engine.connect() as conn:
        enterprises = text("SELECT uscc FROM parties WHERE kind = 'enterprise' ORDER BY id LIMIT 500")
        usccs = [r[0] for r in conn.execute(enterprises)]
    csv_path = path.with_name("import.csv")
    with csv_path.open("w", newline="", encoding="utf-8-sig") as f:
        w = csv.writer(f)
        w.writerow(["编号", "类型", "名称", "权利人", "法律状态", "申请日", "授权公告日", "主分类号", "绑定产品"])
        for i in range(rows):
            body = f"2019{'1'}{9_000_000 + i:07d}"  # serials far above any the demo data uses
            w.writerow(
                [
                    f"ZL {body}.{patent_check_digit(body)}",
                    "发明专利",
                    f"一种导入测试用图像处理装置（{i}）",
                    usccs[i % len(usccs)],
                    "有效",
                    "2019-03-01",
                    "2021-05-10",
                    "G06T 7/00",
                    "工业相机",
                ]
            )
    before = path.with_name("before-import.sqlite3")
    _copy_database(path, before)
    recorder = Recorder(engine)
    recorder.on = True
    started = time.perf_counter()
    report = ImportService(engine).import_file(ACTOR, "rights", csv_path)
    seconds = time.perf_counter() - started
    recorder.on = False
    statements = recorder.take()
    if not report.ok:
        print("import refused:", report.to_json("en")["problems"][:3], file=sys.stderr)
        return None
    raw = sqlite3.connect(before, isolation_level=None)
    raw.execute("PRAGMA foreign_keys=ON")
    raw_seconds = replay(raw, statements)
    raw.close()
    for p in before.parent.glob(before.name + "*"):
        p.unlink()
    csv_path.unlink()
    return Result(
        f"CSV import, {rows:,} rights (rows/s)",
        rows / seconds,
        rows / raw_seconds,
        rate=True,
        note=f"{seconds:.1f} s vs {raw_seconds:.2f} s, {len(statements):,} statements",
    )


# --- output ------------------------------------------------------------------------------------------


def _pad(s: str, width: int) -> str:
    """Left-justify for a terminal: CJK characters take two columns."""
    shown = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
    return s + " " * max(0, width - shown)


def print_table(title: str, results: list[Result]) -> None:
    print()
    print(title)
    width = max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in r.name) for r in results) + 2
    print(f"{_pad('operation', width)}{'ipdesk':>12}{'raw sqlite3':>13}{'ratio':>8}   {'target':<13} note")
    print("-" * (width + 62))
    for r in results:
        unit = "" if r.rate else " ms"
        fmt = (lambda v: f"{v:,.0f}") if r.rate else (lambda v: f"{v:.2f}")
        print(
            f"{_pad(r.name, width)}{fmt(r.ipdesk) + unit:>12}{fmt(r.raw) + unit:>13}{r.ratio:>8.2f}   "
            f"{r.target:<13} {r.note}"
        )
    sys.stdout.flush()


def run_size(n: int, args: argparse.Namespace, workdir: Path, template: Path) -> None:
    path = workdir / f"rights-{n}.sqlite3"
    pristine = workdir / f"rights-{n}.loaded.sqlite3"  # with --keep: reused by the next run
    loader: Result | None = None
    if args.keep and pristine.exists():
        print(f"\nreusing {pristine} (no loader rates) …", flush=True)
        _copy_database(pristine, path)
    else:
        shutil.copy(template, path)
        print(f"\nloading {n:,} rights …", flush=True)
        loader, _ = load_with_baseline(path, template, n)
        if args.keep:
            _copy_database(path, pristine)
    size = path.stat().st_size
    engine = make_engine(f"sqlite:///{path}")
    svc = register_service(engine)
    recorder = Recorder(engine)
    raw = sqlite3.connect(path, isolation_level=None)
    results = [measure(op, recorder, raw, args.runs) for op in page_ops(svc, engine, n)]
    filters = [measure(op, recorder, raw, args.runs) for op in filter_ops(svc, n)]
    results += filters
    if loader is not None:
        results.append(loader)
    imported = csv_import(engine, path, args.import_rows) if args.import_rows else None
    if imported is not None:
        results.append(imported)
    raw.close()
    engine.dispose()
    print_table(
        f"== {n:,} rights · SQLite {sqlite3.sqlite_version} · file {size / 2**20:,.0f} MB · median of "
        f"{args.runs} runs (ms; rates in rows/s, ratio = raw rate / ipdesk rate) ==",
        results,
    )
    for p in workdir.glob(f"rights-{n}.sqlite3*"):
        p.unlink()


def run_postgres(n: int, args: argparse.Namespace) -> None:
    """The same operations on the PostgreSQL database ``--database`` names (emptied, migrated, loaded with
    ``n`` rights unless it holds exactly that many already), next to raw psycopg replaying the same SQL."""
    import psycopg

    engine = make_engine(args.database)
    with engine.connect() as conn:
        try:
            have = conn.execute(text("SELECT count(*) FROM rights")).scalar_one()
        except Exception:
            have = -1
    if have != n:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        migrate.upgrade_to_head(engine)
        print(f"\nloading {n:,} rights into PostgreSQL …", flush=True)
        summary = demo_data.load_demo_data(engine, ACTOR, rights=n, seed=SEED, as_of=AS_OF)
        print(f"  {n / summary.seconds:,.0f} rights/s ({summary.seconds:.0f} s)", flush=True)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    svc = register_service(engine)
    recorder = Recorder(engine)
    raw = psycopg.connect(engine.url.set(drivername="postgresql").render_as_string(hide_password=False))
    results = [measure(op, recorder, raw, args.runs) for op in page_ops(svc, engine, n)]
    results += [measure(op, recorder, raw, args.runs) for op in filter_ops(svc, n)]
    raw.close()
    version = engine.dialect.server_version_info
    engine.dispose()
    print_table(f"== {n:,} rights · PostgreSQL {'.'.join(map(str, version or ()))} · median of {args.runs} runs "
                f"(ms; ratio = ipdesk / raw psycopg) ==", results)


def _copy_database(src: Path, dst: Path) -> None:
    for p in dst.parent.glob(dst.name + "*"):
        p.unlink()
    source, target = sqlite3.connect(src), sqlite3.connect(dst)
    source.backup(target)
    source.close()
    target.close()


def parse_size(text_: str) -> int:
    t = text_.strip().lower().replace("_", "")
    mult = 1_000_000 if t.endswith("m") else 1000 if t.endswith("k") else 1
    return int(float(t.rstrip("mk")) * mult)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k,1m", help="comma-separated, e.g. 10k,100k,1m")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--import-rows", type=int, default=2000, help="rights in the CSV import (0: skip)")
    parser.add_argument("--keep", type=Path, help="keep the loaded databases in this folder and reuse them next time")
    parser.add_argument("--database", help="a PostgreSQL URL (its schema is emptied!) instead of SQLite files")
    args = parser.parse_args()
    if args.database:
        for n in (parse_size(s) for s in args.sizes.split(",") if s.strip()):
            run_postgres(n, args)
        return
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="ipdesk-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    template = workdir / "template.sqlite3"
    engine = make_engine(f"sqlite:///{template}")
    migrate.upgrade_to_head(engine)
    engine.dispose()
    try:
        for n in (parse_size(s) for s in args.sizes.split(",") if s.strip()):
            run_size(n, args, workdir, template)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
