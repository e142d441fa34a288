"""The tamper-evident audit log: every mutation appends an entry in the same transaction.

Each entry's hash is an HMAC (under the audit secret outside the database, :mod:`.keys`) over the previous
entry's hash and the entry's canonical JSON, including the state it binds (:mod:`.binding`: the keyed
digest of every record the act left behind), so editing, deleting or reordering any stored entry breaks
the chain from that point on, and recomputing it needs the secret. Entries written before the log was
keyed keep their plain SHA-256 links. Appending updates the single ``audit_head`` row first, which
serialises concurrent writers (a row lock on PostgreSQL, the write lock on SQLite); the hashes are
computed when the transaction commits, once the state they bind is final.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy.orm import Session

from ipdesk.domain.shared.permissions import Actor
from ipdesk.services import uow
from ipdesk.services.audit.keys import AuditKeys
from ipdesk.storage.schema import AuditHeadRow, AuditRow

GENESIS = "0" * 64
PENDING = "audit_pending"  # session.info: the entries of the running transaction, not yet written


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


def entry_hash(prev_hash: str, row: AuditRow, keys: AuditKeys | None = None) -> str:
    """The entry's link: HMAC-SHA256 under the audit secret for keyed entries, SHA-256 for older ones."""
    fields: dict[str, Any] = {
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
    if keys is None or row.seq <= keys.keyed_from:
        return hashlib.sha256((prev_hash + "\n" + canonical_json(fields)).encode("utf-8")).hexdigest()
    fields["state"] = row.state
    message = (prev_hash + "\n" + canonical_json(fields)).encode("utf-8")
    return hmac.new(keys.secret, message, hashlib.sha256).hexdigest()


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
        session.info[PENDING] = []
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
        state="",
        prev_hash="",
        hash="",
    )
    # Written when the transaction commits (ipdesk.services.audit.binding), hashed with the state it binds.
    session.info[PENDING].append(row)
    uow.note(session, "audit")
    kind = _ENTITY_KINDS.get(entity_type)
    if kind is not None:
        uow.note(session, kind, entity_id)
    return row


# Audited entity types → the change kinds pages watch (ipdesk.domain.shared.changes.KINDS).
_ENTITY_KINDS = {"pledge": "pledges", "right": "rights", "party": "parties", "settings": "settings", "key": "keys",
                 "loan": "loans", "disposal_case": "cases", "fund": "funds", "lot": "lots", "policy": "policies",
                 "signal": "signals"}


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
