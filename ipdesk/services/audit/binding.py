"""When a transaction that wrote audit entries commits: bind the state it left, hash, write, checkpoint.

Just before the commit every record the transaction touched (the audited entities and whatever the unit
of work noted: a notice's pledge, a right's active pledge, the trusted keys…) is read back in bulk and its
keyed digest (:func:`.state.keyed_digest`) is bound by an entry of the transaction: the entry audited
for that record if there is one, else the transaction's last entry. The last entry also binds the batch
digest of everything the transaction bound (an import's one entry covers all the rows it wrote), and a
bulk load (``note_all``: the demo data) binds every record of the kinds it filled, by id range, and an
import binds the rows it wrote by id runs from the states it built from them (:func:`provide_states`). The
entries are then hashed in order (HMAC, :func:`.log.entry_hash`) and written, and ``audit_state``
keeps each record's last audited digest. After the commit the new head is checkpointed (:mod:`.keys`).

The register's first keyed transaction names the version of every kind of record it binds (``specs`` in
its last entry's state); when a later ipdesk knows a kind the log does not name at its version (a new
context's table, a child table added), :func:`extend` binds every record of those kinds once, in one
entry naming the new versions. Both are inside the keyed chain: deleting or editing them breaks it, so
nobody can make ipdesk bind an edited register afresh.
"""

from __future__ import annotations

import hashlib
import json
import logging
from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, delete, event, insert, select
from sqlalchemy.orm import Session

from ipdesk.services import uow
from ipdesk.services.audit import state as st
from ipdesk.services.audit.keys import AuditKeys, keys_of, write_checkpoint
from ipdesk.services.audit.log import PENDING, entry_hash
from ipdesk.storage.audit.tables import AuditStateRow
from ipdesk.storage.schema import AuditRow, NoticeRow

Key = tuple[str, int]
_TRACE: list[Any] | None = None  # benchmarks: which records each commit bound
_CHECKPOINT = "audit_checkpoint"
BIND_ALL = "audit_bind_all"  # session.info: record kinds the transaction's last entry binds whole
PROVIDED = "audit_provided"  # session.info: {entity: {id: state}} a bulk writer built from the rows it wrote
SPECS_NAMED = "audit_specs"  # session.info: the kinds and versions the transaction's last entry names
_CHUNK = 5000
log = logging.getLogger(__name__)


def engine_of(session: Session) -> Engine:
    bind = session.get_bind()
    return bind if isinstance(bind, Engine) else bind.engine


def _own_key(row: AuditRow) -> Key | None:
    spec = st.SPECS.get(row.entity_type)
    if spec is None:
        return None
    if spec.singleton:
        return (row.entity_type, 0)
    return (row.entity_type, row.entity_id) if row.entity_id is not None else None


def _decision_of(row: AuditRow) -> int | None:
    """The maker-checker decision an entry prepared, confirmed or returned (its ``after`` names it)."""
    if not row.action.startswith("decision.") or not row.after:
        return None
    decision = json.loads(row.after).get("decision")
    return decision if isinstance(decision, int) and "decision" in st.SPECS else None


def _touched(session: Session, pending: list[AuditRow]) -> tuple[dict[Key, AuditRow], list[str]]:
    """Which entry binds which record, and the kinds a bulk load filled."""
    owner: dict[Key, AuditRow] = {}
    for row in pending:
        key = _own_key(row)
        if key is not None:
            owner[key] = row  # the last entry about a record binds its final state
        decision = _decision_of(row)
        if decision is not None:
            owner[("decision", decision)] = row  # a decision on a pledge is audited on the pledge
    last = pending[-1]
    changes = uow.changes_so_far(session)
    noted: list[Key] = []
    for kind, entity in st.CHANGE_KINDS.items():
        noted += [(entity, int(i)) for i in getattr(changes, kind)]
    if changes.notices:
        serials = sorted(changes.notices)
        for i in range(0, len(serials), 500):
            ids = session.execute(select(NoticeRow.id).where(NoticeRow.serial.in_(serials[i:i + 500]))).scalars()
            noted += [("notice", int(n)) for n in ids]
    if changes.settings:
        noted.append(("settings", 0))
    if changes.keys:
        noted.append(("key", 0))
    for key in noted:
        owner.setdefault(key, last)
    for key, together in st.BOUND_WITH.items():
        if key in owner:
            for other in together:
                owner.setdefault(other, owner[key])
    bulk = [st.CHANGE_KINDS[k] for k in sorted(changes.bulk) if k in st.CHANGE_KINDS]
    bulk += [e for e in session.info.pop(BIND_ALL, ()) if e not in bulk]
    return owner, bulk


