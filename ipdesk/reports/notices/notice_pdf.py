"""Render a :class:`~ipdesk.domain.notices.notice.Notice` as an A4 PDF (登记 / 不予登记 / 补正 / 变更 / 注销通知书).

Layout: letterhead with the office name; title; registration no. and serial; salutation and the decision
text; parties table; registration particulars (application, dates, secured amount with 大写); the rights
table (repeats its header on every page it spans); what the kind adds (refusal grounds with articles,
corrections with the deadline, change lines, cancellation cause); remarks; at the end the signed QR code
with its verification note and the seal area (kept together on the last page); every page has
"第 x 页 共 y 页" and the serial.

Everything printed comes from the notice's fields (which are all in its canonical content) or is fixed
wording chosen by ``kind`` and ``family``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ipdesk.domain.notices.notice import (
    FAMILY_TERMS,
    Notice,
    NoticeKind,
    canonical_content,
    china_date,
    digest_of,
)
from ipdesk.domain.shared.files import naming
from ipdesk.reports.common.layout import (
    PageMeta,
    SignatureBlock,
    Title,
    build_pdf,
    cell,
    esc,
    grid_table,
    kv_table,
    para,
    plain_row,
)
from ipdesk.reports.common.pdf_payload import info_entries
from ipdesk.reports.common.seal import make_payload
from ipdesk.reports.notices.layouts import layout_of
from ipdesk.reports.notices.notice_text import (
    AMOUNT_LABEL,
    closing_text,
    decision_text,
    names,
    particular_rows,
    party_rows,
    right_rows,
    verification_note,
)

_NUMERALS = "一二三四五六七八九十"


class _Sections:
    """Numbers section headings 一、二、三… in the order they are added."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, text: str) -> Flowable:
        self.n += 1
        return para(f"{_NUMERALS[self.n - 1]}、{text}", "section")


def _party_rows(notice: Notice) -> list[list[Any]]:
    return [[role, cell(p.name, p.address), p.uscc or "—"] for role, p in party_rows(notice)]


def _particulars(n: Notice) -> list[list[Any]]:
    return [[AMOUNT_LABEL, cell(r[1])] if r[0] == AMOUNT_LABEL else r for r in particular_rows(n)]


def notice_story(n: Notice, payload: str = "", layout: int | None = None) -> list[Flowable]:
    """The flowables of a notice (without page decorations) in its own layout or the given version
    (:mod:`.layouts`); ends with the QR + seal block."""
    assert n.family is not None
    grey_columns = layout_of(n, layout).grey_label_columns
    terms = FAMILY_TERMS[n.family]
    sec = _Sections()
    story: list[Flowable] = [Title(n.title[0])]
    left = f"登记号：{n.registration_no}" if n.registration_no else f"申请号：{n.application_no}"
    story.append(plain_row(left, f"编号：{n.serial}"))
    addressees = names([*n.pledgors, n.pledgee])
    if addressees:
        story.append(para(f"{addressees}：", "body"))
    story.append(para(decision_text(n), "indent"))

    if n.kind == NoticeKind.REFUSAL and n.grounds:
        story.append(sec("不予登记的理由及依据"))
        story.append(grid_table(["序号", "不予登记的理由", "依据"],
                                [[str(i), cell(g.reason), cell(g.article)] for i, g in enumerate(n.grounds, 1)],
                                [12, 90, 68], align_center=[0]))
    if n.kind == NoticeKind.CORRECTION and n.corrections:
        story.append(sec(f"需要补正的事项（补正期限：{china_date(n.correction_deadline, '见上文')}）"))
        story.append(grid_table(["序号", "补正事项"], [[str(i), cell(c)] for i, c in enumerate(n.corrections, 1)],
                                [12, 158], align_center=[0]))
    if n.kind == NoticeKind.CHANGE and n.changes:
        story.append(sec("变更事项"))
        story.append(grid_table(["变更项目", "变更前", "变更后"],
                                [[cell(c.field), cell(c.before), cell(c.after)] for c in n.changes],
                                [34, 68, 68]))
    if n.kind == NoticeKind.CANCELLATION and n.cancellation_trigger:
        story.append(sec("注销原因"))
        story.append(kv_table([["注销原因", cell(n.cancellation_trigger)],
                               ["注销登记日", china_date(n.cancellation_date, "—")]], [34, 136], grey_columns))

    parties = _party_rows(n)
    if parties:
        story.append(sec("当事人"))
        story.append(grid_table(["身份", "名称", "统一社会信用代码"], parties, [22, 94, 54], align_center=[0]))
    story.append(sec("质押登记事项"))
    story.append(kv_table(_particulars(n), [34, 51, 34, 51], grey_columns))
    if n.rights:
        story.append(sec(f"质押权利清单（共 {len(n.rights)} 项）"))
        rows = [[i, cell(number), cell(title), *rest] for i, number, title, *rest in right_rows(n)]
        story.append(grid_table(["序号", terms["number"][0], "名称", "类型", terms["filed"][0],
                                 terms["granted"][0]], rows, [10, 33, 66, 19, 21, 21], align_center=[0, 3, 4, 5]))
    if n.remarks:
        story.append(sec("备注"))
        story.append(para(n.remarks, "indent"))
    closing = closing_text(n)
    story.append(Spacer(1, 2 * mm))
    story.append(KeepTogether([para(closing, "indent"), signature_block(n, payload)]))
    return story


