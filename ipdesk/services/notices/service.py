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
    content_digest,
    from_canonical,
)
from ipdesk.domain.pledges.application import CANCELLATION_TRIGGER_LABELS, CancellationTrigger
from ipdesk.domain.pledges.maker_checker import DecisionKind, DecisionStatus, both_names, second_decision_problems
from ipdesk.domain.registry.rights import RightKind
from ipdesk.domain.shared.changes import NO_CHANGES, Changed, Changes
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.files import write_atomically
from ipdesk.domain.shared.messages import Message, register
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import DomainError, NotFound, Problem, RuleRefusal, ValidationError
from ipdesk.services import audit
from ipdesk.services.notices.keys import OfficeKeys
from ipdesk.services.office.settings import OfficeService, format_number, next_number
from ipdesk.services.pledges.commands import MAKER_KEY
from ipdesk.services.pledges.pending import pending_decision, prepare_in
from ipdesk.services.pledges.rows import pledge_state
from ipdesk.services.uow import UnitOfWork, changes_so_far, collect_changes, note, reading, reported, transaction
from ipdesk.storage.schema import (
    AuditHeadRow,
    AuditRow,
    NoticePrintRow,
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
        "notice.write_failed": ("写入 {path} 失败：{reason}", "writing {path} failed: {reason}"),
        "notice.cancelled": ("已取消", "cancelled"),
        "notice.batch.summary": ("已打印 {printed} 份通知书{skipped}{failed}{cancelled}",
                                 "printed {printed} notices{skipped}{failed}{cancelled}"),
        "notice.batch.skipped": ("，{n} 份跳过", ", {n} skipped"),
        "notice.batch.failed": ("，{n} 份失败：{failures}", ", {n} failed: {failures}"),
        "notice.batch.failure": ("{key}：{reason}", "{key}: {reason}"),
        "notice.batch.cancelled": ("（已取消）", " (cancelled)"),
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


@dataclass
class BatchReport:
    """What a batch printing did: files written, failures (file, OS reason), skips (pledge, the problem
    that made it skip), whether it was cancelled."""

    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    skipped: list[tuple[str, Problem]] = field(default_factory=list)
    cancelled: bool = False
    #: The notices issued and printed, with their audit entries.
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)

    def summary(self) -> Message:
        """The one-line summary (已打印 N 份通知书，M 份跳过…), rendered by the reader's front end."""
        failures = [Message("notice.batch.failure", {"key": k, "reason": v}) for k, v in self.failed[:5]]
        return Message("notice.batch.summary", {
            "printed": len(self.written),
            "skipped": Message("notice.batch.skipped", {"n": len(self.skipped)}) if self.skipped else "",
            "failed": Message("notice.batch.failed", {"n": len(self.failed), "failures": failures}) if failures else "",
            "cancelled": Message("notice.batch.cancelled") if self.cancelled else "",
        })


