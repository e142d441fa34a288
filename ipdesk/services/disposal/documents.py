"""Issuing a disposal case's signed documents: the settlement statement once the case is settled, the
transfer confirmation once the transfer is recorded. Each is issued once (a second request returns the same
serial and content), signed with the office key, kept in the notices' issue log (so ``ipdesk verify`` and
the 验证 page check it like a notice) and named on the case's document list by its serial."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ipdesk.domain.disposal.documents import DisposalDocument, DocumentKind, Line, TransferredRight, from_canonical
from ipdesk.domain.disposal.stages import ROUTES, Route, Stage
from ipdesk.domain.disposal.waterfall import HEAD_LABELS, Head
from ipdesk.domain.funds.schemes import parse_scheme, party_label
from ipdesk.domain.notices.notice import canonical_content, digest_of
from ipdesk.domain.shared.changes import NO_CHANGES, Changes
from ipdesk.domain.shared.clock import Clock, OfficeClock
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import Problem, RuleRefusal
from ipdesk.services import audit
from ipdesk.services.disposal.records import settlement_row
from ipdesk.services.notices.service import NoticeService, StoredSigner, audit_position
from ipdesk.services.office.settings import format_number, next_number
from ipdesk.services.uow import changes_so_far, collect_changes, note, reading, transaction
from ipdesk.services.users.scoping import get_scoped
from ipdesk.storage.disposal.tables import DisposalCaseRow, DisposalDocumentRow, DisposalStepRow
from ipdesk.storage.loans.tables import LoanRow
from ipdesk.storage.schema import NoticeRow, PartyRow, PledgeRow, RightRow, RightTransactionRow

register({
    "disposal.document_not_yet": ("处置案件 {case} 尚不能出具{title}（{why}）",
                                  "case {case} cannot issue the {title} yet ({why})"),
})
#: The stage whose document list names an issued document, and the code it is listed under.
_LISTED = {DocumentKind.SETTLEMENT_STATEMENT: (Stage.SETTLEMENT, "settlement_statement"),
           DocumentKind.TRANSFER_CONFIRMATION: (Stage.TRANSFER, "transfer_confirmation")}


@dataclass(frozen=True)
class IssuedDocument:
    serial: str
    payload: str
    document: DisposalDocument
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)


class DisposalDocuments:
    def __init__(self, engine: Engine, notices: NoticeService, *, clock: Clock | None = None):
        self.engine = engine
        self.notices = notices
        self.clock: Clock = clock if clock is not None else OfficeClock()

    def issue(self, actor: Actor, case_id: int, kind: DocumentKind | str) -> IssuedDocument:
        actor.require(Action.PRINT_NOTICES)
        kind = DocumentKind(kind)
        with collect_changes() as first_use:
            self.notices.keys.for_signing()  # a refused key file issues nothing
        with transaction(self.engine, self.clock) as session:
            row = get_scoped(session, DisposalCaseRow, case_id, actor, what="处置案件", lock=True)
            if first_use.changes.keys:
                note(session, "keys")
            stage, code = _LISTED[kind]
            listed = select(DisposalDocumentRow.reference).where(DisposalDocumentRow.case_id == row.id,
                                                                 DisposalDocumentRow.code == code)
            stored = session.execute(select(NoticeRow).where(NoticeRow.serial.in_(listed),
                                                             NoticeRow.kind == kind.value)).scalars().first()
            if stored is not None:  # issued before: the same document again
                return IssuedDocument(stored.serial, stored.payload, from_canonical(stored.content.encode("utf-8")))
            now = self.clock.now().replace(microsecond=0)
            settings = self.notices.office.settings(session)
            year = self.clock.local(now).year
            serial = format_number(settings.notice_serial_format, year, next_number(session, "notice", year))
            doc = self._build(session, row, kind, serial, now, settings.office_name)
            content = canonical_content(doc)  # type: ignore[arg-type]  # signed like a notice
            digest = digest_of(content)
            from ipdesk.reports.common.seal import make_payload

            payload = make_payload(serial, digest, self.notices.key)
            # In the notices' issue log (no pledge: the pledge's notice list shows only its notices).
            session.add(NoticeRow(serial=serial, kind=kind.value, pledge_id=None, event_id=None, issued_at=now,
                                  issued_by=actor.username, content=content.decode("utf-8"), digest=digest,
                                  key_id=self.notices.key.key_id, payload=payload))
            session.add(DisposalDocumentRow(case_id=row.id, stage=stage.value, code=code, reference=serial,
                                            on_date=self.clock.today(), actor=actor.username))
            session.flush()
            note(session, "notices", serial)
            row.version += 1
            audit.record(session, actor, f"disposal.issue.{kind.value}", "disposal_case", row.id,
                         f"出具{doc.title[0]} {serial}", None, {"serial": serial, "digest": digest})
            return IssuedDocument(serial, payload, doc, changes_so_far(session))

    def render(self, issued: IssuedDocument) -> bytes:
        """The PDF of an issued document, with its original signature (a reprint is the same document)."""
        from ipdesk.reports.disposal.statements_pdf import render_disposal_document

        buf = io.BytesIO()
        render_disposal_document(issued.document, StoredSigner(issued.payload), buf)
        return buf.getvalue()

    def get(self, serial: str) -> IssuedDocument:
        with reading(self.engine) as session:
            row = session.execute(select(NoticeRow).where(NoticeRow.serial == serial.strip())).scalar_one()
            return IssuedDocument(row.serial, row.payload, from_canonical(row.content.encode("utf-8")))

    # --- the document's content ------------------------------------------------------------------
    def _build(self, session: Session, row: DisposalCaseRow, kind: DocumentKind, serial: str, now: Any,
               office: str) -> DisposalDocument:
        pledge = session.get(PledgeRow, row.pledge_id)
        loan = session.get(LoanRow, row.loan_id)
        assert pledge is not None and loan is not None
        buyer = session.get(PartyRow, row.buyer_party_id) if row.buyer_party_id else None
        debtor = session.get(PartyRow, loan.borrower_id)
        base: dict[str, Any] = dict(
            kind=kind, serial=serial, office_name=office, issued_at=now, issued_on=self.clock.today(),
            case_no=row.case_no, registration_no=pledge.registration_no or "", pledgors=pledge.pledgor_names,
            pledgee=pledge.pledgee_name, debtor=debtor.name if debtor else "", loan_no=loan.loan_no,
            route=ROUTES[Route(row.route)].label[0] if row.route else "", buyer=buyer.name if buyer else "",
            price=f"{row.price:.2f}" if row.price is not None else "", deal_on=row.deal_on,
            audit_position=audit_position(session))
        if kind is DocumentKind.SETTLEMENT_STATEMENT:
            settled = settlement_row(session, row.id)
            if settled is None:
                raise RuleRefusal(Problem("disposal.document_not_yet", "case", {
                    "case": row.case_no, "title": "清偿分配表", "title_en": "settlement statement",
                    "why": "尚未清偿分配", "why_en": "not settled"}))
            lines = json.loads(settled.lines)
            heads = [Head(h) for h in lines["order"]]
            sharing = lines.get("loss_sharing")
            fund = None
            if row.fund_id is not None:
                from ipdesk.storage.funds.tables import FundRow

                fund = session.get(FundRow, row.fund_id)
            return DisposalDocument(
                **base, settled_on=settled.settled_on, proceeds=lines["proceeds"],
                claim=tuple(Line(HEAD_LABELS[h][0], lines["claim"][h.value]) for h in heads),
                paid=tuple(Line(HEAD_LABELS[h][0], lines["waterfall"][h.value]) for h in heads),
                surplus_to_pledgor=lines["waterfall"]["surplus_to_pledgor"],
                shortfall=lines["waterfall"]["shortfall"]["total"], claim_on_debtor=lines["claim_on_debtor"],
                claim_on_pledgor=lines["claim_on_pledgor"], scheme=sharing["scheme"] if sharing else "",
                fund=fund.name if fund is not None else "",
                shares=tuple(Line(party_label(p), sharing["shares"][p]) for p in parse_scheme(row.scheme).parties)
                if sharing else (),
                pool_paid=sharing["pool_paid"] if sharing and sharing["pool_paid"] != "0.00" else "")
        step = session.execute(select(DisposalStepRow).where(
            DisposalStepRow.case_id == row.id, DisposalStepRow.kind == "advance",
            DisposalStepRow.from_stage == Stage.TRANSFER.value)).scalars().first()
        if step is None:
            raise RuleRefusal(Problem("disposal.document_not_yet", "case", {
                "case": row.case_no, "title": "处置转让确认书", "title_en": "transfer confirmation",
                "why": "尚未转让登记", "why_en": "the transfer is not recorded"}))
        facts = json.loads(step.facts)
        rights = []
        for tx_id, right_id in zip(facts["transactions"], facts["rights"], strict=True):
            tx = session.get(RightTransactionRow, tx_id)
            right = session.get(RightRow, right_id)
            assert tx is not None and right is not None
            rights.append(TransferredRight(right.display_number or right.number, right.title, pledge.pledgor_names,
                                           right.owner_names if tx.kind == "transfer" else f"{right.owner_names}"
                                           f"（许可 {tx.counterparty}）", tx.recorded_on))
        consent = session.execute(select(DisposalDocumentRow.reference).where(
            DisposalDocumentRow.case_id == row.id, DisposalDocumentRow.code == "pledgee_consent")).scalars().first()
        return DisposalDocument(**base, rights=tuple(rights), consent=consent or "")
