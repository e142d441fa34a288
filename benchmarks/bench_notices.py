"""Benchmark: registration notices, next to a bare-ReportLab baseline of the same page in the same run.

    .venv/bin/python benchmarks/bench_notices.py [--count 1000] [--rights 3] [--workers 1,2] [--out DIR]

1. Through the service, month-end style (what ``ipdesk notice print --all`` runs): a register of ``--count``
   registered pledges (a demo load, its registrations copied by SQL until there are enough), printed by
   ``NoticeService.print_batch`` into a folder on 1 and on 2 workers: the first time (each notice issued,
   audited, rendered, written and its printing logged) and again (reprints, each audited). Each run starts
   from a copy of the same register.
2. Rendering alone, in this process: ``render_notice`` (layout 3: direct drawing, tables, page x of y,
   signing, QR, metadata; each sample pledgor's name made its own so every notice subsets its own glyphs)
   against a bare ``reportlab.pdfgen.canvas`` drawing the same one-page text with the same embedded font
   (no tables, no QR, no signing), one file per notice; and ``render_notice`` in layout 2 (platypus).

Not a test: prints notices/s, the ratio to the bare canvas (its rate in this run), CPU seconds (this
process and its workers) and the load average, which moves the wall clock a lot on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from ipdesk.domain.notices.notice import (
    Notice,
    canonical_content,
    china_date,
    digest_of,
    format_yuan,
    rmb_uppercase,
    sample_notice,
)
from ipdesk.reports.common.fonts import register_fonts
from ipdesk.reports.common.layout import qr_matrix
from ipdesk.reports.common.seal import OfficeKey, make_payload
from ipdesk.reports.notices.notice_pdf import render_notice
from ipdesk.reports.notices.notice_text import decision_text


def baseline_page(n: Notice, path: Path) -> None:
    """The same page's text drawn with a bare canvas (the floor ReportLab itself sets)."""
    font = register_fonts()
    w, h = A4
    c = Canvas(str(path), pagesize=A4, initialFontName=font)
    x0, y = 20 * mm, h - 21 * mm
    c.setFont(font, 18)
    c.drawCentredString(w / 2, y, n.office_name)
    c.line(x0, h - 27 * mm, w - x0, h - 27 * mm)
    y = h - 45 * mm
    c.setFont(font, 19)
    c.drawCentredString(w / 2, y, n.title[0])
    y -= 12 * mm
    c.setFont(font, 9.5)
    c.drawString(x0, y, f"登记号：{n.registration_no}")
    c.drawRightString(w - x0, y, f"编号：{n.serial}")
    y -= 8 * mm
    c.setFont(font, 10.5)
    for line in simpleSplit(decision_text(n), font, 10.5, w - 2 * x0):
        c.drawString(x0, y, line)
        y -= 17
    c.setFont(font, 9)
    for role, p in [("出质人", n.pledgors[0]), ("质权人", n.pledgee), ("债务人", n.debtor)]:
        if p is None:
            continue
        c.drawString(x0, y, role)
        c.drawString(x0 + 22 * mm, y, p.name)
        c.drawString(x0 + 116 * mm, y, p.uscc)
        y -= 16
    assert n.secured_amount is not None
    for label, value in [
        ("申请号", n.application_no),
        ("登记号", n.registration_no),
        ("登记生效日", china_date(n.effective_date)),
        ("被担保债权数额", f"{format_yuan(n.secured_amount)}（大写：{rmb_uppercase(n.secured_amount)}）"),
    ]:
        c.drawString(x0, y, label)
        c.drawString(x0 + 34 * mm, y, value)
        y -= 16
    for i, r in enumerate(n.rights, 1):
        c.drawString(x0, y, str(i))
        c.drawString(x0 + 10 * mm, y, r.number)
        c.drawString(x0 + 43 * mm, y, r.title)
        c.drawString(x0 + 109 * mm, y, r.kind_label[0])
        c.drawString(x0 + 128 * mm, y, r.filing_date.isoformat() if r.filing_date else "")
        c.drawString(x0 + 149 * mm, y, r.grant_date.isoformat() if r.grant_date else "")
        y -= 16
    c.drawString(x0, y - 10, "特此通知。")
    c.drawCentredString(w - 45 * mm, y - 60, n.office_name)
    c.drawCentredString(w - 45 * mm, y - 76, china_date(n.issued_at))
    c.drawCentredString(w / 2, 10 * mm, "第 1 页 共 1 页")
    c.showPage()
    c.save()


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the batch's workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def make_register(folder: Path, count: int) -> Path:
    """A SQLite register with at least ``count`` registered pledges: a demo load, then its registered
    pledges and their registration events copied (new numbers) until there are enough."""
    from sqlalchemy import text

    from ipdesk.config import AppConfig, sqlite_url
    from ipdesk.demo.generator import load_demo_data
    from ipdesk.domain.shared.permissions import Actor, Role
    from ipdesk.services.workstation import open_workstation

    db = folder / "register.sqlite3"
    ws = open_workstation(AppConfig(data_dir=folder / "data", database_url=sqlite_url(db)),
                          Actor("bench", Role.ADMIN, decides=True), create=True)
    load_demo_data(ws.engine, ws.actor, rights=3000, pledges=400, seed=2026, clock=ws.clock)
    with ws.engine.begin() as conn:
        cols = [r[1] for r in conn.execute(text("PRAGMA table_info(pledges)")) if r[1] != "id"]
        base = conn.execute(text("SELECT count(DISTINCT pledge_id) FROM pledge_events WHERE kind='registered'")
                            ).scalar_one()
        for k in range(1, -(-count // max(base, 1))):
            values = ", ".join(f"{c} || '-{k}'" if c in ("application_no", "registration_no") else c for c in cols)
            conn.execute(text(f"INSERT INTO pledges ({', '.join(cols)}) SELECT {values} FROM pledges WHERE id IN "
                              "(SELECT pledge_id FROM pledge_events WHERE kind='registered') "
                              "AND application_no NOT LIKE '%-%-%'"))
            conn.execute(text(
                "INSERT INTO pledge_events (pledge_id, at, on_date, kind, actor, summary, payload) "
                "SELECT c.id, e.at, e.on_date, e.kind, e.actor, e.summary, e.payload FROM pledge_events e "
                "JOIN pledges o ON o.id = e.pledge_id "
                f"JOIN pledges c ON c.application_no = o.application_no || '-{k}' WHERE e.kind = 'registered'"))
    ws.close()
    return db


def printed_notices(db: Path) -> list[Notice]:
    """The notices a batch run issued, as documents (the bare canvas draws the same pages)."""
    import sqlite3

    from ipdesk.domain.notices.notice import from_canonical

    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT content FROM notices WHERE kind = 'registration' ORDER BY id").fetchall()
    docs = [from_canonical(c.encode("utf-8")) for (c,) in rows]
    return [d for d in docs if isinstance(d, Notice)]


def batch_runs(folder: Path, db: Path, count: int, workers: list[int]) -> list[tuple[str, int, float, float]]:
    """(pass, workers, seconds, CPU seconds) of printing ``count`` notices through the service."""
    from ipdesk.config import AppConfig, sqlite_url
    from ipdesk.domain.shared.permissions import Actor, Role
    from ipdesk.services.workstation import open_workstation

    runs = []
    for w in workers:
        copy = folder / f"run-{w}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(folder / "data", copy / "data")
        shutil.copy(db, copy / "register.sqlite3")
        ws = open_workstation(AppConfig(data_dir=copy / "data", database_url=sqlite_url(copy / "register.sqlite3")),
                              Actor("bench", Role.ADMIN, decides=True))
        ids = ws.notices.pledges_with("registration")[:count]
        for label in ("first", "reprint"):
            out = copy / label
            out.mkdir()
            cpu, t = cpu_seconds(), time.perf_counter()
            report = ws.notices.print_batch(ws.actor, ids, "registration", folder=out, workers=w)
            runs.append((label, w, time.perf_counter() - t, cpu_seconds() - cpu))
            assert len(report.written) == len(ids), report.summary().message("en")
        ws.close()
    return runs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--rights", type=int, default=3)
    ap.add_argument("--workers", default="1,2", help="worker counts of the batch runs")
    ap.add_argument("--out", type=Path, default=None, help="keep the register and PDFs here (default: a temp dir)")
    args = ap.parse_args()
    register_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.out or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        db = make_register(folder, args.count)
        runs = batch_runs(folder, db, args.count, [int(w) for w in args.workers.split(",")])
        notices = printed_notices(folder / f"run-{runs[0][1]}" / "register.sqlite3")
        baseline_page(notices[0], folder / "warmup-baseline.pdf")
        (folder / "baseline").mkdir(exist_ok=True)
        cpu, t0 = cpu_seconds(), time.perf_counter()
        for n in notices:
            baseline_page(n, folder / "baseline" / f"{n.serial}.pdf")
        t_base, c_base = time.perf_counter() - t0, cpu_seconds() - cpu
    rate_base = len(notices) / t_base
    print(f"{len(notices)} registration notices, one file each; load average {os.getloadavg()[0]:.1f} "
          f"(1 min) at the end, {os.cpu_count()} cores")
    print(f"  bare ReportLab canvas baseline : {rate_base:7.1f} notices/s  ({t_base:.2f} s, "
          f"{len(notices) / c_base:.1f} per CPU-s)")
    for label, w, sec, cpu in runs:
        rate = args.count / sec
        print(f"  service batch, {label:7}, {w} worker{'s' if w > 1 else ' '}: {rate:7.1f} notices/s  ({sec:.2f} s, "
              f"ratio {rate / rate_base:.2f}; {args.count / cpu:.1f} per CPU-s)")
    render_alone(args)


#: characters that make each sample pledgor's name its own, so no two notices draw the same glyph set
#: (layout 3 keeps the last few hundred per-document font subsets: a batch repeating names would hit them)
_NAME_CHARS = "鑫瑞华源盛达恒通宏泰金银丰汇博远晟嘉铭弘润德信和兴旺隆昌晖煜琪瑾璟琛"


def _varied(n: Notice, i: int) -> Notice:
    from dataclasses import replace

    k = len(_NAME_CHARS)
    p = n.pledgors[0]
    name = f"{p.name[:2]}{_NAME_CHARS[i % k]}{_NAME_CHARS[(i // k) % k]}{_NAME_CHARS[(i // k // k) % k]}{p.name[2:]}"
    return replace(n, pledgors=(replace(p, name=name),))


def render_alone(args: argparse.Namespace) -> None:
    """Part 2: the renderer alone, in this process, against the bare canvas."""
    key = OfficeKey.generate()
    notices = [_varied(sample_notice(rights=args.rights, serial=f"N2026-{i:06d}"), i) for i in range(args.count)]
    with tempfile.TemporaryDirectory() as tmp:
        out = (args.out / "alone") if args.out else Path(tmp)
        (out / "baseline").mkdir(parents=True, exist_ok=True)
        (out / "ipdesk").mkdir(parents=True, exist_ok=True)
        render_notice(notices[0], key, out / "warmup.pdf")  # font parse, style cache
        baseline_page(notices[0], out / "warmup-baseline.pdf")

        t0 = time.perf_counter()
        for n in notices:
            baseline_page(n, out / "baseline" / f"{n.serial}.pdf")
        t_base = time.perf_counter() - t0

        t0 = time.perf_counter()
        for n in notices:
            render_notice(n, key, out / "ipdesk" / f"{n.serial}.pdf")
        t_ipd = time.perf_counter() - t0

        (out / "layout2").mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        for n in notices:
            render_notice(n, key, out / "layout2" / f"{n.serial}.pdf", layout=2)
        t_two = time.perf_counter() - t0

        sample = notices[: min(200, len(notices))]
        t0 = time.perf_counter()
        payloads = [make_payload(n.serial, digest_of(canonical_content(n)), key) for n in sample]
        t_sign = (time.perf_counter() - t0) / len(sample)
        t0 = time.perf_counter()
        for p in payloads:
            qr_matrix(p)
        t_qr = (time.perf_counter() - t0) / len(sample)
        size = sum(f.stat().st_size for f in (out / "ipdesk").iterdir()) / args.count

    rate_base, rate_ipd = args.count / t_base, args.count / t_ipd
    print(f"rendering alone, in this process: {args.count} sample notices, {args.rights} rights each")
    print(f"  bare ReportLab canvas baseline : {rate_base:8.1f} notices/s  ({t_base:.2f} s)")
    print(f"  ipdesk render_notice           : {rate_ipd:8.1f} notices/s  ({t_ipd:.2f} s, {size / 1024:.0f} KiB each)")
    print(f"  ratio ipdesk / baseline        : {rate_ipd / rate_base:8.2f}")
    print(f"  render_notice in layout 2      : {args.count / t_two:8.1f} notices/s  ({t_two:.2f} s, platypus)")
    print(
        f"  per notice: canonical+sign {t_sign * 1000:.2f} ms, QR encode {t_qr * 1000:.2f} ms, "
        f"total {t_ipd / args.count * 1000:.2f} ms (baseline {t_base / args.count * 1000:.2f} ms)"
    )


if __name__ == "__main__":
    main()
