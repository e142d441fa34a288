"""Render a disposal case's documents as A4 PDFs in the notices' design: the settlement statement (each
waterfall line, the surplus, the shortfall and against whom it stands, each party's share of the loss) and
the transfer confirmation (each right, its former and new owner, the pledgee's consent on record).

Letterhead, title and serial, numbered sections, the signed QR code with its verification note and the
seal area at the end, "第 x 页 共 y 页" on every page — the machinery of :mod:`ipdesk.reports.notices`.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ipdesk.domain.disposal.documents import DisposalDocument, DocumentKind, from_canonical
from ipdesk.domain.notices.notice import canonical_content, china_date, digest_of, format_yuan
from ipdesk.reports.common.layout import Title, cell, grid_table, kv_table, para, plain_row
from ipdesk.reports.common.seal import make_payload
from ipdesk.reports.notices.notice_pdf import page_meta, render_document, signature_block

_NUMERALS = "一二三四五六七八九十"


def _yuan(text: str) -> str:
    return format_yuan(text) if text else "—"


def _case_rows(d: DisposalDocument) -> list[list[Any]]:
    return [
        ["处置案件编号", d.case_no, "质押登记号", d.registration_no],
        ["出质人", cell(d.pledgors), "质权人", cell(d.pledgee)],
        ["债务人", cell(d.debtor), "贷款编号", d.loan_no],
        ["处置方式", d.route, "受让方", cell(d.buyer or "—")],
        ["成交价", _yuan(d.price), "成交日", china_date(d.deal_on, "—")],
    ]


def _settlement(d: DisposalDocument, sec: Any) -> list[Flowable]:
    out: list[Flowable] = [sec("清偿分配（民法典第五百六十一条：实现债权的费用、利息、主债务）")]
    paid = {line.label: line.amount for line in d.paid}
    rows = [[str(i), cell(c.label), _yuan(c.amount), _yuan(paid.get(c.label, ""))]
            for i, c in enumerate(d.claim, 1)]
    out.append(grid_table(["序号", "项目", "应受偿金额", "实际受偿金额"], rows, [12, 68, 45, 45], align_center=[0]))
    out.append(kv_table([
        ["处置所得", _yuan(d.proceeds), "清偿分配日", china_date(d.settled_on, "—")],
        ["返还出质人的余额", _yuan(d.surplus_to_pledgor), "未受偿金额", _yuan(d.shortfall)],
        ["债务人仍应清偿", _yuan(d.claim_on_debtor), "出质人仍应清偿", _yuan(d.claim_on_pledgor)],
    ], [34, 51, 34, 51]))
    out.append(para("处置所得超过所担保债权的部分归出质人所有，不足部分由债务人清偿（民法典第四百三十八条）；"
                    "第三人出质的，其责任以质押财产为限。", "indent"))
    if d.shares:
        out.append(sec(f"损失分担（方案：{d.scheme}{'；资金池：' + d.fund if d.fund else ''}）"))
        out.append(grid_table(["序号", "分担方", "分担金额"],
                              [[str(i), cell(s.label), _yuan(s.amount)] for i, s in enumerate(d.shares, 1)],
                              [12, 113, 45], align_center=[0]))
        if d.pool_paid:
            out.append(para(f"其中由补偿资金池支付 {_yuan(d.pool_paid)}。", "indent"))
    return out


def _transfer(d: DisposalDocument, sec: Any) -> list[Flowable]:
    out: list[Flowable] = [sec(f"转让的权利（共 {len(d.rights)} 项）")]
    rows = [[str(i), cell(r.number), cell(r.title), cell(r.former_owners), cell(r.new_owner),
             r.recorded_on.isoformat()] for i, r in enumerate(d.rights, 1)]
    out.append(grid_table(["序号", "号码", "名称", "原权利人", "现权利人", "登记日"], rows,
                          [10, 32, 48, 30, 30, 20], align_center=[0, 5]))
    out.append(para(f"上述权利系质权人依法实现质权而转让，质权人同意转让的书面意见已存档（{d.consent or '—'}），"
                    "转让价款用于清偿所担保的债权。登记簿权利人已变更为受让方。", "indent"))
    return out


def document_story(d: DisposalDocument, payload: str = "") -> list[Flowable]:
    n = [0]

    def sec(text: str) -> Flowable:
        n[0] += 1
        return para(f"{_NUMERALS[n[0] - 1]}、{text}", "section")

    story: list[Flowable] = [Title(d.title[0])]
    story.append(plain_row(f"处置案件：{d.case_no}", f"编号：{d.serial}"))
    story.append(sec("处置案件"))
    story.append(kv_table(_case_rows(d), [34, 51, 34, 51]))
    story += _settlement(d, sec) if d.kind is DocumentKind.SETTLEMENT_STATEMENT else _transfer(d, sec)
    story.append(Spacer(1, 2 * mm))
    story.append(KeepTogether([para("特此确认。", "indent"), signature_block(d, payload)]))
    return story


def render_disposal_document(doc: DisposalDocument, signer: Any, out: Path | str | BinaryIO) -> str:
    """Render ``doc`` signed by ``signer`` to ``out``; returns the QR payload."""
    content = canonical_content(doc)  # type: ignore[arg-type]  # a dataclass like the notices
    payload = make_payload(doc.serial, digest_of(content), signer)
    meta = page_meta(doc, doc.title[0], payload, content, f"处置案件：{doc.case_no}")
    render_document(document_story(doc, payload), meta, out)
    return payload


def render_signed(content: bytes, signer: Any) -> bytes:
    """The PDF the office prints for this signed content (verification lays it out again to compare)."""
    buf = io.BytesIO()
    render_disposal_document(from_canonical(content), signer, buf)
    return buf.getvalue()