def write_data(target: Path | BinaryIO, data: bytes) -> None:
    """Write a finished PDF to a path or a binary stream."""
    if isinstance(target, Path):
        target.write_bytes(data)
    else:
        target.write(data)


def render_document(story: list[Flowable] | None, meta: PageMeta | None, out: Path | str | BinaryIO,
                    data: bytes | None = None) -> None:
    """Write the PDF laid out from ``story`` (or the finished ``data``); a path is written through a temp
    file and renamed, so no half-written PDF remains."""

    def build(target: Path | BinaryIO) -> None:
        if data is None:
            assert story is not None and meta is not None
            build_pdf(target, story, meta)
        else:
            write_data(target, data)

    if isinstance(out, (str, Path)):
        path = Path(out)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            build(tmp)
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise naming(exc, path) from None  # the file asked for, not the temporary
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    else:
        build(out)


def page_meta(doc: Any, title: str, payload: str, content: bytes, header_right: str = "") -> PageMeta:
    """Page decorations and PDF metadata (incl. the payload and canonical content) of a signed document."""
    return PageMeta(office_name=doc.office_name, title=title, serial=doc.serial, issued_at=doc.issued_at,
                    header_right=header_right, info_extras=info_entries(payload, content))


def signature_block(doc: Any, payload: str) -> SignatureBlock:
    """QR + verification note + seal area for the end of a signed document."""
    key_id = payload.split("|")[3]
    note = verification_note(esc(doc.office_name), key_id, esc(doc.serial))
    # The date by the seal is the legal date of issue (office timezone) the document states, when it does.
    issued_on = getattr(doc, "issued_on", None)
    return SignatureBlock(doc.office_name, china_date(issued_on or doc.issued_at), payload, "扫码验证", note)


def render_notice(notice: Notice, signer: Any, out: Path | str | BinaryIO, layout: int | None = None) -> str:
    """Render ``notice`` signed by ``signer`` (an :class:`~ipdesk.reports.common.seal.OfficeKey`) to ``out``,
    in ``layout`` (a version of :mod:`.layouts`; default the notice's own).

    Returns the QR payload (store it with the serial in the issue log).
    """
    content = canonical_content(notice)
    payload = make_payload(notice.serial, digest_of(content), signer)
    header = f"登记号：{notice.registration_no}" if notice.registration_no else ""
    if layout_of(notice, layout).direct:
        from ipdesk.reports.notices.notice_direct import notice_pdf

        data = notice_pdf(notice, payload, info_entries(payload, content))
        render_document(None, None, out, data)
        return payload
    meta = page_meta(notice, notice.title[0], payload, content, header)
    render_document(notice_story(notice, payload, layout), meta, out)
    return payload
