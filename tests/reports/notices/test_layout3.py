"""Notice layout 3 (drawn directly, issue 14's batch speed) next to the layouts before it: a notice printed
in layout 2 still verifies and reprints byte for byte in layout 2; a layout-3 notice reprints byte for
byte whatever the process printed before, and its fixed glyph set never changes.

``layout2/`` holds PDFs printed by main's renderer just before layout 3 (``layout2/make.py``), ``layout3/``
the first output of layout 3 (``layout3/make.py``): real output, not this code's idea of it.
"""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from ipdesk.domain.notices.notice import NoticeParty, NoticeRight, sample_notice
from ipdesk.domain.registry.rights import RightKind
from ipdesk.reports.common.pdf_payload import read_pdf_payload
from ipdesk.reports.common.seal import OfficeKey, VerifyStatus, trusted_keys
from ipdesk.reports.notices.notice_direct import FIXED_GLYPHS
from ipdesk.reports.notices.notice_pdf import render_notice
from ipdesk.reports.notices.page_compare import render_signed
from ipdesk.reports.notices.verification import verify_pdf
from tests.reports.notices.forging import edited, replace_once, with_stream

HERE = Path(__file__).parent


def fixture(layout: int, name: str) -> bytes:
    return (HERE / f"layout{layout}" / name).read_bytes()


def keys(layout: int) -> dict:
    return trusted_keys((HERE / f"layout{layout}" / "public.pem").read_bytes())


@pytest.mark.parametrize("name", ["registration-30-rights.pdf", "search_certificate.pdf"])
def test_a_layout_2_document_verifies_and_reprints_in_layout_2(name: str) -> None:
    data = fixture(2, name)
    pp = read_pdf_payload(data)
    assert pp.content is not None and b'"layout":2' in pp.content
    r = verify_pdf(data, keys(2))
    assert r.status is VerifyStatus.GENUINE and r.pages_checked and r.content_checked
    assert render_signed(pp.content, pp.payload) == data  # the reprint, byte for byte
    if name.startswith("registration"):
        assert render_signed(pp.content, pp.payload, 3) != data  # not what layout 3 draws


def test_a_layout_2_forgery_reads_altered() -> None:
    data = fixture(2, "registration-30-rights.pdf")
    forged = edited(data, with_stream(0, replace_once(b"(91321191MA1N7K3X22) Tj", b"(91321191MA1N7K3X23) Tj")))
    r = verify_pdf(forged, keys(2))
    assert r.status is VerifyStatus.ALTERED and r.code == "verify.visible_text"


def test_layout_3_output_is_what_layout_3_first_printed() -> None:
    """Layout 3 is frozen: the renderer still draws its first output byte for byte (a change to the
    direct drawing or its fonts that alters a page is a new layout version)."""
    data = fixture(3, "registration-30-rights.pdf")
    pp = read_pdf_payload(data)
    assert pp.content is not None and b'"layout":3' in pp.content
    assert render_signed(pp.content, pp.payload) == data
    r = verify_pdf(data, keys(3))
    assert r.status is VerifyStatus.GENUINE and r.pages_checked


def test_the_fixed_glyphs_are_frozen() -> None:
    assert hashlib.sha256(FIXED_GLYPHS.encode()).hexdigest()[:16] == "b0300c69c46da520"
    assert len(set(FIXED_GLYPHS)) == len(FIXED_GLYPHS)


@pytest.fixture(scope="module")
def key() -> OfficeKey:
    return OfficeKey.generate()


def rendered(n, key: OfficeKey) -> bytes:
    buf = io.BytesIO()
    render_notice(n, key, buf)
    return buf.getvalue()


def test_a_reprint_does_not_depend_on_what_was_printed_before(key: OfficeKey, tmp_path: Path) -> None:
    n = sample_notice(rights=3)
    first = rendered(n, key)
    stranger = NoticeParty("甘肃陇南鑫瑞矿业开发有限责任公司", "91621200MA72XK9L3Q", "陇南市武都区")
    other = replace(n, pledgors=(stranger,), serial="N2026-000999")
    rendered(other, key)
    assert rendered(n, key) == first
    # and in a fresh process (no cached fonts or subsets)
    pp = read_pdf_payload(first)
    (tmp_path / "c").write_bytes(pp.content or b"")
    script = ("import sys; from pathlib import Path; from ipdesk.reports.notices.page_compare import render_signed; "
              "sys.stdout.buffer.write(render_signed(Path(sys.argv[1]).read_bytes(), sys.argv[2]))")
    out = subprocess.run([sys.executable, "-c", script, str(tmp_path / "c"), pp.payload], capture_output=True,
                         check=True, cwd=Path(__file__).parents[3])
    assert out.stdout == first


def test_rare_and_many_glyphs(key: OfficeKey) -> None:
    """Characters outside the fixed set, more than one subset's 255 of them, and long text wrap, show
    and read back, and the notice verifies."""
    many = "".join(chr(c) for c in range(0x4E00 + 7000, 0x4E00 + 7000 + 600))  # 600 distinct CJK characters
    long_title = "一种基于多源异构数据融合的知识产权质押融资风险动态评估与预警方法及其系统、装置和存储介质"
    n = replace(sample_notice(rights=1), remarks=many,
                rights=(NoticeRight("ZL 202310000001.1", long_title, RightKind.INVENTION),))
    data = rendered(n, key)
    pages = ["".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages]
    assert long_title in pages[0]
    first, rest = pages[0].split("备注")[1].split("第1页")[0], pages[1].split("登记号：Y2026980000123")[1]
    assert (first + rest).startswith(many)  # the remarks continue on page 2, every character there
    assert verify_pdf(data, trusted_keys(key)).status is VerifyStatus.GENUINE
    fonts = PdfReader(io.BytesIO(data)).pages[0]["/Resources"]["/Font"]
    assert len(fonts) >= 5  # two fixed subsets, three of the document's own


def test_nothing_is_drawn_past_the_margins(key: OfficeKey) -> None:
    """Every text line of a crowded notice starts and ends inside the 20 mm side margins."""
    from ipdesk.reports.common.direct_pdf import width
    from ipdesk.reports.common.layout import MARGIN_X, PAGE_W

    n = replace(sample_notice(rights=12), remarks="备注" * 200)
    data = rendered(n, key)
    for page in PdfReader(io.BytesIO(data)).pages:
        seen: list[tuple[float, float, str]] = []

        def visit(text: str, cm, tm, font, size, seen=seen) -> None:
            if text.strip():
                seen.append((tm[4], size, text.strip()))

        page.extract_text(visitor_text=visit)
        assert seen
        for x, size, text in seen:
            assert MARGIN_X - 0.5 <= x and x + width(text, size) <= PAGE_W - MARGIN_X + 0.5, (x, text)
