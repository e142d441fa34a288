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
    NoticeParty,
    RightFamily,
    canonical_content,
    china_date,
    digest_of,
    format_yuan,
    rmb_uppercase,
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

_NUMERALS = "一二三四五六七八九十"


class _Sections:
    """Numbers section headings 一、二、三… in the order they are added."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, text: str) -> Flowable:
        self.n += 1
        return para(f"{_NUMERALS[self.n - 1]}、{text}", "section")


def _names(parties: Any) -> str:
    return "、".join(p.name for p in parties if p is not None and p.name)


def _party_rows(notice: Notice) -> list[list[Any]]:
    rows: list[list[Any]] = []

    def add(role: str, p: NoticeParty | None) -> None:
        if p is not None:
            rows.append([role, cell(p.name, p.address), p.uscc or "—"])

    for p in notice.pledgors:
        add("出质人", p)
    add("质权人", notice.pledgee)
    add("债务人", notice.debtor)
    return rows


def _particulars(n: Notice) -> list[list[Any]]:
    rows: list[list[Any]] = []
    pair: list[Any] = []

    def add(label: str, value: str) -> None:
        if value:
            pair.extend([label, value])
            if len(pair) == 4:
                rows.append(pair.copy())
                pair.clear()

    add("申请号", n.application_no)
    add("申请日", china_date(n.application_date))
    add("登记号", n.registration_no)
    add("登记生效日", china_date(n.effective_date))
    if n.kind == NoticeKind.CHANGE:
        add("变更登记日", china_date(n.change_date))
    if n.kind == NoticeKind.CANCELLATION:
        add("注销登记日", china_date(n.cancellation_date))
    add("债务履行期限届满日", china_date(n.performance_deadline))
    if n.kind == NoticeKind.CORRECTION:
        add("补正期限", china_date(n.correction_deadline))
    if pair:
        rows.append(pair.copy())
    if n.secured_amount is not None:
        rows.append(["被担保债权数额",
                     cell(f"{format_yuan(n.secured_amount)}（大写：{rmb_uppercase(n.secured_amount)}）")])
    return rows


def _decision_text(n: Notice) -> str:
    assert n.family is not None
    terms = FAMILY_TERMS[n.family]
    pledge, apply = terms["pledge"][0], terms["apply"][0]
    who = _names([*n.pledgors, n.pledgee])
    filed = f"{who}于{china_date(n.application_date)}" if n.application_date else who
    app = f"（申请号：{n.application_no}）" if n.application_no else ""
    reg = f"登记号为{n.registration_no}的" if n.registration_no else ""
    if n.kind == NoticeKind.REGISTRATION:
        eff = f"登记生效日为{china_date(n.effective_date)}。" if n.effective_date else ""
        return (f"经审查，{filed}提交的{apply}申请{app}符合规定，准予登记，登记号为{n.registration_no}。"
                f"{eff}{pledge}自登记之日起设立。")
    if n.kind == NoticeKind.REFUSAL:
        return (f"经审查，{filed}提交的{apply}申请{app}存在下列情形，不符合登记条件，"
                f"根据有关规定，决定不予登记。")
    if n.kind == NoticeKind.CORRECTION:
        deadline = china_date(n.correction_deadline, "指定期限")
        return (f"经审查，{filed}提交的{apply}申请{app}存在下列需要补正的事项，请于{deadline}前补正。"
                f"期满未补正且无正当理由的，视为撤回申请。")
    if n.kind == NoticeKind.CHANGE:
        when = f"，变更登记日为{china_date(n.change_date)}" if n.change_date else ""
        return f"根据当事人的申请，{reg}{pledge}登记准予变更{when}。变更事项如下。"
    # cancellation
    cause = f"因{n.cancellation_trigger}，" if n.cancellation_trigger else ""
    until = f"该登记自{china_date(n.cancellation_date)}起失效。" if n.cancellation_date else ""
    return f"{cause}根据当事人的申请，{reg}{pledge}登记准予注销。{until}"


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
    addressees = _names([*n.pledgors, n.pledgee])
    if addressees:
        story.append(para(f"{addressees}：", "body"))
    story.append(para(_decision_text(n), "indent"))

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
        rows = [[str(i), cell(r.number), cell(r.title), r.kind_label[0], r.filing_date.isoformat()
                 if r.filing_date else "—", r.grant_date.isoformat() if r.grant_date else "—"]
                for i, r in enumerate(n.rights, 1)]
        story.append(grid_table(["序号", terms["number"][0], "名称", "类型", terms["filed"][0],
                                 terms["granted"][0]], rows, [10, 33, 66, 19, 21, 21], align_center=[0, 3, 4, 5]))
    if n.remarks:
        story.append(sec("备注"))
        story.append(para(n.remarks, "indent"))
    closing = "特此证明。" if n.kind == NoticeKind.REGISTRATION and n.family in (
        RightFamily.TRADEMARK, RightFamily.COPYRIGHT) else "特此通知。"
    if n.kind == NoticeKind.REFUSAL:
        closing = "当事人对本决定不服的，可以自收到本通知书之日起依法申请行政复议或者提起行政诉讼。特此通知。"
    story.append(Spacer(1, 2 * mm))
    story.append(KeepTogether([para(closing, "indent"), signature_block(n, payload)]))
    return story


def render_document(story: list[Flowable], meta: PageMeta, out: Path | str | BinaryIO) -> None:
    """Write the PDF; a path is written through a temp file and renamed, so no half-written PDF remains."""
    if isinstance(out, (str, Path)):
        path = Path(out)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            build_pdf(tmp, story, meta)
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise naming(exc, path) from None  # the file asked for, not the temporary
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    else:
        build_pdf(out, story, meta)


def page_meta(doc: Any, title: str, payload: str, content: bytes, header_right: str = "") -> PageMeta:
    """Page decorations and PDF metadata (incl. the payload and canonical content) of a signed document."""
    return PageMeta(office_name=doc.office_name, title=title, serial=doc.serial, issued_at=doc.issued_at,
                    header_right=header_right, info_extras=info_entries(payload, content))


def signature_block(doc: Any, payload: str) -> SignatureBlock:
    """QR + verification note + seal area for the end of a signed document."""
    key_id = payload.split("|")[3]
    note = (f"本文件由{esc(doc.office_name)}以电子签名（Ed25519，密钥编号 {key_id}）签发。二维码含文件编号 "
            f"{esc(doc.serial)} 与内容摘要，可使用 ipdesk“验证”功能扫码或打开本 PDF 离线核验真伪；"
            "内容被修改或编号已撤销的，核验结果为“已被篡改”或“已撤销”。")
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
    meta = page_meta(notice, notice.title[0], payload, content, header)
    render_document(notice_story(notice, payload, layout), meta, out)
    return payload
