"""Benchmark: print 1,000 registration notices, next to a bare-ReportLab baseline of the same page.

    .venv/bin/python benchmarks/bench_notices.py [--count 1000] [--rights 3] [--out DIR]

Both runs write one PDF file per notice into a temporary folder, in this process, one after the other:

* ipdesk: ``render_notice`` — platypus layout, tables, page x of y, Ed25519 signing, QR code, metadata
  with the payload and the canonical content, atomic write;
* baseline: a bare ``reportlab.pdfgen.canvas`` drawing the same one-page text with the same embedded font
  (no platypus, no tables, no QR, no signing).

Not a test: prints notices/s for both and the ratio, plus where ipdesk's time goes.
"""

from __future__ import annotations

import argparse
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
from ipdesk.reports.notices.notice_pdf import _decision_text, render_notice


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
    for line in simpleSplit(_decision_text(n), font, 10.5, w - 2 * x0):
        c.drawString(x0, y, line)
        y -= 17
    c.setFont(font, 9)
    for role, p in [("出质人", n.pledgors[0]), ("质权人", n.pledgee), ("债务人", n.debtor)]:
        assert p is not None
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--rights", type=int, default=3)
    ap.add_argument("--out", type=Path, default=None, help="keep the PDFs here (default: a temp dir)")
    args = ap.parse_args()
    register_fonts()
    key = OfficeKey.generate()
    notices = [sample_notice(rights=args.rights, serial=f"N2026-{i:06d}") for i in range(args.count)]
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
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
    print(f"{args.count} registration notices, {args.rights} rights each, one file per notice")
    print(f"  bare ReportLab canvas baseline : {rate_base:8.1f} notices/s  ({t_base:.2f} s)")
    print(f"  ipdesk render_notice           : {rate_ipd:8.1f} notices/s  ({t_ipd:.2f} s, {size / 1024:.0f} KiB each)")
    print(f"  ratio ipdesk / baseline        : {rate_ipd / rate_base:8.2f}")
    print(
        f"  per notice: canonical+sign {t_sign * 1000:.2f} ms, QR encode {t_qr * 1000:.2f} ms, "
        f"total {t_ipd / args.count * 1000:.2f} ms (baseline {t_base / args.count * 1000:.2f} ms)"
    )


if __name__ == "__main__":
    main()
