"""``ipdesk audit verify``: the keyed chain, the register against its last audited state, the anchors.

1. **Chain**: every link recomputed in order (HMAC under the audit secret for keyed entries), the head
   must be the last entry. Editing, deleting, reordering or rewriting entries without the secret breaks it.
2. **Register**: every record's current rows (:mod:`.state`) against ``audit_state``: the digest must be
   the keyed digest of the current state under the entry that last bound it, and that entry must be the
   last one in the chain binding the record. A direct SQL edit of a business row, a row inserted or
   deleted behind the log, or a state row rolled back to an earlier act is named by table, record and,
   where the audited state was kept, the fields.
3. **Anchors** outside the database: the data folder's signed checkpoints and any checkpoint export or
   notice PDF given (its signed content carries the chain head at its issue). Each must still be in the
   chain with the same hash: a truncated or rolled-back log no longer contains what the paper saw.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem, ValidationError
from ipdesk.services.audit import state as st
from ipdesk.services.audit.keys import AuditKeys, checkpoint_text, keys_of, read_checkpoints
from ipdesk.services.audit.log import GENESIS, entry_hash
from ipdesk.storage.audit.tables import AuditStateRow
from ipdesk.storage.schema import AuditHeadRow, AuditRow

Key = tuple[str, int]

register({"audit.anchor_unreadable": ("无法读取锚点文件 {file}（{reason}）：应为 ipdesk 导出的检查点文件或通知书 PDF",
                                      "cannot read the anchor file {file} ({reason}): it should be a checkpoint "
                                      "export or a notice PDF from ipdesk")})


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    reason: str = ""
    keyed: bool = False  # the chain's later entries are HMACs under the audit secret
    mismatches: tuple[dict[str, Any], ...] = ()  # register rows that differ from their last audited state
    anchors: tuple[dict[str, Any], ...] = ()  # each anchor checked: source, seq, ok, reason
    records: int = 0  # records compared with their audited state

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "entries": self.entries, "first_bad_seq": self.first_bad_seq, "reason": self.reason,
                "keyed": self.keyed, "records": self.records, "mismatches": list(self.mismatches),
                "anchors": list(self.anchors)}


@dataclass
class _Chain:
    ok: bool = True
    count: int = 0
    first_bad: int | None = None
    reason: str = ""
    head_seq: int = 0
    bound: dict[Key, tuple[int, str]] = field(default_factory=dict)  # record → (seq, digest) last bound
    ranges: list[tuple[str, int, int, int]] = field(default_factory=list)  # (entity, first, last, seq)
    hashes: dict[int, str] = field(default_factory=dict)  # seq → hash, for the anchors' seqs
    sweeps: dict[str, RangeSweep] = field(default_factory=dict)  # entity → its ranges, for _last_binding


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


def _walk_chain(session: Session, keys: AuditKeys, wanted: set[int]) -> _Chain:
    # Read the tip first: every entry up to it is committed. Entries other clerks append while we
    # read (PostgreSQL READ COMMITTED sees them) are beyond it and are not part of this check.
    head = session.execute(select(AuditHeadRow).where(AuditHeadRow.id == 1)).scalar_one()
    out = _Chain(head_seq=head.seq)
    prev, expected = GENESIS, 1

    def bad(seq: int, reason: str) -> _Chain:
        out.ok, out.first_bad, out.reason = False, seq, reason
        return out

    for row in _iter_rows(session):
        if row.seq > head.seq:
            break
        out.count += 1
        if row.seq != expected:
            return bad(row.seq, f"sequence gap: expected {expected}, found {row.seq}")
        if row.prev_hash != prev:
            return bad(row.seq, "link to the previous entry is broken")
        if entry_hash(prev, row, keys) != row.hash:
            why = "edited" if row.seq <= keys.keyed_from else "edited, or rewritten without the audit secret"
            return bad(row.seq, f"entry content does not match its hash ({why})")
        if row.seq in wanted:
            out.hashes[row.seq] = row.hash
        if row.state:
            body = json.loads(row.state)
            for name, digest in body.get("bind", {}).items():
                entity, rid = name.rsplit(":", 1)
                out.bound[(entity, int(rid))] = (row.seq, digest)
            for entity, span in body.get("all", {}).items():
                out.ranges.append((entity, int(span["first"]), int(span["last"]), row.seq))
            for entity, span in body.get("spans", {}).items():  # an import's rows, by id runs
                out.ranges += [(entity, int(first), int(last), row.seq) for first, last in span["runs"]]
        prev, expected = row.hash, expected + 1
    if head.seq != out.count or head.hash != prev:
        return bad(out.count + 1, "entries after the last one were deleted or the head was edited")
    return out


class RangeSweep:
    """The latest entry whose id range holds an id. Verification asks in ascending id order (it walks each
    kind by id), so a sweep over the ranges by first id answers in O(log ranges) each — every import adds
    its id runs, and a check per record against every range grew with the log; an id asked out of order
    (a deleted record's state row) is looked up one range at a time."""

    def __init__(self, ranges: list[tuple[int, int, int]]):  # (first, last, seq)
        self.ranges = sorted(ranges)
        self.next = 0
        self.open: list[tuple[int, int]] = []  # (-seq, last) of the ranges begun, the latest on top
        self.at = -1

    def latest(self, rid: int) -> int | None:
        if rid < self.at:
            return max((seq for first, last, seq in self.ranges if first <= rid <= last), default=None)
        self.at = rid
        while self.next < len(self.ranges) and self.ranges[self.next][0] <= rid:
            _first, last, seq = self.ranges[self.next]
            heapq.heappush(self.open, (-seq, last))
            self.next += 1
        while self.open and self.open[0][1] < rid:  # ended before rid (those below the top go when they surface)
            heapq.heappop(self.open)
        return -self.open[0][0] if self.open else None


def _last_binding(chain: _Chain, key: Key) -> int | None:
    seq = chain.bound.get(key, (None, ""))[0]
    sweep = chain.sweeps.get(key[0])
    if sweep is None:
        sweep = chain.sweeps[key[0]] = RangeSweep([(f, la, at) for e, f, la, at in chain.ranges if e == key[0]])
    at = sweep.latest(key[1])
    if at is not None and (seq is None or at > seq):
        seq = at
    return seq


def _compare_register(session: Session, keys: AuditKeys, chain: _Chain) -> tuple[list[dict[str, Any]], int]:
    stored = {(r.entity_type, r.entity_id): r for r in session.execute(select(AuditStateRow)).scalars()}
    out: list[dict[str, Any]] = []
    seen: set[Key] = set()
    records = 0

    def report(key: Key, problem: str, reason: str, current: st.State | None,
               fields: tuple[str, ...] | list[str] = ()) -> None:
        spec = st.SPECS[key[0]]
        out.append({"table": spec.table, "entity": key[0], "id": key[1], "record": st.label_of(*key, current),
                    "problem": problem, "fields": list(fields), "reason": reason})

    for entity, spec in st.SPECS.items():
        for rid, current in st.iter_states(session, entity):
            key = (entity, rid)
            seen.add(key)
            records += 1
            row = stored.get(key)
            if row is None:
                if not (spec.singleton and not current[spec.table]):
                    report(key, "not_audited", "no audit entry binds this record (written behind the log)", current)
                continue
            if st.keyed_digest(keys.secret, entity, rid, row.seq, current) != row.digest:
                audited = json.loads(row.state) if row.state else None
                report(key, "changed", "differs from its last audited state (edited behind the log)", current,
                       st.differing_fields(spec, audited, current))
                continue
            _check_binding(chain, key, row, current, report)
    for key, row in stored.items():
        if key in seen or key[0] not in st.SPECS:
            continue
        if st.keyed_digest(keys.secret, key[0], key[1], row.seq, None) != row.digest:
            audited = json.loads(row.state) if row.state else None
            report(key, "missing", "the audited record is gone (deleted behind the log)", audited)
        else:
            _check_binding(chain, key, row, None, report)
    for key in chain.bound:
        if key not in stored and key[0] in st.SPECS:
            report(key, "missing", "the log binds this record but its audited state is gone", None)
    return out, records


def _check_binding(chain: _Chain, key: Key, row: AuditStateRow, current: st.State | None, report: Any) -> None:
    last = _last_binding(chain, key)
    if last is None:
        report(key, "unbound", f"its audited state names entry {row.seq}, which the log no longer has", current)
    elif last != row.seq:
        report(key, "stale", f"its audited state is from entry {row.seq}, the log's last act on it is {last}",
               current)
    elif key not in chain.bound or chain.bound[key][0] != row.seq or chain.bound[key][1] == row.digest:
        return  # bound by that entry's own digest, or whole by its id range (a load, a baseline, an extension)
    else:
        report(key, "stale", "its audited state differs from what the log's entry bound", current)


def _office_keys(session: Session) -> dict[str, Any]:
    """The register's office keys (``{key_id: public key}``): the only keys that sign its checkpoints
    and notices. The trusted keys are bound by the audit state, so adding one behind the log shows."""
    from ipdesk.reports.common.seal import load_public_key
    from ipdesk.storage.schema import TrustedKeyRow

    rows = session.execute(select(TrustedKeyRow).where(TrustedKeyRow.office.is_(True))).scalars()
    return {r.key_id: load_public_key(r.public_pem) for r in rows}


def _signature_problem(c: dict[str, Any], office_keys: dict[str, Any]) -> str:
    """Why a checkpoint's signature does not hold ("" if it does, or the line is unsigned: written before
    the office key was in use)."""
    import base64

    from cryptography.exceptions import InvalidSignature

    key_id, signature = c.get("key_id"), c.get("signature")
    if not signature and not key_id:
        return ""
    key = office_keys.get(str(key_id))
    if key is None:
        return f"checkpoint {c.get('seq')} is signed by key {key_id}, not an office key of this register (re-signed)"
    try:
        raw = base64.urlsafe_b64decode(str(signature) + "=" * (-len(str(signature)) % 4))
        key.verify(raw, checkpoint_text(int(c["seq"]), str(c["hash"]), str(key_id)))
    except (InvalidSignature, ValueError, TypeError):
        return f"checkpoint {c.get('seq')}'s signature does not match its head (forged or edited)"
    return ""


def _anchor_points(path: Path, office_keys: dict[str, Any]) -> list[dict[str, Any]]:
    """(seq, hash) points an anchor file holds: a checkpoint file / export, or a notice PDF's positions.
    A point whose signature does not hold carries ``refused``: it is no evidence about the log either way."""
    try:
        if path.suffix.lower() == ".pdf":
            return _pdf_points(path, office_keys)
        checkpoints = read_checkpoints(path)
        points = [{"source": path.name, "seq": int(c["seq"]), "hash": str(c["hash"]),
                   "signed": bool(c.get("signature")), "refused": _signature_problem(c, office_keys)}
                  for c in checkpoints]
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ValidationError(Problem("audit.anchor_unreadable", "--anchor",
                                      {"file": path.name, "reason": type(exc).__name__})) from None
    return points


def _pdf_points(path: Path, office_keys: dict[str, Any]) -> list[dict[str, Any]]:
    import json

    from ipdesk.reports.common.pdf_payload import read_pdf_payload
    from ipdesk.reports.common.seal import verify_payload

    pp = read_pdf_payload(path)
    # Any signed document of the office (notice, search certificate, disposal document, confirmation) is
    # read for the only fields an anchor needs: no context's document class is imported below it.
    doc = json.loads((pp.content or b"").decode("utf-8"))
    if not isinstance(doc, dict) or "serial" not in doc:
        raise ValueError("not the signed content of an ipdesk document")
    checked = verify_payload(pp.payload, pp.content, office_keys)
    refused = "" if checked.content_checked and checked.status.value in ("genuine", "revoked") else (
        f"its signed content does not verify with an office key of this register ({checked.code})")
    serial, issued_at = str(doc["serial"]), str(doc.get("audit_position") or "")
    if not issued_at:
        return [{"source": path.name, "serial": serial, "seq": None, "hash": "", "refused": refused}]
    points = []
    # the entry of the decision the document records, then the chain head at its issue
    for what, position in (("decision", str(doc.get("decision_entry") or "")), ("issue", issued_at)):
        if position:
            seq, entry_hash_ = position.split(":", 1)
            points.append({"source": path.name, "serial": serial, "anchor": what, "seq": int(seq),
                           "hash": entry_hash_, "refused": refused})
    return points


def _check_anchors(points: list[dict[str, Any]], chain: _Chain) -> list[dict[str, Any]]:
    out = []
    for p in points:
        seq = p["seq"]
        refused = p.pop("refused", "")
        if refused:
            out.append({**p, "ok": False, "refused": True, "reason": refused})
        elif seq is None:
            out.append({**p, "ok": False, "reason": "the document carries no chain position (issued before anchors)"})
        elif seq == 0:
            out.append({**p, "ok": True, "reason": "empty log"})
        elif seq > chain.head_seq or seq not in chain.hashes:
            out.append({**p, "ok": False, "reason": f"the log no longer has entry {seq} (truncated or rolled back)"})
        elif chain.hashes[seq] != p["hash"]:
            out.append({**p, "ok": False, "reason": f"entry {seq} is not the one the anchor saw (log rewritten)"})
        else:
            out.append({**p, "ok": True, "reason": "the log still holds this entry"})
    return out


def verify_register(engine: Engine, anchors: list[Path] | None = None) -> ChainReport:
    """Chain + register + anchors (the data folder's checkpoint file is always one of them)."""
    keys = keys_of(engine)
    files = list(anchors or [])
    if keys.checkpoints is not None and keys.checkpoints.exists():
        files.insert(0, keys.checkpoints)
    with Session(engine.execution_options(readonly=True)) as session:
        office_keys = _office_keys(session)
    points = [p for f in files for p in _anchor_points(Path(f), office_keys)]
    with Session(engine.execution_options(readonly=True)) as session:
        chain = _walk_chain(session, keys, {p["seq"] for p in points if p["seq"]})
        if not chain.ok:
            return ChainReport(False, chain.count, chain.first_bad, chain.reason, chain.head_seq > keys.keyed_from)
        mismatches, records = _compare_register(session, keys, chain)
    checked = _check_anchors(points, chain)
    # The data folder's own file: one line per commit; report only the failures and the newest point.
    local = [a for a in checked[:len(points)] if keys.checkpoints is not None and a["source"] == keys.checkpoints.name]
    shown = [a for a in checked if a not in local] + [a for a in local if not a["ok"]][:5] + local[-1:]
    bad_anchor = next((a for a in checked if not a["ok"] and (a["seq"] is not None or a.get("refused"))), None)
    ok = not mismatches and bad_anchor is None
    reason = ""
    if mismatches:
        reason = f"{len(mismatches)} register record(s) differ from their audited state"
    elif bad_anchor is not None:
        reason = f"anchor {bad_anchor['source']}: {bad_anchor['reason']}"
    first_bad = bad_anchor["seq"] if bad_anchor is not None and not mismatches else None
    return ChainReport(ok, chain.count, first_bad, reason, chain.head_seq > keys.keyed_from, tuple(mismatches),
                       tuple(shown), records)


def verify_chain(engine: Engine) -> ChainReport:
    """The chain alone (links and hashes), as before the register and anchors were checked."""
    keys = keys_of(engine)
    with Session(engine.execution_options(readonly=True)) as session:
        chain = _walk_chain(session, keys, set())
    return ChainReport(chain.ok, chain.count, chain.first_bad, chain.reason, chain.head_seq > keys.keyed_from)
