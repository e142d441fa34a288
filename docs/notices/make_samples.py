"""Regenerate the sample notices under docs/notices/: one PDF per notice kind, a 30-right registration
notice (two pages), a search certificate, and PNGs of every page (``pdftoppm -r 60``).

    .venv/bin/python docs/notices/make_samples.py

Needs poppler-utils (``apt-get install poppler-utils``) for the PNGs. The samples are signed with a
fixed *demo* key derived from a public string (key id printed below), so regenerating gives identical
files; it is not an office key and must never be trusted by a real installation.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ipdesk.domain.notices.notice import NoticeKind, sample_notice, sample_search_certificate
from ipdesk.reports.notices.notice_pdf import render_notice
from ipdesk.reports.common.seal import OfficeKey
from ipdesk.reports.notices.search_certificate_pdf import render_search_certificate

DEMO_KEY = OfficeKey(Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"ipdesk demo key - not secret").digest()))


def to_png(pdf: Path) -> list[Path]:
    for old in HERE.glob(f"{pdf.stem}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(HERE / pdf.stem)], check=True)
    return sorted(HERE.glob(f"{pdf.stem}-*.png"))


def main() -> None:
    pdfs = []
    for kind in NoticeKind:
        if kind == NoticeKind.SEARCH_CERTIFICATE:
            continue
        path = HERE / f"{kind.value}.pdf"
        render_notice(sample_notice(kind, serial=f"N2026-{list(NoticeKind).index(kind) + 123:06d}"), DEMO_KEY, path)
        pdfs.append(path)
    path = HERE / "registration-30-rights.pdf"
    render_notice(sample_notice(NoticeKind.REGISTRATION, rights=30, serial="N2026-000130"), DEMO_KEY, path)
    pdfs.append(path)
    path = HERE / "search_certificate.pdf"
    render_search_certificate(sample_search_certificate(14), DEMO_KEY, path)
    pdfs.append(path)
    have_pdftoppm = shutil.which("pdftoppm") is not None
    for pdf in pdfs:
        pngs = to_png(pdf) if have_pdftoppm else []
        print(f"{pdf.name:28} {pdf.stat().st_size // 1024:4d} KiB  " + " ".join(p.name for p in pngs))
    if not have_pdftoppm:
        print("pdftoppm not found: install poppler-utils to render the PNGs")
    print(f"demo key id {DEMO_KEY.key_id} (not an office key)")


if __name__ == "__main__":
    main()
