"""Gazette export: the public-notice fields the patent gazette publishes for pledge registrations,
changes and cancellations in a period (2010 measures Art. 14), one line per pledged right, CSV or Excel.

A publication of the office, so always in Chinese (the reader's language does not apply)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from ipdesk.domain.registry.rights import KIND_LABELS, RightKind
from ipdesk.services.tables import Sheet, write_table
from ipdesk.services.uow import reading
from ipdesk.storage.schema import PledgeEventRow, PledgeRightRow, PledgeRow, RightRow

EVENTS = {
    "registered": ("质押登记", "registration"),
    "changed": ("变更", "change"),
    "extended": ("变更（延期）", "change (extension)"),
    "cancelled": ("注销", "cancellation"),
}
HEADER_ZH = [
    "事项",
    "事项日期",
    "登记号",
    "出质人",
    "质权人",
    "主分类号",
    "专利号/权利号",
    "权利类型",
    "授权公告日",
    "质押登记日",
]


def gazette_rows(engine: Engine, start: date, end: date, patents_only: bool = False) -> list[list[Any]]:
    with reading(engine) as session:
        stmt = (
            select(PledgeEventRow, PledgeRow, RightRow)
            .join(PledgeRow, PledgeRow.id == PledgeEventRow.pledge_id)
            .join(PledgeRightRow, PledgeRightRow.pledge_id == PledgeRow.id)
            .join(RightRow, RightRow.id == PledgeRightRow.right_id)
            .where(
                PledgeEventRow.kind.in_(list(EVENTS)), PledgeEventRow.on_date >= start, PledgeEventRow.on_date <= end
            )
            .order_by(PledgeEventRow.on_date, PledgeEventRow.id, PledgeRightRow.position)
        )
        out = []
        for event, pledge, right in session.execute(stmt).all():
            kind = RightKind(right.kind)
            if patents_only and not kind.is_patent:
                continue
            out.append(
                [
                    EVENTS[event.kind][0],
                    event.on_date,
                    pledge.registration_no,
                    pledge.pledgor_names,
                    pledge.pledgee_name,
                    right.ipc_main,
                    right.display_number,
                    KIND_LABELS[kind][0],
                    right.grant_date if kind.is_patent else right.registration_date,
                    pledge.registered_on,
                ]
            )
        return out


def export_gazette(engine: Engine, start: date, end: date, path: Path, patents_only: bool = False) -> int:
    """Write the gazette lines of [start, end] to ``path`` (.csv UTF-8 with BOM for Excel, or .xlsx)."""
    return write_table(path, Sheet("公告", HEADER_ZH, gazette_rows(engine, start, end, patents_only)))
