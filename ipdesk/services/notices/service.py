"""Notices and certificates: issue (one serial per decision, signed), print and reprint identically,
batch print, revoke, and verify offline against the issue log.

A notice is issued once per pledge event (registration, refusal, correction notice, change or
extension, cancellation); its canonical content is stored with the serial, so printing it again later
renders the same document with the same serial and QR, and every printing is logged.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ipdesk.domain.notices.notice import (
    ChangeLine,
    Notice,
    NoticeGround,
    NoticeKind,
    NoticeParty,
    NoticeRight,
    SearchCertificate,
    canonical_content,
    digest_of,
    from_canonical,
)
from ipdesk.domain.pledges.application import CANCELLATION_TRIGGER_LABELS, CancellationTrigger
from ipdesk.domain.pledges.maker_checker import DecisionKind, DecisionStatus, both_names, second_decision_problems
from ipdesk.domain.registry.rights import RightKind
from ipdesk.domain.shared.changes import NO_CHANGES, Changed, Changes
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import DomainError, NotFound, Problem, RuleRefusal, ValidationError
from ipdesk.services import audit
from ipdesk.services.notices.keys import OfficeKeys

# atomic_write, merge_pdfs, BatchReport: printing's, still importable from here (other contexts use them).
from ipdesk.services.notices.printing import BatchReport, NoticePrinter, atomic_write, merge_pdfs  # noqa: F401
from ipdesk.services.office.settings import OfficeService, SerialBlock, format_number, next_number
from ipdesk.services.pledges.commands import MAKER_KEY
from ipdesk.services.pledges.pending import pending_decision, prepare_in
from ipdesk.services.pledges.rows import pledge_state
from ipdesk.services.uow import UnitOfWork, changes_so_far, collect_changes, note, reading, reported, transaction
from ipdesk.storage.schema import (
    AuditHeadRow,
    AuditRow,
    NoticeRow,
    PendingDecisionRow,
    PledgeEventRow,
    PledgeRow,
    TrustedKeyRow,
)

if TYPE_CHECKING:
    from ipdesk.reports.common.seal import OfficeKey

register(
    {
        "notice.not_available": ("质押 {pledge} 当前没有可出具的{kind}：{why}",
                                 "pledge {pledge} has no {kind_en}: {why_en}"),
        "notice.unknown_serial": ("未找到编号为 {serial} 的通知书", "no notice with serial {serial}"),
        "notice.already_revoked": ("通知书 {serial} 已于 {at} 撤销", "notice {serial} was already revoked on {at}"),
        "notice.reason_required": ("撤销须说明理由", "a revocation needs a reason"),
        "notice.other_document": ("编号 {serial} 是{what}，不是通知书：请在{where}中查看或重印",
                                  "serial {serial} is a {what_en}, not a notice: view or reprint it from {where_en}"),
    }
)

KIND_NAMES = {
    NoticeKind.REGISTRATION: ("登记通知书", "registration notice"),
    NoticeKind.REFUSAL: ("不予登记通知书", "refusal notice"),
    NoticeKind.CORRECTION: ("补正通知书", "correction notice"),
    NoticeKind.CHANGE: ("变更通知书", "change notice"),
    NoticeKind.CANCELLATION: ("注销通知书", "cancellation notice"),
    NoticeKind.SEARCH_CERTIFICATE: ("查询证明", "search certificate"),
}
# The pledge event each notice documents; a pledge has at most one notice per event.
EVENT_OF_KIND = {
    NoticeKind.REGISTRATION: ("registered",),
    NoticeKind.REFUSAL: ("refused",),
    NoticeKind.CORRECTION: ("correction_notice",),
    NoticeKind.CHANGE: ("changed", "extended"),
    NoticeKind.CANCELLATION: ("cancelled",),
}
WHY_MISSING = {
    NoticeKind.REGISTRATION: ("尚未登记", "it is not registered"),
    NoticeKind.REFUSAL: ("未作出不予登记决定", "it was not refused"),
    NoticeKind.CORRECTION: ("未发出补正通知", "no correction was requested"),
    NoticeKind.CHANGE: ("没有变更或延期登记", "it has no change or extension"),
    NoticeKind.CANCELLATION: ("尚未注销", "it is not cancelled"),
}
CHANGE_FIELDS = {
    "secured_amount": "担保债权数额（元）", "debt_type": "被担保债权种类", "guarantee_scope": "担保范围",
    "pledgee_name": "质权人", "pledgor_names": "出质人", "performance_deadline": "债务履行期限",
    "pledge_term_end": "质押期限",
}


class StoredSigner:
    """Re-renders a stored notice with its original signature (Ed25519 is deterministic, but the office
    key may have been rotated since; the reprint must carry the original QR)."""

    def __init__(self, payload: str):
        parts = payload.split("|")
        self.key_id = parts[3]
        from ipdesk.reports.common.seal import unb64u

        self._signature = unb64u(parts[4])

    def sign(self, _data: bytes) -> bytes:
        return self._signature


@dataclass(frozen=True)
class IssuedNotice:
    serial: str
    kind: NoticeKind
    pledge_id: int | None
    payload: str
    issued_at: datetime
    revoked: bool
    document: Notice | SearchCertificate
    #: What the command that returned this notice changed (empty when read or issued before).
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)
    #: The signed canonical content as stored (what a batch worker renders from).
    content: str = field(default="", compare=False, repr=False)


#: Documents later contexts sign and log under the notices' serials (a disposal case's statements, a
#: marketplace deal's confirmation): what each is and where it is viewed and reprinted, for the clerk
#: who types its serial where a notice's is asked for.
OTHER_DOCUMENTS = {
    "settlement_statement": ("质押财产处置清偿分配表", "settlement statement", "处置案件", "its disposal case"),
    "transfer_confirmation": ("质押财产处置转让确认书", "transfer confirmation", "处置案件", "its disposal case"),
    "deal_confirmation": ("成交确认书", "transaction confirmation", "交易市场的成交记录",
                          "the marketplace deal"),
}


class NoticeService:
    """Issue, print, revoke and verify notices."""

    def __init__(self, engine: Engine, keys_dir: Path, *, clock: Clock | None = None,
                 passphrase: Callable[[], str | None] | None = None):
        self.engine = engine
        self.keys_dir = keys_dir
        self.clock: Clock = clock if clock is not None else OfficeClock()
        self.office = OfficeService(engine, self.clock)
        self.keys = OfficeKeys(engine, keys_dir, self.clock, passphrase)
        self.printer = NoticePrinter(self)

    # --- keys -------------------------------------------------------------------------------------
    @property
    def key(self) -> OfficeKey:
        """The office's Ed25519 key (ipdesk.services.notices.keys: created on first use, checked against
        the register's office keys on load, rotated, imported and retired by audited acts)."""
        return self.keys.key()

    def export_public_key(self, path: Path) -> str:
        """Every key the register used or trusts, with its validity period; returns the current key id."""
        self.keys.export_public(path)
        return self.key.key_id

    def trust_key(self, actor: Actor, pem: bytes, label: str = "") -> Changed[str]:
        """Trust another office's public key; the value is its key id (nothing changes if already trusted)."""
        import re

        from ipdesk.reports.common.seal import key_id_of, load_public_key

        actor.require(Action.ADMINISTER)
        # One key, or an export bundle of several (every key id an office used, each with its period).
        blocks = re.findall(rb"-----BEGIN PUBLIC KEY-----.+?-----END PUBLIC KEY-----", pem, flags=re.S) or [pem]
        try:
            keys = [(key_id_of(load_public_key(b)), b) for b in blocks]
        except (ValueError, TypeError) as exc:
            raise ValidationError(Problem("import.unreadable", "key", {"reason": str(exc)})) from exc
        with transaction(self.engine, self.clock) as session:
            for kid, block in keys:
                if session.get(TrustedKeyRow, kid) is None:
                    session.add(TrustedKeyRow(key_id=kid, public_pem=block.decode("ascii"), label=label))
                    note(session, "keys")
                    audit.record(session, actor, "key.trust", "key", None, f"信任公钥 {kid} {label}")
            changes = changes_so_far(session)
        return Changed(keys[0][0], changes)

    # --- building the document ------------------------------------------------------------------------
    def _event_for(self, session: Session, pledge: PledgeRow, kind: NoticeKind, event_id: int | None) -> PledgeEventRow:
        stmt = select(PledgeEventRow).where(PledgeEventRow.pledge_id == pledge.id,
                                            PledgeEventRow.kind.in_(EVENT_OF_KIND[kind]))
        if event_id is not None:
            stmt = stmt.where(PledgeEventRow.id == event_id)
        event = session.execute(stmt.order_by(PledgeEventRow.id.desc()).limit(1)).scalar_one_or_none()
        if event is None:
            zh, en = KIND_NAMES[kind]
            why_zh, why_en = WHY_MISSING[kind]
            raise RuleRefusal(Problem("notice.not_available", "kind", {
                "pledge": pledge.registration_no or pledge.application_no, "kind": zh, "kind_en": en,
                "why": why_zh, "why_en": why_en}))
        return event

    def build(self, session: Session, pledge: PledgeRow, kind: NoticeKind, event: PledgeEventRow,
              serial: str, issued_at: datetime, office_name: str | None = None) -> Notice:
        """What the notice states: the register as it stood right after the event it documents (the
        state frozen in the event), so a notice first printed later still states what was decided."""
        payload = json.loads(event.payload) if event.payload else {}
        state = payload.get("state") or pledge_state(session, pledge)
        rights = tuple(NoticeRight(r["number"], r["title"], RightKind(r["kind"]), date_or_none(r["filing_date"]),
                                   date_or_none(r["grant_date"])) for r in state["rights"])
        grounds: tuple[NoticeGround, ...] = ()
        corrections: tuple[str, ...] = ()
        changes: tuple[ChangeLine, ...] = ()
        if kind is NoticeKind.REFUSAL:
            grounds = tuple(NoticeGround(g["code"], g["article"], g["message"]) for g in payload.get("grounds", []))
        if kind is NoticeKind.CORRECTION:
            corrections = tuple(i["message"] for i in payload.get("items", []))
        if kind is NoticeKind.CHANGE:
            if event.kind == "changed":
                lines = payload.get("changes", [])
            else:
                lines = [{"field": k, "before": payload["before"].get(k), "after": payload["after"].get(k)}
                         for k in payload.get("after", {}) if payload["before"].get(k) != payload["after"].get(k)]
            changes = tuple(ChangeLine(CHANGE_FIELDS.get(c["field"], c["field"]), str(c["before"] or ""),
                                       str(c["after"] or "")) for c in lines)
        trigger = ""
        if kind is NoticeKind.CANCELLATION and pledge.cancellation_trigger:
            trigger = CANCELLATION_TRIGGER_LABELS[CancellationTrigger(pledge.cancellation_trigger)][0]
        def party(p: dict[str, Any] | None) -> NoticeParty | None:
            return NoticeParty(p["name"], p["uscc"], p["address"]) if p else None

        return Notice(
            kind=kind, serial=serial, issued_at=issued_at,
            office_name=self.office.settings(session).office_name if office_name is None else office_name,
            issued_on=self.clock.local(issued_at).date(), registration_no=state["registration_no"] or "",
            application_no=state["application_no"],
            pledgors=tuple(p for p in (party(x) for x in state["pledgors"]) if p),
            pledgee=party(state["pledgee"]), debtor=party(state["debtor"]),
            rights=rights, secured_amount=Decimal(state["secured_amount"]), application_date=pledge.application_date,
            effective_date=date_or_none(state["registered_on"]) if kind is not NoticeKind.REFUSAL else None,
            change_date=event.on_date if kind is NoticeKind.CHANGE else None,
            performance_deadline=date_or_none(state["performance_deadline"]),
            cancellation_date=pledge.cancelled_on if kind is NoticeKind.CANCELLATION else None,
            correction_deadline=date_or_none(payload.get("deadline")) if kind is NoticeKind.CORRECTION else None,
            grounds=grounds, corrections=corrections, changes=changes, cancellation_trigger=trigger,
        )

    # --- issuing ------------------------------------------------------------------------------------
    def issue(self, actor: Actor, pledge_id: int, kind: NoticeKind | str, event_id: int | None = None) -> IssuedNotice:
        """The notice of ``kind`` for the pledge's latest matching event: issued now, or the one issued
        before (same serial, same content)."""
        actor.require(Action.PRINT_NOTICES)
        kind = NoticeKind(kind)
        if kind is NoticeKind.SEARCH_CERTIFICATE:
            raise ValueError("search certificates are issued by RegisterSearch.certificate")
        with collect_changes() as first_use:
            self.keys.for_signing()  # loaded and checked first: a refused key file issues nothing
        with transaction(self.engine, self.clock) as session:
            # Lock the pledge: two clerks printing the same decision at once must get one serial.
            pledge = session.get(PledgeRow, pledge_id, with_for_update=True)
            if pledge is None:
                raise NotFound(Problem("not_found", params={"what": "质押", "key": pledge_id}))
            if first_use.changes.keys:
                note(session, "keys")  # this command brought the office key into use
            event = self._event_for(session, pledge, kind, event_id)
            row = session.execute(select(NoticeRow).where(
                NoticeRow.pledge_id == pledge.id, NoticeRow.kind == kind.value, NoticeRow.event_id == event.id
            )).scalar_one_or_none()
            if row is None:
                now = self.clock.now().replace(microsecond=0)
                serial = self._next_serial(session, now)
                notice = replace(self.build(session, pledge, kind, event, serial, now),
                                 audit_position=audit_position(session), decision_entry=decision_entry(session, event))
                row = self._store(session, actor, notice, pledge.id, event.id)
                audit.record(session, actor, "notice.issue", "pledge", pledge.id,
                             f"出具{KIND_NAMES[kind][0]} {serial}", None, {"serial": serial, "digest": row.digest})
            return reported(session, self._issued(row))

    def issue_many(self, actor: Actor, pledge_ids: list[int], kind: NoticeKind | str
                   ) -> list[tuple[int, IssuedNotice | Problem]]:
        """:meth:`issue` for many pledges in one transaction (a batch's chunk): each pledge's notice of
        ``kind`` for its latest matching event, or the problem that leaves it without one. The pledges,
        their events and their notices are read once for all; each new notice is stored and audited as
        :meth:`issue` does, anchored at the audit head committed before this transaction."""
        actor.require(Action.PRINT_NOTICES)
        kind = NoticeKind(kind)
        with collect_changes() as first_use:
            self.keys.for_signing()  # loaded and checked first: a refused key file issues nothing
        with transaction(self.engine, self.clock) as session:
            if first_use.changes.keys:
                note(session, "keys")
            wanted = sorted(set(pledge_ids))  # locked in id order: two batches never wait on each other in a ring
            pledges = {p.id: p for p in session.execute(
                select(PledgeRow).where(PledgeRow.id.in_(wanted)).order_by(PledgeRow.id).with_for_update()).scalars()}
            events: dict[int, PledgeEventRow] = {}
            for found in session.execute(select(PledgeEventRow).where(
                    PledgeEventRow.pledge_id.in_(wanted), PledgeEventRow.kind.in_(EVENT_OF_KIND[kind]))
                    .order_by(PledgeEventRow.id.desc())).scalars():
                events.setdefault(found.pledge_id, found)  # the latest
            stored = {(r.pledge_id, r.event_id): r for r in session.execute(select(NoticeRow).where(
                NoticeRow.pledge_id.in_(wanted), NoticeRow.kind == kind.value)).scalars()}
            anchor = audit_position(session)  # before this transaction's first entry moves the head
            # read once for the chunk: the office's settings, the serial numbers, the decisions' entries
            settings = self.office.settings(session)
            fresh = {pid: events[pid] for pid in pledge_ids if pid in pledges and pid in events
                     and (pid, events[pid].id) not in stored}
            serials = SerialBlock(session, settings.notice_serial_format, len(fresh))
            entries = decision_entries(session, list(fresh.values()))
            out: list[tuple[int, IssuedNotice | Problem]] = []
            for pid in pledge_ids:
                pledge, event = pledges.get(pid), events.get(pid)
                if pledge is None:
                    out.append((pid, Problem("not_found", params={"what": "质押", "key": pid})))
                    continue
                if event is None:
                    try:
                        self._event_for(session, pledge, kind, None)  # raises the refusal naming why
                    except DomainError as err:
                        out.append((pid, err.problems[0]))
                    continue
                row = stored.get((pid, event.id))
                if row is None:
                    now = self.clock.now().replace(microsecond=0)
                    serial = serials.take(self.clock.local(now).year)
                    notice = replace(self.build(session, pledge, kind, event, serial, now, settings.office_name),
                                     audit_position=anchor, decision_entry=entries[event.id])
                    row = stored[(pid, event.id)] = self._store(session, actor, notice, pid, event.id, flush=False)
                    audit.record(session, actor, "notice.issue", "pledge", pid,
                                 f"出具{KIND_NAMES[kind][0]} {serial}", None, {"serial": serial, "digest": row.digest})
                out.append((pid, self._issued(row)))
            serials.close()  # numbers reserved but not used (a year ended mid-chunk) go back
        return out

    def _next_serial(self, session: Session, now: datetime) -> str:
        settings = self.office.settings(session)
        year = self.clock.local(now).year  # the office's year: 31 December 17:00Z is already next year in Beijing
        return format_number(settings.notice_serial_format, year, next_number(session, "notice", year))

    def _store(self, session: Session, actor: Actor, doc: Notice | SearchCertificate, pledge_id: int | None,
               event_id: int | None, flush: bool = True) -> NoticeRow:
        """Store a signed document (``flush=False``: a batch's rows are inserted together when it flushes)."""
        from ipdesk.reports.common.seal import make_payload

        content = canonical_content(doc)
        digest = digest_of(content)  # = content_digest(doc), the content serialised once
        row = NoticeRow(serial=doc.serial, kind=doc.kind.value, pledge_id=pledge_id, event_id=event_id,
                        issued_at=doc.issued_at, issued_by=actor.username, content=content.decode("utf-8"),
                        digest=digest, key_id=self.key.key_id, payload=make_payload(doc.serial, digest, self.key))
        session.add(row)
        if flush:
            session.flush()
        note(session, "notices", row.serial)
        return row

    @staticmethod
    def _issued(row: NoticeRow) -> IssuedNotice:
        if row.kind in OTHER_DOCUMENTS:  # shares the serials, not the notices' content or renderer
            what, what_en, where, where_en = OTHER_DOCUMENTS[row.kind]
            raise RuleRefusal(Problem("notice.other_document", "serial", {
                "serial": row.serial, "what": what, "what_en": what_en, "where": where, "where_en": where_en}))
        return IssuedNotice(row.serial, NoticeKind(row.kind), row.pledge_id, row.payload, row.issued_at,
                            row.revoked_at is not None, from_canonical(row.content.encode("utf-8")),
                            content=row.content)

    def get(self, serial: str) -> IssuedNotice:
        """The notice of ``serial``; the serial of another signed document (a disposal statement, a deal's
        confirmation) is refused with what it is and where it is reprinted."""
        with reading(self.engine) as session:
            return self._issued(self.by_serial(session, serial))

    def by_serial(self, session: Session, serial: str) -> NoticeRow:
        row = session.execute(select(NoticeRow).where(NoticeRow.serial == serial.strip())).scalar_one_or_none()
        if row is None:
            raise NotFound(Problem("notice.unknown_serial", "serial", {"serial": serial}))
        return row

    def notices_of(self, pledge_id: int) -> list[IssuedNotice]:
        with reading(self.engine) as session:
            query = select(NoticeRow).where(NoticeRow.pledge_id == pledge_id).order_by(NoticeRow.id)
            rows = session.execute(query).scalars()
            return [self._issued(r) for r in rows]

    def pledges_with(self, kind: NoticeKind | str, start: date | None = None, end: date | None = None) -> list[int]:
        """Ids of the pledges that have a ``kind`` notice to print (their event on ``start``..``end``, the
        legal date), in id order: a month-end batch."""
        query = (select(PledgeEventRow.pledge_id).distinct()
                 .where(PledgeEventRow.kind.in_(EVENT_OF_KIND[NoticeKind(kind)])).order_by(PledgeEventRow.pledge_id))
        if start is not None:
            query = query.where(PledgeEventRow.on_date >= start)
        if end is not None:
            query = query.where(PledgeEventRow.on_date <= end)
        with reading(self.engine) as session:
            return [int(i) for i in session.execute(query).scalars()]

    def available_kinds(self, pledge_id: int) -> list[NoticeKind]:
        """The notices this pledge has (what the print menu offers)."""
        with reading(self.engine) as session:
            query = select(PledgeEventRow.kind).where(PledgeEventRow.pledge_id == pledge_id)
            kinds = set(session.execute(query).scalars())
        return [k for k, events in EVENT_OF_KIND.items() if kinds & set(events)]

    # --- rendering and printing (ipdesk.services.notices.printing) ---------------------------------------
    def render(self, issued: IssuedNotice) -> bytes:
        return self.printer.render(issued)

    def print_notice(self, actor: Actor, pledge_id: int, kind: NoticeKind | str, out: Path) -> IssuedNotice:
        """Issue (or reuse) and write the PDF atomically; logs the print or reprint."""
        return self.printer.print_notice(actor, pledge_id, kind, out)

    def reprint(self, actor: Actor, serial: str, out: Path) -> IssuedNotice:
        return self.printer.reprint(actor, serial, out)

    def printed(self, actor: Actor, serial: str, printer: str) -> IssuedNotice:
        """Log that the notice was sent to ``printer`` (through the print dialog: no file is written here)."""
        return self.printer.printed(actor, serial, printer)

    def print_batch(self, actor: Actor, pledge_ids: Iterable[int], kind: NoticeKind | str, *,
                    folder: Path | None = None, merged: Path | None = None,
                    progress: Callable[[int, int, str], bool | None] | None = None,
                    workers: int = 1) -> BatchReport:
        """Print the ``kind`` notice of many pledges into ``folder`` (one file each) or one ``merged`` PDF,
        rendered on ``workers`` processes.

        ``progress(done, total, pledge id)`` returning True cancels. A pledge without that notice is skipped
        with the reason; a write failure (full disk, unwritable folder) stops the batch and is reported,
        files already written stay complete, and no partial file is left behind.
        """
        return self.printer.print_batch(actor, pledge_ids, kind, folder=folder, merged=merged, progress=progress,
                                        workers=workers)

    # --- revocation and verification ----------------------------------------------------------------
    def revoke(self, actor: Actor, serial: str, reason: str) -> Changes:
        actor.require(Action.REVOKE_NOTICE)
        if not reason.strip():
            raise ValidationError(Problem("notice.reason_required", "reason"))
        with transaction(self.engine, self.clock) as session:
            row = self._revocable(session, serial)
            if self.office.settings(session).maker_checker:
                if row.pledge_id is None:
                    self._no_second_revocation(session, row.serial)
                prepare_in(session, actor, DecisionKind.REVOKE_NOTICE, row.pledge_id,
                           {"serial": row.serial, "reason": reason.strip()}, f"撤销通知书 {row.serial}")
            else:
                self._revoke_row(session, actor, row, reason.strip())
            return changes_so_far(session)

    def revoke_confirmed_in(self, uow: UnitOfWork, actor: Actor, params: dict[str, Any]) -> None:
        """The confirmer of a prepared revocation (``PledgeService.confirm`` runs it under the approver)."""
        self._revoke_row(uow, actor, self._revocable(uow, params["serial"]), params["reason"])

    def _revocable(self, session: Session, serial: str) -> NoticeRow:
        row = self.by_serial(session, serial)
        if row.revoked_at is not None:
            raise RuleRefusal(Problem("notice.already_revoked", "serial", {"serial": serial, "at": row.revoked_at}))
        return row

    @staticmethod
    def _no_second_revocation(session: Session, serial: str) -> None:
        """A certificate (no pledge) awaiting revocation takes no second one (a pledge's notice: its pledge's
        one pending decision covers it)."""
        for found in session.execute(select(PendingDecisionRow).where(
                PendingDecisionRow.status == DecisionStatus.PENDING.value,
                PendingDecisionRow.kind == DecisionKind.REVOKE_NOTICE.value)).scalars():
            decision = pending_decision(found)
            if decision.params.get("serial") == serial:
                raise RuleRefusal(second_decision_problems(decision))

    def _revoke_row(self, session: Session, actor: Actor, row: NoticeRow, reason: str) -> None:
        row.revoked_at = self.clock.now()
        row.revoked_by = actor.username
        row.revoked_reason = reason
        maker = session.info.get(MAKER_KEY)
        names = f"（经办 {maker}，审核 {actor.username}）" if maker is not None else ""
        audit.record(session, actor, "notice.revoke", "pledge", row.pledge_id,
                     f"撤销通知书 {row.serial}：{reason}{names}", None,
                     {"serial": row.serial, **both_names(maker, actor.username)} if maker is not None else None)
        note(session, "notices", row.serial)

    def _registry(self) -> tuple[dict[str, Any], set[str], dict[str, str]]:
        with reading(self.engine) as session:
            keys = {k.key_id: k.public_pem.encode("ascii") for k in session.execute(select(TrustedKeyRow)).scalars()}
            rows = session.execute(select(NoticeRow.serial, NoticeRow.digest, NoticeRow.revoked_at)).all()
        return keys, {s for s, _d, r in rows if r is not None}, {s: d for s, d, _r in rows}

    def verify_text(self, payload: str, content: bytes | None = None):
        """Verify a scanned or pasted QR text (offline: the local register and trusted keys)."""
        from ipdesk.reports.common.seal import verify_payload

        keys, revoked, known = self._registry()
        result = self._within_period(verify_payload(payload.strip(), content, keys, revoked, known))
        if content is None and result.code == "verify.genuine_unchecked":
            # What the code alone proves, and the register's copy of the content for the clerk to compare.
            with reading(self.engine) as session:
                row = self.by_serial(session, result.serial)
                stored = json.loads(row.content)
            result = replace(result, code="verify.qr_only", register_content=stored)
        return result

    def verify_file(self, pdf: Path):
        from ipdesk.reports.notices.verification import verify_pdf

        keys, revoked, known = self._registry()
        return self._within_period(verify_pdf(pdf, keys, revoked, known))

    def _within_period(self, result: Any) -> Any:
        """A genuine signature by a retired key counts only for what it signed while it was valid."""
        from ipdesk.reports.common.seal import VerifyStatus

        if not result.ok:
            return result
        with reading(self.engine) as session:
            row = session.execute(select(NoticeRow).where(NoticeRow.serial == result.serial)).scalar_one_or_none()
            key = session.get(TrustedKeyRow, row.key_id) if row is not None else None
            if key is None or key.valid_until is None or row is None or row.issued_at <= key.valid_until:
                return result
        return replace(result, status=VerifyStatus.UNKNOWN, code="verify.key_retired",
                       params={**result.params, "at": key.valid_until})


