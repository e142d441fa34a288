"""Render a :class:`~ipdesk.domain.marketplace.confirmation.TransactionConfirmation` (成交确认书) as an A4 PDF,
in the notices' page design: letterhead, title, serial; the deal (lot, mode, round, close, price with 大写,
deposit applied, balance); the rights; the parties; the signed QR and the seal area at the end."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ipdesk.domain.marketplace.auction import MODE_LABELS, Mode
from ipdesk.domain.marketplace.confirmation import (
    TransactionConfirmation,
    canonical_content,
    digest_of,
    from_content,
)
from ipdesk.domain.notices.notice import china_datetime, format_yuan, rmb_uppercase
from ipdesk.reports.common.layout import Title, cell, grid_table, kv_table, para, plain_row
from ipdesk.reports.common.seal import make_payload
from ipdesk.reports.notices.notice_pdf import page_meta, render_document, signature_block

PRESET_NAMES = {"online_judicial": "网络司法拍卖", "court_offline": "法院委托拍卖",
                "private": "质权人自行处置（民法典第四百三十六条）"}


def confirmation_story(c: TransactionConfirmation, payload: str = "") -> list[Flowable]:
    mode = MODE_LABELS[Mode(c.mode)][0]
    story: list[Flowable] = [Title(c.title[0])]
    story.append(plain_row(f"成交编号：{c.deal_no}", f"编号：{c.serial}"))
    story.append(para("一、成交情况", "section"))
    story.append(kv_table([
        ["标的", cell(f"{c.lot_no}　{c.lot_title}")],
        ["交易方式", f"{mode}（第 {c.round} 次）", "适用规则", cell(PRESET_NAMES.get(c.preset, c.preset))],
        ["竞价编号", c.auction_no, "成交时间", china_datetime(c.closed_at)],
        ["成交价", cell(format_yuan(c.price), rmb_uppercase(c.price))],
        ["已交保证金（抵作价款）", format_yuan(c.deposit_applied), "尚应支付",
         format_yuan(c.price - c.deposit_applied)],
        *([["处置案件", c.case_ref]] if c.case_ref else []),
    ], [34, 51, 30, 55]))
    story.append(para("二、交易权利", "section"))
    story.append(grid_table(["序号", "权利编号", "名称"], [[str(i), cell(r.number), cell(r.title)]
                                                     for i, r in enumerate(c.rights, 1)], [12, 50, 108]))
    story.append(para("三、交易各方", "section"))
    story.append(grid_table(["身份", "名称", "证件号码"], [
        ["出让方", cell(c.seller or "—"), "—"], ["买受人", cell(c.buyer), c.buyer_id_no or "—"]], [25, 95, 50]))
    story.append(Spacer(1, 2 * mm))
    story.append(KeepTogether([
        para(f"上述标的经{mode}成交，特此确认。买受人应按约定支付余款；权利转让须依法办理登记。", "indent"),
        signature_block(c, payload),
    ]))
    return story


def render_confirmation(doc: TransactionConfirmation, signer: Any, out: Path | str | BinaryIO) -> str:
    """Render ``doc`` signed by ``signer`` to ``out`` (a path is written atomically); returns the QR payload."""
    content = canonical_content(doc)
    payload = make_payload(doc.serial, digest_of(content), signer)
    render_document(confirmation_story(doc, payload), page_meta(doc, doc.title[0], payload, content), out)
    return payload


def render_signed(content: bytes, signer: Any) -> bytes:
    """The PDF the office prints for this signed content (verification lays it out again to compare)."""
    buf = io.BytesIO()
    render_confirmation(from_content(content), signer, buf)
    return buf.getvalue()
