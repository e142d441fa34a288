"""Notice layouts by version: a notice printed in an earlier layout still verifies genuine, its forgeries
still read altered, and the layout a document was signed in is the only one it verifies in.

``layout1/`` holds PDFs printed by main's renderer before the table-二 fix (``layout1/make.py`` says how),
with the fixed test key's public half: real earlier output, not this code's idea of it.
"""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from ipdesk.domain.notices.notice import (
    LAYOUT_VERSION,
    canonical_content,
    from_canonical,
    sample_notice,
    sample_search_certificate,
)
from ipdesk.reports.common.pdf_payload import read_pdf_payload
from ipdesk.reports.common.seal import OfficeKey, VerifyStatus, trusted_keys
from ipdesk.reports.notices.layouts import LAYOUTS, candidates
from ipdesk.reports.notices.notice_pdf import render_notice
from ipdesk.reports.notices.page_compare import render_signed
from ipdesk.reports.notices.search_certificate_pdf import render_search_certificate
from ipdesk.reports.notices.verification import verify_pdf
from tests.reports.notices.forging import edited, replace_once, with_stream

LAYOUT1 = Path(__file__).parent / "layout1"
KEYS = trusted_keys((LAYOUT1 / "public.pem").read_bytes()) if (LAYOUT1 / "public.pem").exists() else {}
FILES = ["registration-30-rights.pdf", "search_certificate.pdf"]


def old(name: str) -> bytes:
    return (LAYOUT1 / name).read_bytes()


def altered(data: bytes, keys: dict = KEYS) -> list[str]:
    r = verify_pdf(data, keys)
    assert r.status is VerifyStatus.ALTERED, r.reason_en
    return [d.message("en") for d in r.differences] or [r.reason_en]


@pytest.mark.parametrize("name", FILES)
def test_a_notice_printed_in_layout_1_still_verifies_genuine(name: str) -> None:
    data = old(name)
    pp = read_pdf_payload(data)
    assert pp.content is not None and b'"layout"' not in pp.content  # signed before layouts had a number
    r = verify_pdf(data, KEYS)
    assert r.status is VerifyStatus.GENUINE and r.pages_checked and r.content_checked
    # it is the earlier layout's output, not the current one's
    assert render_signed(pp.content, pp.payload, 1) == data
    assert render_signed(pp.content, pp.payload, 2) != data
    assert verify_pdf(edited(data, lambda w: None), KEYS).status is VerifyStatus.GENUINE  # re-saved unchanged


def test_forgeries_of_a_layout_1_notice_read_altered() -> None:
    data = old("registration-30-rights.pdf")
    date_digit = edited(data, with_stream(0, replace_once(b"2029\\2153\\2161\\217", b"2029\\2153\\2162\\217")))
    assert any("page 1" in d and "text" in d for d in altered(date_digit))
    header = edited(data, with_stream(1, replace_once(b"Y2026980000123", b"Y2026980000124")))
    assert any("page 2" in d and "Y2026980000124" in d for d in altered(header))
    overlay = b"\nq 1 g 150 300 160 14 re f Q BT /F1+0 9 Tf 152 303 Td (2,000,000.00) Tj ET\n"
    assert any("2,000,000.00" in d for d in altered(edited(data, with_stream(0, lambda d: d + overlay))))
    white_box = edited(data, with_stream(0, lambda d: d + b"\nq 1 g 150 300 160 14 re f Q\n"))
    assert any("drawn" in d for d in altered(white_box))
    assert any("page count" in d for d in altered(edited(data, lambda w: w.add_blank_page())))


def test_a_layout_1_certificate_digit_reads_altered() -> None:
    data = old("search_certificate.pdf")
    forged = edited(data, with_stream(0, replace_once(b"5,000,000.00", b"8,000,000.00")))
    altered(forged)


def test_unversioned_content_is_reprinted_in_the_later_layout_and_verifies() -> None:
    data = old("registration-30-rights.pdf")
    pp = read_pdf_payload(data)
    assert pp.content is not None
    reprint = render_signed(pp.content, pp.payload)
    assert reprint == render_signed(pp.content, pp.payload, 2) != data
    assert verify_pdf(reprint, KEYS).status is VerifyStatus.GENUINE


@pytest.fixture(scope="module")
def key() -> OfficeKey:
    return OfficeKey.generate()


def test_new_documents_sign_the_layout_they_are_printed_in(key: OfficeKey) -> None:
    n = sample_notice()
    assert n.layout == LAYOUT_VERSION and LAYOUT_VERSION == max(LAYOUTS)
    assert json.loads(canonical_content(n))["layout"] == LAYOUT_VERSION
    assert from_canonical(canonical_content(n)) == n
    c = sample_search_certificate()
    assert json.loads(canonical_content(c))["layout"] == LAYOUT_VERSION
    assert from_canonical(canonical_content(c)) == c
    unversioned = replace(n, layout=0)
    assert "layout" not in json.loads(canonical_content(unversioned))  # older documents keep their digest
    assert candidates(n) == (LAYOUT_VERSION,) and set(candidates(unversioned)) == {1, 2}


@pytest.mark.parametrize("version", sorted(LAYOUTS))
def test_a_signed_layout_verifies_only_in_that_layout(key: OfficeKey, version: int) -> None:
    n = replace(sample_notice(rights=30), layout=version)
    buf = io.BytesIO()
    payload = render_notice(n, key, buf)
    data = buf.getvalue()
    assert verify_pdf(data, trusted_keys(key)).status is VerifyStatus.GENUINE
    content = canonical_content(n)
    for other in set(LAYOUTS) - {version}:
        drawn_otherwise = render_signed(content, payload, other)
        assert drawn_otherwise != data
        # the same words placed otherwise (layout 3 breaks lines where 1–2 do not) read as drawn otherwise
        assert any("drawn" in d for d in altered(drawn_otherwise, trusted_keys(key)))


def test_a_layout_this_ipdesk_does_not_know_is_not_called_genuine(key: OfficeKey) -> None:
    newer = replace(sample_notice(), layout=LAYOUT_VERSION + 1)
    with pytest.raises(ValueError):
        render_notice(newer, key, io.BytesIO())
    with pytest.raises(ValueError):
        render_search_certificate(replace(sample_search_certificate(), layout=99), key, io.BytesIO())
    # signed by a newer ipdesk (content names layout 3), drawn here in 2: the pages cannot be checked
    buf = io.BytesIO()
    render_notice(newer, key, buf, layout=LAYOUT_VERSION)
    r = verify_pdf(buf.getvalue(), trusted_keys(key))
    assert r.status is VerifyStatus.UNKNOWN and r.code == "verify.pages_unchecked" and not r.ok
