"""Render a :class:`~ipdesk.domain.notices.notice.SearchCertificate` (知识产权质押登记查询证明) as an A4 PDF.

Same page design as the notices: letterhead, title, serial; the query (criteria, as-of moment, issue
time, number of results); the result table (header repeated on every page it spans); the statement;
QR + seal area at the end; "第 x 页 共 y 页" on every page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ipdesk.domain.notices.notice import (
    SearchCertificate,
    canonical_content,
    china_datetime,
    digest_of,
    format_yuan,
)
from ipdesk.reports.common.layout import Title, cell, grid_table, kv_table, para, plain_row
from ipdesk.reports.common.seal import make_payload
from ipdesk.reports.notices.layouts import layout_of
from ipdesk.reports.notices.notice_pdf import page_meta, render_document, signature_block


def certificate_story(c: SearchCertificate, payload: str = "", layout: int | None = None) -> list[Flowable]:
    """The certificate's flowables, in its own layout or the given version (:mod:`.layouts`)."""
    grey_columns = layout_of(c, layout).grey_label_columns
    story: list[Flowable] = [Title(c.title[0])]
    story.append(plain_row(f"查询基准时间：{china_datetime(c.as_of)}", f"编号：{c.serial}"))
    story.append(para("一、查询条件", "section"))
    story.append(kv_table([
        ["查询条件", cell(c.query)],
        ["查询基准时间", china_datetime(c.as_of), "出具时间", china_datetime(c.issued_at)],
        ["查询结果", f"共 {len(c.rows)} 条质押登记记录"],
    ], [30, 55, 30, 55], grey_columns))
    story.append(para("二、查询结果", "section"))
    as_of = china_datetime(c.as_of)
    if c.rows:
        story.append(para(f"经查询{c.office_name}知识产权质押登记簿，截至{as_of}，符合上述查询条件的质押登记"
                          f"记录共 {len(c.rows)} 条，列示如下（状态为截至查询基准时间的状态）：", "indent"))
        rows = []
        for i, r in enumerate(c.rows, 1):
            dates = r.effective_date.isoformat() if r.effective_date else "—"
            if r.cancellation_date:
                dates += f"\n{r.cancellation_date.isoformat()}"
            amount = format_yuan(r.secured_amount) if r.secured_amount is not None else "—"
            rows.append([str(i), cell(r.registration_no, style="cell8"), cell("、".join(r.pledgors), style="cell8"),
                         cell(r.pledgee, style="cell8"), cell("\n".join(r.right_numbers) or "—", style="cell8"),
                         amount, cell(dates, style="cell8"), r.status])
        story.append(grid_table(["序号", "登记号", "出质人", "质权人", "质押权利", "担保债权数额", "登记日/注销日",
                                 "状态"], rows, [8, 25, 27, 25, 28, 23, 22, 12], align_center=[0, 7], font_size=8))
    else:
        story.append(para(f"经查询{c.office_name}知识产权质押登记簿，截至{as_of}，未查询到符合上述查询条件的"
                          "质押登记记录。", "indent"))
    if c.remarks:
        story.append(para("三、备注", "section"))
        story.append(para(c.remarks, "indent"))
    story.append(Spacer(1, 2 * mm))
    story.append(KeepTogether([
        para("本证明仅反映查询基准时间登记簿的记载情况。特此证明。", "indent"),
        signature_block(c, payload),
    ]))
    return story


def render_search_certificate(cert: SearchCertificate, signer: Any, out: Path | str | BinaryIO,
                              layout: int | None = None) -> str:
    """Render ``cert`` signed by ``signer`` to ``out`` (in ``layout``, default its own); returns the QR payload."""
    content = canonical_content(cert)
    payload = make_payload(cert.serial, digest_of(content), signer)
    render_document(certificate_story(cert, payload, layout), page_meta(cert, cert.title[0], payload, content), out)
    return payload