def _batch_digest(lines: list[str]) -> str:
    h = hashlib.sha256()
    for line in sorted(lines):
        h.update(line.encode("utf-8") + b"\n")
    return h.hexdigest()


@lru_cache(maxsize=4)
def _upsert(dialect: str) -> Any:
    """INSERT … ON CONFLICT (entity_type, entity_id) DO UPDATE: one statement for any number of records."""
    from sqlalchemy.dialects import postgresql, sqlite

    table: Any = AuditStateRow.__table__
    stmt: Any = postgresql.insert(table) if dialect == "postgresql" else sqlite.insert(table)
    return stmt.on_conflict_do_update(index_elements=["entity_type", "entity_id"], set_={
        "seq": stmt.excluded.seq, "digest": stmt.excluded.digest, "state": stmt.excluded.state})


def _replace_states(session: Session, rows: list[dict[str, Any]]) -> None:
    stmt, conn = _upsert(engine_of(session).dialect.name), session.connection()
    for i in range(0, len(rows), _CHUNK):
        conn.execute(stmt, rows[i:i + _CHUNK])


def _bind_all(session: Session, keys: AuditKeys, entity: str, seq: int, lines: list[str],
              keep_state: bool = False) -> dict[str, int]:
    """Bind every record of ``entity`` (a bulk load): digests in audit_state, id range in the entry; the
    states themselves only with ``keep_state`` (an extension: a later direct edit then names its fields)."""
    session.execute(delete(AuditStateRow).where(AuditStateRow.entity_type == entity))
    table: Any = AuditStateRow.__table__
    conn, table_insert = session.connection(), insert(table)  # Core executemany
    first = last = None
    count = 0
    batch: list[dict[str, Any]] = []
    for rid, state in st.iter_states(session, entity, chunk=_CHUNK):
        digest = st.keyed_digest(keys.secret, entity, rid, seq, state)
        batch.append({"entity_type": entity, "entity_id": rid, "seq": seq, "digest": digest,
                      "state": st.canonical(state) if keep_state else ""})
        lines.append(f"{entity}:{rid}:{digest}")
        first = rid if first is None else first
        last, count = rid, count + 1
        if len(batch) >= _CHUNK:
            conn.execute(table_insert, batch)
            batch = []
    if batch:
        conn.execute(table_insert, batch)
    return {"first": first or 0, "last": last or 0, "count": count}


def provide_states(session: Session, entity: str, states: dict[int, st.State]) -> None:
    """A bulk writer (an import) hands over the states of the records it wrote, built from the rows it holds
    (:func:`.state.state_of_values`): the commit binds them without reading them back, by the transaction's
    last entry, as id runs with the batch digest (not one by one in the entry). A few are read back and
    compared first; a writer that drifted from what the database holds has all of them read back instead."""
    session.info.setdefault(PROVIDED, {}).setdefault(entity, {}).update(states)


