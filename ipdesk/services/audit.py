"""The tamper-evident audit log: every mutation appends an entry in the same transaction.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's canonical JSON, so editing,
deleting or reordering any stored entry breaks the chain from that point on, which
:func:`verify_chain` reports. Appending updates the single ``audit_head`` row first, which serialises
concurrent writers (a row lock on PostgreSQL, the write lock on SQLite).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ipdesk.domain.shared.permissions import Actor
from ipdesk.services import uow
from ipdesk.services.paging import Column, Query
from ipdesk.storage.schema import AuditHeadRow, AuditRow

GENESIS = "0" * 64


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (set, frozenset, tuple)):
        return sorted(value, key=str) if isinstance(value, (set, frozenset)) else list(value)
    raise TypeError(f"not JSON-serialisable: {type(value).__name__}")


def canonical_json(value: Any) -> str:
    if value is None or value == "":
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_default)


def entry_hash(prev_hash: str, row: AuditRow) -> str:
    body = canonical_json(
        {
            "seq": row.seq,
            "at": row.at.isoformat(),
            "actor": row.actor,
            "role": row.role,
            "action": row.action,
            "entity_type": row.entity_type,
            "entity_id": row.entity_id,
            "summary": row.summary,
            "before": row.before,
            "after": row.after,
        }
    )
    return hashlib.sha256((prev_hash + "\n" + body).encode("utf-8")).hexdigest()


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity_type: str,
    entity_id: int | None,
    summary: str,
    before: Any = None,
    after: Any = None,
) -> AuditRow:
    """Append one entry to the chain inside the caller's transaction."""
    # The first entry of a transaction locks the head row (SELECT … FOR UPDATE on PostgreSQL; SQLite
    # writers already hold the write lock), which orders concurrent writers; later entries of the same
    # transaction (a bulk import) reuse the locked row without another round trip.
    txn = session.get_transaction()
    cached = session.info.get("audit_head")
    if cached is not None and cached[0] is txn:
        head = cached[1]
    else:
        head = session.get(AuditHeadRow, 1, with_for_update=True, populate_existing=True)
        assert head is not None, "audit_head row missing: the database was not migrated"
        session.info["audit_head"] = (txn, head)
    head.seq += 1
    row = AuditRow(
        seq=head.seq,
        at=uow.clock_of(session).now(),
        actor=actor.username,
        role=actor.role.value,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        summary=summary,
        before=canonical_json(before),
        after=canonical_json(after),
        prev_hash=head.hash,
    )
    row.hash = entry_hash(head.hash, row)
    head.hash = row.hash
    session.add(row)
    session.flush()
    uow.note(session, "audit")
    kind = _ENTITY_KINDS.get(entity_type)
    if kind is not None:
        uow.note(session, kind, entity_id)
    return row


# Audited entity types → the change kinds pages watch (ipdesk.domain.shared.changes.KINDS).
_ENTITY_KINDS = {"pledge": "pledges", "right": "rights", "party": "parties", "settings": "settings", "key": "keys"}


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: datetime
    actor: str
    role: str
    action: str
    entity_type: str
    entity_id: int | None
    summary: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    def changed_fields(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for every field that differs, for the history pane."""
        b, a = self.before or {}, self.after or {}
        return [(k, b.get(k), a.get(k)) for k in sorted(set(a) | set(b)) if b.get(k) != a.get(k)]


def to_entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        seq=row.seq,
        at=row.at,
        actor=row.actor,
        role=row.role,
        action=row.action,
        entity_type=row.entity_type,
        entity_id=row.entity_id,
        summary=row.summary,
        before=json.loads(row.before) if row.before else None,
        after=json.loads(row.after) if row.after else None,
    )


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "entries": self.entries, "first_bad_seq": self.first_bad_seq, "reason": self.reason}


def _iter_rows(session: Session, batch: int = 5000) -> Iterator[AuditRow]:
    last = 0
    while True:
        chunk = select(AuditRow).where(AuditRow.seq > last).order_by(AuditRow.seq).limit(batch)
        rows = session.execute(chunk).scalars().all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq
        session.expunge_all()


def verify_chain(engine: Engine) -> ChainReport:
    """Recompute every hash in order; report the first entry whose stored hash or link is wrong."""
    with Session(engine.execution_options(readonly=True)) as session:
        # Read the tip first: every entry up to it is committed. Entries other clerks append while we
        # read (PostgreSQL READ COMMITTED sees them) are beyond it and are not part of this check.
        head = session.execute(select(AuditHeadRow).where(AuditHeadRow.id == 1)).scalar_one()
        head_seq, head_hash = head.seq, head.hash
        prev, expected_seq, count = GENESIS, 1, 0
        for row in _iter_rows(session):
            if row.seq > head_seq:
                break
            count += 1
            if row.seq != expected_seq:
                return ChainReport(False, count, row.seq, f"sequence gap: expected {expected_seq}, found {row.seq}")
            if row.prev_hash != prev:
                return ChainReport(False, count, row.seq, "link to the previous entry is broken")
            if entry_hash(prev, row) != row.hash:
                return ChainReport(False, count, row.seq, "entry content does not match its hash (edited)")
            prev, expected_seq = row.hash, expected_seq + 1
        if head_seq != count or head_hash != prev:
            return ChainReport(
                False, count, count + 1, "entries after the last one were deleted or the head was edited"
            )
        return ChainReport(True, count)


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

    def verify(self) -> ChainReport:
        return verify_chain(self.engine)

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
                stmt = stmt.where(AuditRow.summary.contains(query.search) | (AuditRow.actor == query.search))
            return int(session.execute(stmt).scalar_one())

    def page(self, query: Query, offset: int, limit: int) -> list[dict[str, Any]]:
        with Session(self.engine.execution_options(readonly=True)) as session:
            stmt = select(AuditRow)
            if query.search:
                stmt = stmt.where(AuditRow.summary.contains(query.search) | (AuditRow.actor == query.search))
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
