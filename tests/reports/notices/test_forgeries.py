"""Forged notice PDFs, made as one would with a PDF editor (pypdf, edited content streams), each read
as altered by the page-by-page comparison with the office's rendering; genuine copies stay genuine.
Every forgery is made of a notice printed in layout 2 (platypus) and in layout 3 (drawn directly)."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject

from ipdesk.domain.notices.notice import sample_notice, sample_search_certificate
from ipdesk.reports.common.direct_pdf import fixed_fonts
from ipdesk.reports.common.seal import OfficeKey, VerifyStatus, trusted_keys
from ipdesk.reports.notices.notice_direct import FIXED_GLYPHS
from ipdesk.reports.notices.notice_pdf import render_notice
from ipdesk.reports.notices.page_compare import compare_pdfs, render_signed
from ipdesk.reports.notices.search_certificate_pdf import render_search_certificate
from ipdesk.reports.notices.verification import verify_pdf
from tests.reports.notices.forging import edited, replace_once, with_stream


@pytest.fixture(scope="module")
def key() -> OfficeKey:
    return OfficeKey.generate()


def shown(text: str, layout: int) -> bytes:
    """How ``text`` (of the fixed glyphs) is written in a content stream of the layout."""
    if layout < 3:  # ReportLab's subsets, codes in first-use order: as the sample notice uses them
        return {"2029年3月1日": b"2029\\2153\\2161\\217", "2029年3月2日": b"2029\\2153\\2162\\217",
                "登记号：": b"\\014\\015\\020\\021"}[text]
    codes = fixed_fonts(FIXED_GLYPHS).codes
    return "".join(codes[c][1] for c in text).encode("latin-1")


@pytest.fixture(scope="module", params=[2, 3])
def layout(request: pytest.FixtureRequest) -> int:
    return int(request.param)


@pytest.fixture(scope="module")
def genuine(key: OfficeKey, layout: int) -> bytes:
    buf = io.BytesIO()
    # two pages: the header repeats the number
    render_notice(replace(sample_notice(rights=30), layout=layout), key, buf)
    return buf.getvalue()


def check_altered(data: bytes, key: OfficeKey) -> list[str]:
    r = verify_pdf(data, trusted_keys(key))
    assert r.status is VerifyStatus.ALTERED, r.reason_en
    assert not r.ok
    return [d.message("en") for d in r.differences] or [r.reason_en]


def test_genuine_and_resaved_copies_are_genuine(genuine: bytes, key: OfficeKey) -> None:
    r = verify_pdf(genuine, trusted_keys(key))
    assert r.status is VerifyStatus.GENUINE and r.pages_checked and r.content_checked
    resaved = edited(genuine, lambda w: None)
    assert resaved != genuine
    assert verify_pdf(resaved, trusted_keys(key)).status is VerifyStatus.GENUINE


def test_a_date_digit(genuine: bytes, key: OfficeKey, layout: int) -> None:
    # 债务履行期限届满日 2029年3月1日 → 2029年3月2日 in the particulars table
    forged = edited(genuine, with_stream(0, replace_once(shown("2029年3月1日", layout), shown("2029年3月2日", layout))))
    diffs = check_altered(forged, key)
    assert any("page 1" in d and "text" in d for d in diffs)


def test_the_registration_number_in_the_header_only(genuine: bytes, key: OfficeKey) -> None:
    forged = edited(genuine, with_stream(1, replace_once(b"Y2026980000123", b"Y2026980000124")))
    diffs = check_altered(forged, key)
    assert any("page 2" in d and "Y2026980000123" in d and "Y2026980000124" in d for d in diffs)


def test_a_white_box_over_the_amount_with_new_text(genuine: bytes, key: OfficeKey) -> None:
    overlay = b"\nq 1 g 150 300 160 14 re f Q BT /F1+0 9 Tf 152 303 Td (2,000,000.00) Tj ET\n"
    forged = edited(genuine, with_stream(0, lambda d: d + overlay))
    diffs = check_altered(forged, key)
    assert any("2,000,000.00" in d for d in diffs)


def test_a_white_box_alone(genuine: bytes, key: OfficeKey) -> None:
    forged = edited(genuine, with_stream(0, lambda d: d + b"\nq 1 g 150 300 160 14 re f Q\n"))
    assert any("drawn" in d for d in check_altered(forged, key))


def test_removed_page_text(genuine: bytes, key: OfficeKey) -> None:
    forged = edited(genuine, with_stream(0, replace_once(b"(91321191MA1N7K3X22) Tj", b"() Tj")))
    assert any("page 1" in d for d in check_altered(forged, key))


def test_removed_signed_content_then_changed_amount(genuine: bytes, key: OfficeKey) -> None:
    def change(writer: PdfWriter) -> None:
        assert writer._info is not None
        info = writer._info.get_object()
        del info[NameObject("/IPDeskContent")]
        with_stream(0, replace_once(b"12,345,678.90", b"92,345,678.90"))(writer)
    forged = edited(genuine, change)
    r = verify_pdf(forged, trusted_keys(key))
    assert r.status is VerifyStatus.ALTERED and r.code == "verify.content_missing"


def test_an_appended_page(genuine: bytes, key: OfficeKey) -> None:
    def change(writer: PdfWriter) -> None:
        writer.add_blank_page()
    assert any("page count" in d for d in check_altered(edited(genuine, change), key))
    doubled = edited(genuine, lambda w: w.add_page(w.pages[0]))
    assert any("page count" in d for d in check_altered(doubled, key))


def test_a_changed_font(genuine: bytes, key: OfficeKey, layout: int) -> None:
    number = b"(" + shown("登记号：", layout) + b"Y2026980000123)"

    def swap_font(writer: PdfWriter) -> None:
        fonts = writer.pages[0]["/Resources"]["/Font"].get_object()
        fonts[NameObject("/Fx")] = DictionaryObject({
            NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica")})
        leading = b" 13 TL" if layout < 3 else b""
        with_stream(0, replace_once(b"/F1+0 9.5 Tf" + leading + b" " + number,
                                    b"/Fx 9.5 Tf" + leading + b" " + number))(writer)
    diffs = check_altered(edited(genuine, swap_font), key)
    assert any("font" in d for d in diffs)

    def edit_font_program(writer: PdfWriter) -> None:
        fonts = writer.pages[0]["/Resources"]["/Font"].get_object()
        descriptor = fonts["/F1+0"].get_object()["/FontDescriptor"].get_object()
        program = descriptor["/FontFile2"].get_object()
        data = bytearray(program.get_data())
        data[-20] ^= 0xFF  # one glyph outline byte
        program.set_data(bytes(data))
    assert any("font" in d for d in check_altered(edited(genuine, edit_font_program), key))


def test_an_annotation_over_the_page(genuine: bytes, key: OfficeKey) -> None:
    from pypdf.annotations import FreeText

    def annotate(writer: PdfWriter) -> None:
        writer.add_annotation(0, FreeText(text="¥2,000,000.00", rect=(150, 300, 310, 314)))
    assert any("annotation" in d or "properties" in d for d in check_altered(edited(genuine, annotate), key))


def test_a_search_certificate_digit(key: OfficeKey) -> None:
    buf = io.BytesIO()
    render_search_certificate(sample_search_certificate(rows=3), key, buf)
    data = buf.getvalue()
    assert verify_pdf(data, trusted_keys(key)).ok
    forged = edited(data, with_stream(0, replace_once(b"5,000,000.00", b"8,000,000.00")))
    check_altered(forged, key)


def test_the_rendering_is_what_was_printed(genuine: bytes, key: OfficeKey) -> None:
    """The verifier's re-render from the signed content is byte-identical to the printed file."""
    from ipdesk.reports.common.pdf_payload import read_pdf_payload

    pp = read_pdf_payload(genuine)
    assert pp.content is not None
    assert render_signed(pp.content, pp.payload) == genuine
    assert compare_pdfs(genuine, genuine) == []
