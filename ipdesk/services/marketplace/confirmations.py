"""The transaction confirmation (成交确认书) of a deal: issued once — its content fixed, its digest signed
with the office key into the QR, kept in the notices' issue log under a notice serial (so ``ipdesk verify``
and the 验证 page check it like a notice, pages compared) — and rendered from the stored content and
signature ever after, so a reprint carries the original QR even after the key is rotated."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from ipdesk.domain.marketplace.confirmation import (
    KIND,
    ConfirmedRight,
    TransactionConfirmation,
    canonical_content,
    digest_of,
    from_content,
)
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.permissions import Action, Actor
from ipdesk.domain.shared.problems import Problem, RuleRefusal
from ipdesk.services import audit
from ipdesk.services.marketplace.closing import ClosingCommands
from ipdesk.services.marketplace.records import m, right_rows
from ipdesk.services.notices.service import StoredSigner, atomic_write
from ipdesk.services.office.settings import format_number, next_number
from ipdesk.services.uow import collect_changes, note, reading, transaction
from ipdesk.storage.marketplace.tables import AuctionRow, DealRow, LotRow
from ipdesk.storage.schema import NoticeRow, PartyRow

register({
    "market.no_confirmation": ("成交 {deal} 已因悔拍失效，不出具成交确认书", "deal {deal} fell when the buyer backed "
                               "out: no confirmation"),
    "market.no_signing_key": ("工作站未配置签章密钥，不能出具成交确认书", "this workstation has no signing key: no "
                              "confirmation can be issued"),
})


@dataclass(frozen=True)
class IssuedConfirmation:
    deal_no: str
    serial: str
    payload: str
    document: TransactionConfirmation
    pdf: bytes


class ConfirmationCommands(ClosingCommands):
    def confirmation(self, actor: Actor, deal: int | str, out: Path | None = None) -> IssuedConfirmation:
        """The deal's confirmation, issued and signed the first time it is asked for; written to ``out``."""
        actor.require(Action.MANAGE_MARKET)
        with reading(self.engine) as session:
            issued = self._deal(session, actor, deal).confirmation_serial is not None
        signer, keys_changed = None, False
        if not issued:  # loaded (and checked) before the transaction, as the notices do: its key store writes
            if self.notices is None:
                raise RuleRefusal(Problem("market.no_signing_key", "deal"))
            with collect_changes() as first_use:
                signer = self.notices.keys.for_signing()
            keys_changed = first_use.changes.keys  # the first use made the office key
        with transaction(self.engine, self.clock) as session:
            if keys_changed:
                note(session, "keys")
            row = self._deal(session, actor, deal, lock=True)
            if row.status == "backed_out":
                raise RuleRefusal(Problem("market.no_confirmation", "deal", {"deal": row.deal_no}))
            if row.confirmation_serial is None:
                self._issue(session, actor, row, signer)
            assert row.confirmation_content is not None and row.confirmation_payload is not None
            doc = from_content(row.confirmation_content.encode("utf-8"))
            payload = row.confirmation_payload
        from ipdesk.reports.marketplace.confirmation_pdf import render_confirmation

        buf = io.BytesIO()
        render_confirmation(doc, StoredSigner(payload), buf)
        if out is not None:
            atomic_write(out, buf.getvalue())
        return IssuedConfirmation(row.deal_no, doc.serial, payload, doc, buf.getvalue())

    def _issue(self, session: Session, actor: Actor, row: DealRow, signer: Any) -> None:
        from ipdesk.reports.common.seal import make_payload

        if signer is None:  # not reached: a serial once issued is never cleared
            raise RuleRefusal(Problem("market.no_signing_key", "deal"))
        lot, auction = session.get(LotRow, row.lot_id), session.get(AuctionRow, row.auction_id)
        buyer = session.get(PartyRow, row.buyer_party_id)
        seller = session.get(PartyRow, lot.seller_party_id) if lot and lot.seller_party_id else None
        assert lot is not None and auction is not None and buyer is not None
        now = self.clock.now().replace(microsecond=0)
        settings = self.notices.office.settings(session)
        year = self.clock.local(now).year
        serial = format_number(settings.notice_serial_format, year, next_number(session, "notice", year))
        doc = TransactionConfirmation(
            serial=serial, office_name=settings.office_name,
            issued_at=now, deal_no=row.deal_no, lot_no=lot.lot_no, lot_title=lot.title, lot_kind=lot.kind,
            auction_no=auction.auction_no, mode=auction.mode, preset=auction.preset, round=auction.round,
            case_ref=lot.case_ref or "", seller=seller.name if seller else "", buyer=buyer.name,
            buyer_id_no=buyer.uscc or "", price=row.price, deposit_applied=row.deposit_applied,
            closed_at=row.closed_at, rights=tuple(ConfirmedRight(r.display_number, r.title)
                                                  for r in right_rows(session, lot)))
        content = canonical_content(doc)
        row.confirmation_serial, row.confirmation_digest = serial, digest_of(content)
        row.confirmation_payload = make_payload(serial, row.confirmation_digest, signer)
        row.confirmation_content = content.decode("utf-8")
        # In the notices' issue log too (no pledge: a pledge's notice list shows only its own notices).
        session.add(NoticeRow(serial=serial, kind=KIND, pledge_id=None, event_id=None, issued_at=now,
                              issued_by=actor.username, content=row.confirmation_content,
                              digest=row.confirmation_digest, key_id=signer.key_id, payload=row.confirmation_payload))
        note(session, "notices", serial)
        row.version += 1
        session.flush()
        audit.record(session, actor, "deal.confirmation", "lot", lot.id,
                     f"{row.deal_no} 出具成交确认书 {serial}（{m(row.price)} 元）", None,
                     {"deal": row.deal_no, "serial": serial, "digest": row.confirmation_digest})
        note(session, "lots", lot.id)