def _trusted(session: Session, provided: dict[str, dict[int, st.State]]) -> dict[str, dict[int, st.State]]:
    out = {}
    for entity, states in provided.items():
        ids = sorted(states)
        sample = {ids[0], ids[len(ids) // 2], ids[-1]} if ids else set()
        read = st.states_of(session, entity, sample)
        if all(read[i] is not None and st.canonical(read[i]) == st.canonical(states[i]) for i in sample):
            out[entity] = states
        else:
            log.warning("the %s states a bulk writer gave differ from the database: reading them back", entity)
    return out


def _bind_provided(session: Session, keys: AuditKeys, provided: dict[str, dict[int, st.State]], seq: int,
                   lines: list[str]) -> dict[str, Any]:
    """Digests of the provided states (audit_state, with the canonical text so a mismatch names the field)."""
    spans: dict[str, Any] = {}
    secret, canonical, digest_of = keys.secret, st.canonical, st.keyed_digest_of
    conn = session.connection()
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    # The driver's executemany of plain tuples: SQLAlchemy's per-row parameter handling costs more here than
    # the statement (the same upsert as _replace_states; the syntax is common to SQLite and PostgreSQL).
    sql = (f"INSERT INTO audit_state (entity_type, entity_id, seq, digest, state) VALUES ({', '.join([mark] * 5)}) "
           "ON CONFLICT (entity_type, entity_id) DO UPDATE SET seq = excluded.seq, digest = excluded.digest, "
           "state = excluded.state")
    for entity, states in provided.items():
        ids = sorted(states)
        for start in range(0, len(ids), _CHUNK):
            rows: list[tuple[str, int, int, str, str]] = []
            for rid in ids[start:start + _CHUNK]:
                text_ = canonical(states[rid])
                digest = digest_of(secret, entity, rid, seq, text_)
                lines.append(f"{entity}:{rid}:{digest}")
                rows.append((entity, rid, seq, digest, text_))
            conn.exec_driver_sql(sql, rows)
        spans[entity] = {"runs": _runs(ids), "count": len(ids)}
    return spans


def _runs(ids: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for i in ids:
        if runs and runs[-1][1] == i - 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return runs


def bind_all(session: Session, *entities: str) -> None:
    """Have the running transaction's last entry bind every record of these kinds (a baseline)."""
    session.info.setdefault(BIND_ALL, []).extend(entities)


def finalize(session: Session) -> None:
    pending: list[AuditRow] | None = session.info.pop(PENDING, None)
    cached = session.info.pop("audit_head", None)
    if not pending or cached is None:
        return
    head = cached[1]
    keys = keys_of(engine_of(session), head.seq - len(pending))
    session.flush()  # the business rows as the act leaves them
    owner, bulk = _touched(session, pending)
    provided = _trusted(session, session.info.pop(PROVIDED, {}))
    for entity, given in provided.items():
        for rid in given:
            owner.pop((entity, rid), None)
    if _TRACE is not None:
        _TRACE.append(sorted(owner))
    states: dict[Key, st.State | None] = {}
    by_type: dict[str, list[int]] = {}
    for entity, rid in owner:
        by_type.setdefault(entity, []).append(rid)
    for entity, ids in by_type.items():
        for rid, state in st.states_of(session, entity, ids).items():
            states[(entity, rid)] = state
    binds: dict[int, dict[str, str]] = {}
    state_rows: list[dict[str, Any]] = []
    lines: list[str] = []
    for (entity, rid), row in owner.items():
        digest = st.keyed_digest(keys.secret, entity, rid, row.seq, states[(entity, rid)])
        binds.setdefault(row.seq, {})[f"{entity}:{rid}"] = digest
        lines.append(f"{entity}:{rid}:{digest}")
        state_rows.append({"entity_type": entity, "entity_id": rid, "seq": row.seq, "digest": digest,
                           "state": st.canonical(states[(entity, rid)])})
    _replace_states(session, state_rows)
    last = pending[-1]
    named = session.info.pop(SPECS_NAMED, None)
    extending = named is not None
    if named is None and head.seq - len(pending) <= keys.keyed_from:
        named = versions()  # the register's first keyed entries: what they bind, at which versions
    every = {entity: _bind_all(session, keys, entity, last.seq, lines, keep_state=extending) for entity in bulk}
    spans = _bind_provided(session, keys, provided, last.seq, lines)
    for row in pending:
        body: dict[str, Any] = {}
        if row.seq in binds:
            body["bind"] = binds[row.seq]
        if row is last and (every or len(lines) > 1):
            body["batch"] = {"count": len(lines), "digest": _batch_digest(lines)}
        if row is last and every:
            body["all"] = every
        if row is last and spans:
            body["spans"] = spans
        if row is last and named:
            body["specs"] = named
        row.state = json.dumps(body, sort_keys=True, separators=(",", ":")) if body else ""
    prev = head.hash
    for row in pending:
        row.prev_hash = prev
        row.hash = prev = entry_hash(prev, row, keys)
    head.hash = prev
    session.add_all(pending)
    session.flush()
    session.info[_CHECKPOINT] = (head.seq, head.hash, pending[-1].at, keys)


def versions() -> dict[str, int]:
    return {entity: spec.version for entity, spec in st.SPECS.items()}


def named_versions(session: Session, keyed_from: int) -> dict[str, int]:
    """The kinds and versions the keyed log has bound: what its entries name (``specs``), at least the
    kinds a register bound before kinds had versions."""
    out = dict.fromkeys(st.UNVERSIONED_KINDS, 1)
    query = select(AuditRow.state).where(AuditRow.seq > keyed_from, AuditRow.state.like('%"specs":%'))
    for body in session.execute(query).scalars():
        for entity, version in json.loads(body).get("specs", {}).items():
            out[entity] = max(out.get(entity, 0), int(version))
    return out


def extend(engine: Engine, clock: Any = None) -> list[str]:
    """Bind, once, every record of the kinds this ipdesk knows at a version the keyed log does not name
    (a register from before those kinds were bound): one ``audit.extend`` entry. Returns those kinds."""
    from ipdesk.domain.shared.permissions import SYSTEM
    from ipdesk.services.audit.log import record
    from ipdesk.storage.schema import AuditHeadRow

    keys = keys_of(engine)
    with Session(engine.execution_options(readonly=True)) as session:
        head = session.get(AuditHeadRow, 1)
        if head is None or head.seq <= keys.keyed_from:
            return []  # nothing keyed yet: the first keyed entries will name every kind
        named = named_versions(session, keys.keyed_from)
    new = {e: v for e, v in versions().items() if named.get(e, 0) < v}
    if not new:
        return []
    with uow.transaction(engine, clock) as session:
        bind_all(session, *new)
        session.info[SPECS_NAMED] = new
        record(session, SYSTEM, "audit.extend", "audit", None,
               "留痕扩展：绑定新纳入留痕的记录（" + "、".join(sorted(new)) + "）", None, {"specs": new})
    return sorted(new)


def baseline(engine: Engine, clock: Any = None) -> bool:
    """Bind the register as it stands when the log first becomes keyed (a database from before state
    binding): one entry binding every record. Never again once a keyed entry exists, so deleting the
    state rows later cannot make ipdesk re-baseline over an edit."""
    from ipdesk.domain.shared.permissions import SYSTEM
    from ipdesk.services.audit.log import record
    from ipdesk.storage.schema import AuditHeadRow

    keys = keys_of(engine)
    with Session(engine.execution_options(readonly=True)) as session:
        head = session.get(AuditHeadRow, 1)
        if head is None or head.seq > keys.keyed_from or session.execute(select(AuditStateRow).limit(1)).first():
            return False
        tables = [spec.main() for spec in st.SPECS.values() if not spec.singleton]
        if not any(session.execute(select(t).limit(1)).first() for t in tables):
            return False
    with uow.transaction(engine, clock) as session:
        bind_all(session, *st.SPECS)
        record(session, SYSTEM, "audit.baseline", "audit", None, "留痕基线：绑定登记簿现有记录的状态")
    return True


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if session.info.get(PENDING):
        finalize(session)


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    found = session.info.pop(_CHECKPOINT, None)
    if found is not None:
        seq, head_hash, at, keys = found
        write_checkpoint(keys, seq, head_hash, at)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    # A rolled-back transaction's entries were never written; the head row's lock is gone with it.
    session.info.pop(PENDING, None)
    session.info.pop("audit_head", None)
    session.info.pop(_CHECKPOINT, None)
    session.info.pop(BIND_ALL, None)
    session.info.pop(PROVIDED, None)
