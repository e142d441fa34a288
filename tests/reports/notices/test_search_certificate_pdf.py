"""查询证明 PDFs: query, as-of moment, result table across pages, no-result statement, verification."""

from __future__ import annotations

import io
from dataclasses import replace

import pytest
from pypdf import PdfReader

from ipdesk.domain.notices.notice import sample_search_certificate
from ipdesk.reports.common.seal import OfficeKey, VerifyStatus, trusted_keys
from ipdesk.reports.notices.search_certificate_pdf import render_search_certificate
from ipdesk.reports.notices.verification import verify_pdf


@pytest.fixture(scope="module")
def key() -> OfficeKey:
    return OfficeKey.generate()


def render(cert, key: OfficeKey) -> bytes:
    buf = io.BytesIO()
    render_search_certificate(cert, key, buf)
    return buf.getvalue()


def texts(data: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    return "".join(text.split())


def test_certificate_fields(key: OfficeKey) -> None:
    c = sample_search_certificate(6)
    pages = texts(render(c, key))
    assert len(pages) == 1
    flat = squash(pages[0])
    for expected in ["知识产权质押登记查询证明", "编号：Q2026-000045", "2026年3月5日00:00",  # as-of 16:00 UTC
                     "2026年3月5日14:30", squash(c.query), "共6条质押登记记录", "已注销", "有效", "特此证明",
                     "（盖章）"]:
        assert expected in flat, expected
    for row in c.rows:
        assert row.registration_no in flat and squash(row.pledgee) in flat
        for number in row.right_numbers:
            assert squash(number) in flat
    assert "第 1 页 共 1 页" in pages[0]


def test_long_result_list_pages_with_header(key: OfficeKey) -> None:
    c = sample_search_certificate(40)
    pages = texts(render(c, key))
    assert len(pages) >= 3
    n = len(pages)
    for i, page in enumerate(pages, 1):
        assert f"第 {i} 页 共 {n} 页" in page
        assert "登记号" in page and "质押权利" in page  # header row on every page
    flat = squash("".join(pages))
    assert all(r.registration_no in flat for r in c.rows)


def test_no_results_is_stated(key: OfficeKey) -> None:
    c = replace(sample_search_certificate(0), query="出质人名称：不存在的公司")
    flat = squash("".join(texts(render(c, key))))
    assert "未查询到符合上述查询条件的质押登记记录" in flat and "共0条" in flat


def test_certificate_verifies(key: OfficeKey) -> None:
    c = sample_search_certificate(5)
    data = render(c, key)
    assert verify_pdf(data, trusted_keys(key)).status == VerifyStatus.GENUINE
    assert verify_pdf(data, trusted_keys(key), revoked_serials={c.serial}).status == VerifyStatus.REVOKED