def atomic_write(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder and rename: never a half-written file (a failure names
    ``path``, not the temporary)."""
    write_atomically(path, data)


class NoticeService:
    """Issue, print, revoke and verify notices."""

    def __init__(self, engine: Engine, keys_dir: Path, *, clock: Clock | None = None,
                 passphrase: Callable[[], str | None] | None = None):
        self.engine = engine
        self.keys_dir = keys_dir
        self.clock: Clock = clock if clock is not None else OfficeClock()
        self.office = OfficeService(engine, self.clock)
        self.keys = OfficeKeys(engine, keys_dir, self.clock, passphrase)

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
              serial: str, issued_at: datetime) -> Notice:
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
            kind=kind, serial=serial, office_name=self.office.settings(session).office_name, issued_at=issued_at,
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

    def _next_serial(self, session: Session, now: datetime) -> str:
        settings = self.office.settings(session)
        year = self.clock.local(now).year  # the office's year: 31 December 17:00Z is already next year in Beijing
        return format_number(settings.notice_serial_format, year, next_number(session, "notice", year))

    def _store(self, session: Session, actor: Actor, doc: Notice | SearchCertificate, pledge_id: int | None,
               event_id: int | None) -> NoticeRow:
        from ipdesk.reports.common.seal import sign_document

        content = canonical_content(doc)
        row = NoticeRow(serial=doc.serial, kind=doc.kind.value, pledge_id=pledge_id, event_id=event_id,
                        issued_at=doc.issued_at, issued_by=actor.username, content=content.decode("utf-8"),
                        digest=content_digest(doc), key_id=self.key.key_id, payload=sign_document(doc, self.key))
        session.add(row)
        session.flush()
        note(session, "notices", row.serial)
        return row

    @staticmethod
    def _issued(row: NoticeRow) -> IssuedNotice:
        return IssuedNotice(row.serial, NoticeKind(row.kind), row.pledge_id, row.payload, row.issued_at,
                            row.revoked_at is not None, from_canonical(row.content.encode("utf-8")))

    def get(self, serial: str) -> IssuedNotice:
        with reading(self.engine) as session:
            return self._issued(self._by_serial(session, serial))

    def _by_serial(self, session: Session, serial: str) -> NoticeRow:
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

    # --- rendering and printing ------------------------------------------------------------------------
    def render(self, issued: IssuedNotice) -> bytes:
        import io

        from ipdesk.reports.notices.notice_pdf import render_notice
        from ipdesk.reports.notices.search_certificate_pdf import render_search_certificate

        buf = io.BytesIO()
        signer = StoredSigner(issued.payload)
        if isinstance(issued.document, SearchCertificate):
            render_search_certificate(issued.document, signer, buf)
        else:
            render_notice(issued.document, signer, buf)
        return buf.getvalue()

    def _log_print(self, actor: Actor, serial: str, destination: str) -> bool:
        with transaction(self.engine, self.clock) as session:
            row = self._by_serial(session, serial)
            earlier = select(NoticePrintRow.id).where(NoticePrintRow.notice_id == row.id).limit(1)
            printed_before = session.execute(earlier).first()
            session.add(NoticePrintRow(notice_id=row.id, printed_by=actor.username, reprint=printed_before is not None,
                                       destination=destination))
            note(session, "notices", serial)  # its print log grew
            if printed_before is not None:
                audit.record(session, actor, "notice.reprint", "pledge", row.pledge_id, f"重印 {serial}")
            return printed_before is not None

    def print_notice(self, actor: Actor, pledge_id: int, kind: NoticeKind | str, out: Path) -> IssuedNotice:
        """Issue (or reuse) and write the PDF atomically; logs the print or reprint."""
        with collect_changes() as seen:  # two transactions: the issue and the print log
            issued = self.issue(actor, pledge_id, kind)
            self._write(out, self.render(issued))
            self._log_print(actor, issued.serial, str(out))
        return replace(issued, changes=seen.changes)

    def reprint(self, actor: Actor, serial: str, out: Path) -> IssuedNotice:
        actor.require(Action.PRINT_NOTICES)
        issued = self.get(serial)
        self._write(out, self.render(issued))
        with collect_changes() as seen:
            self._log_print(actor, serial, str(out))
        return replace(issued, changes=seen.changes)

    def printed(self, actor: Actor, serial: str, printer: str) -> IssuedNotice:
        """Log that the notice was sent to ``printer`` (through the print dialog: no file is written here)."""
        actor.require(Action.PRINT_NOTICES)
        issued = self.get(serial)
        with collect_changes() as seen:
            self._log_print(actor, serial, f"printer:{printer}")
        return replace(issued, changes=seen.changes)

    @staticmethod
    def _write(out: Path, data: bytes) -> None:
        try:
            atomic_write(out, data)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise RuleRefusal(Problem("notice.write_failed", "out", {"path": str(out), "reason": reason})) from exc

    def print_batch(self, actor: Actor, pledge_ids: Iterable[int], kind: NoticeKind | str, *,
                    folder: Path | None = None, merged: Path | None = None,
                    progress: Callable[[int, int, str], bool | None] | None = None) -> BatchReport:
        """Print the ``kind`` notice of many pledges into ``folder`` (one file each) or one ``merged`` PDF.

        ``progress(done, total, pledge id)`` returning True cancels. A pledge without that notice is skipped
        with the reason; a write failure (full disk, unwritable folder) stops the batch and is reported,
        files already written stay complete, and no partial file is left behind.
        """
        with collect_changes() as seen:  # one issue and one print-log transaction per notice
            report = self._print_each(actor, list(pledge_ids), kind, folder, merged, progress)
        report.changes = seen.changes
        return report

    def _print_each(self, actor: Actor, ids: list[int], kind: NoticeKind | str, folder: Path | None,
                    merged: Path | None, progress: Callable[[int, int, str], bool | None] | None) -> BatchReport:
        report = BatchReport()
        parts: list[bytes] = []
        for i, pid in enumerate(ids, start=1):
            if progress and progress(i - 1, len(ids), str(pid)):
                report.cancelled = True
                break
            try:
                issued = self.issue(actor, pid, kind)
                data = self.render(issued)
            except DomainError as err:
                report.skipped.append((str(pid), err.problems[0]))
                continue
            name = f"{issued.serial}-{NoticeKind(kind).value}.pdf"
            if merged is not None:
                parts.append(data)
                self._log_print(actor, issued.serial, str(merged))
                continue
            assert folder is not None
            target = folder / name
            try:
                atomic_write(target, data)
            except OSError as exc:
                report.failed.append((issued.serial, exc.strerror or str(exc)))
                break
            self._log_print(actor, issued.serial, str(target))
            report.written.append(target)
        if merged is not None:
            report.written = []  # nothing is on disk until the merged file is
            if parts and not report.cancelled:
                try:
                    atomic_write(merged, merge_pdfs(parts))
                    report.written = [merged] * len(parts)
                except OSError as exc:
                    report.failed.append((merged.name, exc.strerror or str(exc)))
        if progress:
            progress(len(ids), len(ids), "")  # the summary is the report's: the front end renders it
        return report

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
        row = self._by_serial(session, serial)
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
                row = self._by_serial(session, result.serial)
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
    seq = (json.loads(event.payload) if event.payload else {}).get("audit_seq")
    entry = (session.execute(select(AuditRow).where(AuditRow.seq == seq)).scalar_one_or_none()
             if isinstance(seq, int) else None)
    if entry is None or entry.entity_type != "pledge" or entry.entity_id != event.pledge_id or not entry.hash:
        return ""
    return f"{entry.seq}:{entry.hash}"


def merge_pdfs(parts: list[bytes]) -> bytes:
    import io

    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for data in parts:
        writer.append(PdfReader(io.BytesIO(data)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def date_or_none(text: Any):
    from datetime import date

    return date.fromisoformat(text) if text else None


