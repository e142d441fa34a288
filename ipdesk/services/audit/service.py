"""Read side of the audit log for the GUI and the CLI: history of a record, the paged log, verification."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ipdesk.services.audit.log import AuditEntry, to_entry
from ipdesk.services.audit.verify import ChainReport, verify_register
from ipdesk.services.paging import Column, Query
from ipdesk.storage.schema import AuditRow


class AuditService:
    """Read side of the audit log for the GUI and the CLI."""

    columns = (
        Column("seq", "序号", "No.", align_right=True),
        Column("at", "时间", "Time"),
        Column("actor", "用户", "User"),
        Column("action", "操作", "Action"),
        Column("entity", "对象", "Record"),
        Column("summary", "摘要", "Summary", sortable=False),
    )

    def __init__(self, engine: Engine):
        self.engine = engine

    def verify(self, anchors: list[Path] | None = None) -> ChainReport:
        """The chain, the register against its last audited state, and the anchors (the data folder's
        checkpoints, plus any checkpoint file or notice PDF given)."""
        return verify_register(self.engine, anchors or [])

    def export_checkpoints(self, out: Path) -> dict[str, Any]:
        """Write the data folder's signed checkpoints to ``out`` (JSON, with the signing public keys) so they
        can be kept away from the office machine; ``ipdesk audit verify --anchor out`` checks the log later."""
        import json

        from ipdesk.domain.shared.files import write_atomically
        from ipdesk.services.audit.keys import keys_of, read_checkpoints
        from ipdesk.storage.schema import TrustedKeyRow

        keys = keys_of(self.engine)
        points = read_checkpoints(keys.checkpoints) if keys.checkpoints and keys.checkpoints.exists() else []
        with Session(self.engine.execution_options(readonly=True)) as session:
            pems = {k.key_id: k.public_pem for k in session.execute(select(TrustedKeyRow)).scalars()}
        used = sorted({str(p.get("key_id", "")) for p in points})
        body = {"format": "ipdesk-audit-checkpoints-1", "checkpoints": points,
                "public_keys": {k: pems[k] for k in used if k in pems}}
        write_atomically(out, json.dumps(body, ensure_ascii=False, indent=1).encode("utf-8"))
        return {"checkpoints": len(points), "head": points[-1] if points else None, "file": str(out)}

    def history(self, entity_type: str, entity_id: int) -> list[AuditEntry]:
        with Session(self.engine.execution_options(readonly=True)) as session:
            rows = session.execute(
                select(AuditRow)
                .where(AuditRow.entity_type == entity_type, AuditRow.entity_id == entity_id)
                .order_by(AuditRow.seq)
            ).scalars()
            return [to_entry(r) for r in rows]

    # PageSource for the audit page.
    def count(self, query: Query) -> int:
        from sqlalchemy import func

        with Session(self.engine.execution_options(readonly=True)) as session:
            stmt = select(func.count()).select_from(AuditRow)
            if query.search:
                stmt = stmt.where(_matches(query.search))
            return int(session.execute(stmt).scalar_one())

    def page(self, query: Query, offset: int, limit: int) -> list[dict[str, Any]]:
        with Session(self.engine.execution_options(readonly=True)) as session:
            stmt = select(AuditRow)
            if query.search:
                stmt = stmt.where(_matches(query.search))
            order = AuditRow.seq.asc() if not query.descending else AuditRow.seq.desc()
            rows = session.execute(stmt.order_by(order).offset(offset).limit(limit)).scalars()
            return [
                {
                    "id": r.seq,
                    "seq": r.seq,
                "at": r.at,
                "actor": r.actor,
                "action": r.action,
                    "entity": f"{r.entity_type}#{r.entity_id}" if r.entity_id is not None else r.entity_type,
                "summary": r.summary,
                }
                for r in rows
            ]


def _matches(search: str):
    """The audit page's search: the summary contains it (``%`` and ``_`` are characters, not wildcards)
    or it is the actor's name."""
    return AuditRow.summary.contains(search, autoescape=True) | (AuditRow.actor == search)
