"""Notice PDFs: fields in the extracted text, paging, embedded font, payload and verification."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from ipdesk.domain.notices.notice import (
    NoticeKind,
    canonical_content,
    content_digest,
    format_yuan,
    rmb_uppercase,
    sample_notice,
)
from ipdesk.reports.common.pdf_payload import _raw_scan, read_payload, read_pdf_payload
from ipdesk.reports.common.seal import OfficeKey, VerifyStatus, trusted_keys, unb64u
from ipdesk.reports.notices.notice_pdf import notice_story, page_meta, render_document, render_notice
from ipdesk.reports.notices.verification import verify_pdf

NOTICE_KINDS = [k for k in NoticeKind if k != NoticeKind.SEARCH_CERTIFICATE]


@pytest.fixture(scope="module")
def key() -> OfficeKey:
    return OfficeKey.generate()


def pdf_bytes(notice, key: OfficeKey) -> bytes:
    buf = io.BytesIO()
    render_notice(notice, key, buf)
    return buf.getvalue()


def page_texts(data: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    return "".join(text.split())


def test_registration_notice_fields(key: OfficeKey, tmp_path: Path) -> None:
    n = sample_notice()
    out = tmp_path / "reg.pdf"
    payload = render_notice(n, key, out)
    texts = page_texts(out.read_bytes())
    assert len(texts) == 1
    text = texts[0]
    flat = squash(text)
    for expected in ["国家知识产权局", "专利权质押登记通知书", "登记号：Y2026980000123", "编号：N2026-000123",
                     "江苏恒顺新材料科技有限公司", "中国银行股份有限公司镇江分行", "91321191MA1N7K3X22",
                     "ZY2026030200317", "2026年3月2日", "2026年3月5日", "2029年3月1日",
                     "专利权质权自登记之日起设立", "（盖章）", "特此通知"]:
        assert squash(expected) in flat, expected
    assert "¥12,345,678.90" in text
    assert squash(rmb_uppercase(n.secured_amount)) in flat
    for r in n.rights:
        assert r.number in text and squash(r.title) in flat
    assert "第 1 页 共 1 页" in text
    assert payload == read_payload(out)


def test_thirty_rights_continue_on_page_two(key: OfficeKey) -> None:
    n = sample_notice(rights=30)
    texts = page_texts(pdf_bytes(n, key))
    assert len(texts) == 2
    assert "第 1 页 共 2 页" in texts[0]
    assert "第 2 页 共 2 页" in texts[1]
    assert "N2026-000123" in texts[0] and "N2026-000123" in texts[1]  # serial on every page
    page2 = texts[1]
    assert "专利权质押登记通知书（续）" in page2
    head = page2.index("序号")  # the rights table's header row is repeated on the new page
    assert page2.index("专利号") > head and page2.index("授权公告日") > head
    both = texts[0] + texts[1]
    for r in n.rights:
        assert r.number in both
    assert n.rights[-1].number in page2 and n.rights[0].number not in page2
    assert "（盖章）" in page2 and "（盖章）" not in texts[0]


def test_font_is_embedded_truetype(key: OfficeKey) -> None:
    reader = PdfReader(io.BytesIO(pdf_bytes(sample_notice(rights=30), key)))
    seen = 0
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            assert "WenQuanYiMicroHei" in font["/BaseFont"], font["/BaseFont"]  # no Helvetica etc.
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # embedded TrueType program
            assert "/ToUnicode" in font  # text extraction gives Chinese back
            seen += 1
    assert seen >= 2


@pytest.mark.parametrize("kind", NOTICE_KINDS)
def test_every_kind_renders_its_content(key: OfficeKey, kind: NoticeKind) -> None:
    n = sample_notice(kind)
    text = "\n".join(page_texts(pdf_bytes(n, key)))
    flat = squash(text)
    assert squash(n.title[0]) in flat
    assert n.serial in text and "江苏恒顺新材料科技有限公司" in flat
    assert format_yuan(n.secured_amount) in text
    if kind == NoticeKind.REFUSAL:
        assert len(n.grounds) == 3
        for g in n.grounds:
            assert squash(g.article) in flat and squash(g.reason) in flat
        assert "不予登记" in flat
    if kind == NoticeKind.CORRECTION:
        assert "请于2026年3月20日前补正" in flat
        for c in n.corrections:
            assert squash(c) in flat
    if kind == NoticeKind.CHANGE:
        for c in n.changes:
            assert squash(c.field) in flat and c.after in text and c.before in text
        assert "变更登记日" in flat
    if kind == NoticeKind.CANCELLATION:
        assert squash(n.cancellation_trigger) in flat and "2028年9月3日起失效" in flat


def test_trademark_and_copyright_titles(key: OfficeKey) -> None:
    from ipdesk.domain.notices.notice import NoticeRight, RightFamily
    from ipdesk.domain.registry.rights import RightKind

    n = sample_notice()
    tm = replace(n, rights=(NoticeRight("12345678", "恒顺 HENGSHUN", RightKind.TRADEMARK),), family=None)
    assert tm.family == RightFamily.TRADEMARK
    text = squash("".join(page_texts(pdf_bytes(tm, key))))
    assert "商标专用权质权登记证" in text and "注册号" in text and "特此证明" in text
    cr = replace(n, rights=(NoticeRight("2023SR0123456", "恒顺材料配方管理软件V1.0", RightKind.SOFTWARE),),
                 family=None)
    text = squash("".join(page_texts(pdf_bytes(cr, key))))
    assert "著作权质权登记证书" in text and "著作权质权自登记之日起设立" in text


def test_payload_and_content_in_metadata(key: OfficeKey) -> None:
    n = sample_notice()
    data = pdf_bytes(n, key)
    info = PdfReader(io.BytesIO(data)).metadata
    assert info["/Author"] == n.office_name
    assert n.serial in info["/Title"]
    pp = read_pdf_payload(data)
    assert pp.content == canonical_content(n)
    assert pp.payload.split("|")[1] == n.serial
    # the raw fallback (no pypdf) finds the same values
    assert _raw_scan(data, "/IPDeskPayload") == pp.payload
    assert unb64u(_raw_scan(data, "/IPDeskContent") or "") == pp.content


def test_verify_pdf_file_genuine_revoked_unknown(key: OfficeKey, tmp_path: Path) -> None:
    n = sample_notice()
    out = tmp_path / "n.pdf"
    render_notice(n, key, out)
    keys = trusted_keys(key)
    r = verify_pdf(out, keys)
    assert r.status == VerifyStatus.GENUINE and r.content_checked and r.serial == n.serial
    assert verify_pdf(out, keys, known_serials={n.serial: content_digest(n)}).ok
    assert verify_pdf(out, keys, revoked_serials={n.serial}).status == VerifyStatus.REVOKED
    assert verify_pdf(out, trusted_keys(OfficeKey.generate())).status == VerifyStatus.UNKNOWN
    assert verify_pdf(out, keys, known_serials={}).status == VerifyStatus.UNKNOWN


def test_edited_embedded_content_is_altered(key: OfficeKey) -> None:
    n = sample_notice()
    data = pdf_bytes(n, key)
    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter(clone_from=reader)
    content = canonical_content(n).replace(b"12345678.90", b"12345678.98")
    from ipdesk.reports.common.seal import b64u

    writer.add_metadata({"/IPDeskContent": b64u(content)})
    buf = io.BytesIO()
    writer.write(buf)
    r = verify_pdf(buf.getvalue(), trusted_keys(key))
    assert r.status == VerifyStatus.ALTERED and r.code == "verify.digest_mismatch"


def test_edited_visible_text_is_altered(key: OfficeKey) -> None:
    """Visible text changed, metadata (payload + content) kept: the signed values no longer show."""
    n = sample_notice()
    genuine = io.BytesIO()
    payload = render_notice(n, key, genuine)
    forged_view = replace(n, pledgee=replace(n.pledgee, name="中国工商银行股份有限公司镇江分行"))
    buf = io.BytesIO()
    render_document(notice_story(forged_view, payload),
                    page_meta(n, n.title[0], payload, canonical_content(n)), buf)
    r = verify_pdf(buf.getvalue(), trusted_keys(key))
    assert r.status == VerifyStatus.ALTERED and r.code == "verify.visible_text"
    assert "中国银行股份有限公司镇江分行" in r.reason_zh
    # without the visible-text check the (untouched) signed content alone would pass
    assert verify_pdf(buf.getvalue(), trusted_keys(key), compare_pages=False).ok


def test_pdf_without_payload_is_unknown(tmp_path: Path) -> None:
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "plain.pdf"
    c = Canvas(str(path))
    c.drawString(100, 100, "hello")
    c.save()
    with pytest.raises(ValueError):
        read_payload(path)
    assert verify_pdf(path, {}).code == "verify.no_payload"


def test_reprint_is_byte_identical(key: OfficeKey) -> None:
    n = sample_notice(rights=12)
    assert pdf_bytes(n, key) == pdf_bytes(n, key)


@pytest.mark.parametrize(("layout", "writer"), [(2, "build_pdf"), (3, "write_data")])
def test_failed_write_leaves_no_file(key: OfficeKey, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: int,
                                     writer: str) -> None:
    out = tmp_path / "x.pdf"

    def boom(target, *a, **k):
        Path(target).write_bytes(b"%PDF-1.4 half")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(f"ipdesk.reports.notices.notice_pdf.{writer}", boom)
    with pytest.raises(OSError):
        render_notice(replace(sample_notice(), layout=layout), key, out)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not (shutil.which("pdftoppm") and shutil.which("zbarimg")),
                    reason="needs poppler-utils and zbar-tools")
def test_printed_qr_decodes_to_the_payload(key: OfficeKey, tmp_path: Path) -> None:
    pdf = tmp_path / "n.pdf"
    payload = render_notice(sample_notice(), key, pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "p")], check=True)
    png = next(tmp_path.glob("p-*.png"))
    out = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == payload
