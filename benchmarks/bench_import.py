"""Benchmark: importing a CNIPA-style list of new rights into a large register, next to the raw driver
writing the same rows.

    .venv/bin/python benchmarks/bench_import.py [--register 1m] [--rows 20k,100k] [--xlsx 20k]
                                                [--database postgresql+psycopg://…] [--keep DIR]

The register is filled by ``load_demo_data`` (SQLite: a temporary file, kept and reused with ``--keep``;
PostgreSQL: the database the URL names, emptied first). For each size a file of new inventions (varied
titles, dates and owners) is imported through ``ImportService.import_file`` — checking every row, looking
the owners up, writing rights, owners and search documents and one audit entry — and timed end to end
(reading the file included). The **baseline** then writes the very rows the import wrote (read back from the
database, deleted in a transaction of their own) through the bare driver in one transaction: ``sqlite3``
``executemany`` (the FTS triggers fire for both) or psycopg ``COPY``; ratio = raw rate / ipdesk rate.
Also: a reader's latency (first page of a search, a number lookup) measured from this process while an
import of the largest size runs in another. Not a test; nothing here runs in CI.
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing as mp
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, text

from ipdesk.demo import generator as demo_data
from ipdesk.domain.registry.identifiers.patent import patent_check_digit
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.services.paging import Query
from ipdesk.services.registry.imports import ImportService
from ipdesk.services.registry.rights import RightService
from ipdesk.storage import migrate
from ipdesk.storage.engine import make_engine

ACTOR = Actor("bench", Role.ADMIN)
HEADER = ["专利号", "类型", "名称", "权利人", "法律状态", "申请日", "授权公告日", "主分类号", "绑定产品"]
WORDS_A = ["图像", "数据", "电池", "电机", "阀门", "轴承", "传感", "光学", "医疗", "纺织", "焊接", "涂层"]
WORDS_B = ["处理", "检测", "控制", "制备", "冷却", "驱动", "封装", "识别", "清洗", "切割", "监测", "成型"]
WORDS_C = ["装置", "方法", "系统", "设备", "组件", "机构", "电路", "材料"]
IPC = ["G06T 7/00", "H01M 10/05", "F16K 1/00", "B23K 37/00", "A61B 5/00", "C09D 5/00", "H02K 1/00"]
TABLES = ("rights", "right_owners", "right_search")


def parse_size(value: str) -> int:
    t = value.strip().lower().replace("_", "")
    mult = 1_000_000 if t.endswith("m") else 1000 if t.endswith("k") else 1
    return int(float(t.rstrip("mk")) * mult)


def new_rows(n: int, first_serial: int, owners: list[str], seed: int) -> list[list[Any]]:
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        body = f"20191{first_serial + i:07d}"
        filing = date(2010, 1, 1) + timedelta(days=rnd.randrange(4500))
        grant = filing + timedelta(days=rnd.randrange(300, 1500))
        owner = owners[rnd.randrange(len(owners))]
        if rnd.random() < 0.1:
            owner = f"{owner}；{owners[rnd.randrange(len(owners))]}"
            if owner.split("；")[0] == owner.split("；")[1]:
                owner = owner.split("；")[0]
        title = f"一种{rnd.choice(WORDS_A)}{rnd.choice(WORDS_B)}{rnd.choice(WORDS_C)}（{first_serial + i}）"
        rows.append([f"ZL {body}.{patent_check_digit(body)}", "发明专利", title, owner,
                     "有效" if rnd.random() < 0.9 else "年费滞纳期", filing.isoformat(), grant.isoformat(),
                     rnd.choice(IPC), "工业相机" if rnd.random() < 0.3 else ""])
    return rows


def write_file(path: Path, rows: list[list[Any]]) -> Path:
    if path.suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet()
        sheet.append(HEADER)
        for r in rows:
            sheet.append(r)
        book.save(path)
    else:
        with path.open("w", newline="", encoding="utf-8-sig") as f:
            w = csv.writer(f)
            w.writerow(HEADER)
            w.writerows(rows)
    return path


def imported_ids(engine: Engine) -> tuple[int, int]:
    import json

    with engine.connect().execution_options(readonly=True) as conn:
        after = conn.execute(text("SELECT after FROM audit_log ORDER BY seq DESC LIMIT 1")).scalar_one()
    runs = json.loads(after)["ids"]
    return runs[0][0], runs[-1][1]


def raw_rewrite(engine: Engine, first: int, last: int) -> tuple[float, float]:
    """Read the imported rows back, delete them (own transaction), write them again through the bare driver
    in one transaction: (wall, CPU) seconds taken by the write and its commit."""
    where = {"rights": "id", "right_owners": "right_id", "right_search": "right_id"}
    rows: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        for t in TABLES:
            cur.execute(f"SELECT * FROM {t} WHERE {where[t]} BETWEEN {first} AND {last} ORDER BY {where[t]}")
            rows[t] = ([d[0] for d in cur.description], [tuple(r) for r in cur.fetchall()])
        for t in reversed(TABLES):
            cur.execute(f"DELETE FROM {t} WHERE {where[t]} BETWEEN {first} AND {last}")
        raw.commit()
        pg = engine.dialect.name == "postgresql"
        started, cpu = time.perf_counter(), time.process_time()
        if not pg:
            cur.execute("BEGIN")
        for t in TABLES:
            names, data = rows[t]
            if pg:
                with cur.copy(f"COPY {t} ({', '.join(names)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                    for r in data:
                        copy.write_row(r)
            else:
                cur.executemany(f"INSERT INTO {t} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", data)
        raw.commit()
        return time.perf_counter() - started, time.process_time() - cpu
    finally:
        raw.close()


def _background_import(url: str, path: str) -> None:
    engine = make_engine(url)
    ImportService(engine).import_file(ACTOR, "rights", Path(path))
    engine.dispose()


def reader_latency(engine: Engine, url: str, path: Path, number: str) -> tuple[float, float, float, int]:
    """(median search ms, median lookup ms, import seconds, samples) while another process imports ``path``."""
    svc = RightService(engine)
    proc = mp.get_context("spawn").Process(target=_background_import, args=(url, str(path)))
    started = time.perf_counter()
    proc.start()
    searches, lookups = [], []
    while proc.is_alive():
        t0 = time.perf_counter()
        svc.count(Query(search="图像处理"))
        svc.page(Query(search="图像处理"), 0, 200)
        t1 = time.perf_counter()
        svc.get_by_number(number)
        searches.append((t1 - t0) * 1000)
        lookups.append((time.perf_counter() - t1) * 1000)
        from ipdesk.storage.registry import search

        search.invalidate_counts()
        time.sleep(0.05)
    proc.join()
    return statistics.median(searches), statistics.median(lookups), time.perf_counter() - started, len(searches)


def prepare(args: argparse.Namespace, workdir: Path) -> tuple[str, int]:
    n = parse_size(args.register)
    if args.database:
        url = args.database
        engine = make_engine(url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    else:
        kept = workdir / f"register-{n}.sqlite3"
        path = workdir / "bench.sqlite3"
        for p in workdir.glob("bench.sqlite3*"):
            p.unlink()
        if kept.exists():
            src, dst = sqlite3.connect(kept), sqlite3.connect(path)
            src.backup(dst)
            src.close()
            dst.close()
            return f"sqlite:///{path}", n
        url = f"sqlite:///{path}"
        engine = make_engine(url)
    migrate.upgrade_to_head(engine)
    print(f"loading {n:,} rights …", flush=True)
    started = time.perf_counter()
    demo_data.load_demo_data(engine, ACTOR, rights=n, seed=2026)
    print(f"  loaded in {time.perf_counter() - started:.0f} s", flush=True)
    engine.dispose()
    if not args.database and args.keep:
        src, dst = sqlite3.connect(workdir / "bench.sqlite3"), sqlite3.connect(workdir / f"register-{n}.sqlite3")
        src.backup(dst)
        src.close()
        dst.close()
    return url, n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--register", default="1m", help="rights in the register before the imports")
    parser.add_argument("--rows", default="20k,100k", help="sizes of the CSV imports")
    parser.add_argument("--xlsx", default="20k", help="sizes of the XLSX imports ('' for none)")
    parser.add_argument("--database", help="PostgreSQL URL (emptied!); default a SQLite file")
    parser.add_argument("--keep", type=Path, help="SQLite: keep the loaded register here and reuse it")
    parser.add_argument("--no-reader", action="store_true", help="skip the reader-latency run")
    args = parser.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="ipdesk-bench-import-"))
    workdir.mkdir(parents=True, exist_ok=True)
    url, n = prepare(args, workdir)
    engine = make_engine(url)
    with engine.connect().execution_options(readonly=True) as conn:
        owners = [r[0] for r in conn.execute(text(
            "SELECT uscc FROM parties WHERE kind = 'enterprise' AND uscc IS NOT NULL ORDER BY id LIMIT 2000"))]
    engine_name = f"{engine.dialect.name} {engine.dialect.server_version_info or sqlite3.sqlite_version}"
    jobs = [(parse_size(s), ".csv") for s in args.rows.split(",") if s.strip()]
    jobs += [(parse_size(s), ".xlsx") for s in args.xlsx.split(",") if s.strip()]
    serial = 9_000_000
    results = []
    for rows, suffix in jobs:
        path = write_file(workdir / f"import-{rows}{suffix}", new_rows(rows, serial, owners, seed=rows))
        serial += rows
        started, cpu = time.perf_counter(), time.process_time()
        report = ImportService(engine).import_file(ACTOR, "rights", path)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        assert report.ok, report.problems[:3]
        raw, raw_cpu = raw_rewrite(engine, *imported_ids(engine))
        results.append((f"import {rows:,} rights from {suffix[1:].upper()} into {n:,}", rows / seconds, rows / raw,
                        f"{seconds:.2f} s vs {raw:.2f} s; CPU {rows / cpu:,.0f} vs {rows / raw_cpu:,.0f} rows/s"))
        print(f"  {results[-1]}", flush=True)
        path.unlink()
    latency = None
    if not args.no_reader and jobs:
        rows = max(r for r, _s in jobs)
        path = write_file(workdir / "reader.csv", new_rows(rows, serial, owners, seed=7))
        with engine.connect().execution_options(readonly=True) as conn:
            number = conn.execute(text("SELECT display_number FROM rights ORDER BY id LIMIT 1 OFFSET 1000")
                                  ).scalar_one()
        quiet = reader_latency_quiet(engine, number)
        latency = (*reader_latency(engine, url, path, number), quiet)
        path.unlink()
    engine.dispose()
    print(f"\n== import into {n:,} rights · {engine_name} · rows/s (ratio = raw rate / ipdesk rate) ==")
    print(f"{'operation':<48}{'ipdesk':>12}{'raw':>12}{'ratio':>8}   target      note")
    for name, ours, theirs, note in results:
        print(f"{name:<48}{ours:>12,.0f}{theirs:>12,.0f}{theirs / ours:>8.2f}   ≥ 20 000    {note}")
    if latency:
        s, lk, secs, samples, (qs, ql) = latency
        print(f"reader while another process imports ({secs:.1f} s, {samples} samples): search 图像处理 count + "
              f"first page {s:.1f} ms (quiet {qs:.1f} ms), number lookup {lk:.1f} ms (quiet {ql:.1f} ms)")
    if not args.keep and not args.database:
        shutil.rmtree(workdir, ignore_errors=True)


def reader_latency_quiet(engine: Engine, number: str) -> tuple[float, float]:
    from ipdesk.storage.registry import search

    svc = RightService(engine)
    searches, lookups = [], []
    for _ in range(7):
        search.invalidate_counts()
        t0 = time.perf_counter()
        svc.count(Query(search="图像处理"))
        svc.page(Query(search="图像处理"), 0, 200)
        t1 = time.perf_counter()
        svc.get_by_number(number)
        searches.append((t1 - t0) * 1000)
        lookups.append((time.perf_counter() - t1) * 1000)
    return statistics.median(searches), statistics.median(lookups)


if __name__ == "__main__":
    main()