def audit_position(session: Session) -> str:
    """The audit chain's committed head ("seq:hash") as this transaction sees it: what the notice anchors."""
    head = session.get(AuditHeadRow, 1)
    return f"{head.seq}:{head.hash}" if head is not None else ""


def decision_entry(session: Session, event: PledgeEventRow) -> str:
    """The audit entry ("seq:hash") that recorded the event a notice documents: the paper names the act it
    proves, not only how long the log was. Empty for events from before events knew their entry."""
    return decision_entries(session, [event])[event.id]


def decision_entries(session: Session, events: list[PledgeEventRow]) -> dict[int, str]:
    """:func:`decision_entry` of each event (by event id), the entries read in one query."""
    seqs = {e.id: (json.loads(e.payload) if e.payload else {}).get("audit_seq") for e in events}
    wanted = {s for s in seqs.values() if isinstance(s, int)}
    found = {r.seq: r for r in session.execute(select(AuditRow).where(AuditRow.seq.in_(wanted))).scalars()
             } if wanted else {}
    out = {}
    for e in events:
        seq = seqs[e.id]
        entry = found.get(seq) if isinstance(seq, int) else None
        ok = entry is not None and entry.entity_type == "pledge" and entry.entity_id == e.pledge_id and entry.hash
        out[e.id] = f"{entry.seq}:{entry.hash}" if ok and entry is not None else ""
    return out


def date_or_none(text: Any):
    from datetime import date

    return date.fromisoformat(text) if text else None


