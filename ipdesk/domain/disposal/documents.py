"""The documents a disposal case issues, signed like the notices: the settlement statement (清偿分配表) and
the transfer confirmation (处置转让确认书).

They are plain dataclasses, so the notices' canonical form (:func:`ipdesk.domain.notices.notice.canonical_content`)
signs them as it signs a notice (``kind`` tells them apart); :func:`from_canonical` reads them back, for a
reprint and for the verification that lays the signed content out again and compares the pages.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime

from ipdesk.domain.notices.notice import CANONICAL_FORMAT, CANONICAL_VERSION


class DocumentKind(enum.StrEnum):
    SETTLEMENT_STATEMENT = "settlement_statement"
    TRANSFER_CONFIRMATION = "transfer_confirmation"


TITLES: dict[DocumentKind, tuple[str, str]] = {
    DocumentKind.SETTLEMENT_STATEMENT: ("质押财产处置清偿分配表", "Settlement statement of a pledge's disposal"),
    DocumentKind.TRANSFER_CONFIRMATION: ("质押财产处置转让确认书", "Confirmation of the transfer of pledged IP"),
}


@dataclass(frozen=True)
class Line:
    """A labelled amount (yuan, two places as text: the canonical form keeps money as text)."""

    label: str
    amount: str


@dataclass(frozen=True)
class TransferredRight:
    number: str
    title: str
    former_owners: str
    new_owner: str
    recorded_on: date


@dataclass(frozen=True)
class DisposalDocument:
    """One issued document of a case; the fields a kind does not use stay empty.

    Attributes:
        claim: the secured claim by head on the settlement day; ``paid`` what the proceeds paid, in order.
        shares: each party's part of the loss (settlement statement), ``pool_paid`` the fund's payment.
        rights: the rights transferred (transfer confirmation).
    """

    kind: DocumentKind
    serial: str
    office_name: str
    issued_at: datetime
    issued_on: date
    case_no: str
    registration_no: str
    pledgors: str
    pledgee: str
    debtor: str
    loan_no: str
    route: str
    buyer: str
    price: str
    deal_on: date | None
    settled_on: date | None = None
    proceeds: str = ""
    claim: tuple[Line, ...] = ()
    paid: tuple[Line, ...] = ()
    surplus_to_pledgor: str = ""
    shortfall: str = ""
    claim_on_debtor: str = ""
    claim_on_pledgor: str = ""
    scheme: str = ""
    fund: str = ""
    shares: tuple[Line, ...] = ()
    pool_paid: str = ""
    rights: tuple[TransferredRight, ...] = ()
    consent: str = ""  # the pledgee's consent on record (the document's reference)
    audit_position: str = ""

    @property
    def title(self) -> tuple[str, str]:
        return TITLES[self.kind]


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def is_disposal_content(content: bytes) -> bool:
    try:
        return json.loads(content.decode("utf-8")).get("kind") in {k.value for k in DocumentKind}
    except (ValueError, AttributeError):
        return False


def from_canonical(content: bytes) -> DisposalDocument:
    """The document whose canonical content this is (``ValueError`` if it is not one)."""
    d = json.loads(content.decode("utf-8"))
    if d.get("format") != CANONICAL_FORMAT or d.get("v") != CANONICAL_VERSION:
        raise ValueError("not ipdesk document content (format/version)")

    def lines(key: str) -> tuple[Line, ...]:
        return tuple(Line(x["label"], x["amount"]) for x in d.get(key, []))

    return DisposalDocument(
        kind=DocumentKind(d["kind"]), serial=d["serial"], office_name=d["office_name"],
        issued_at=datetime.strptime(d["issued_at"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC),
        issued_on=date.fromisoformat(d["issued_on"]), case_no=d["case_no"], registration_no=d["registration_no"],
        pledgors=d["pledgors"], pledgee=d["pledgee"], debtor=d["debtor"], loan_no=d["loan_no"], route=d["route"],
        buyer=d["buyer"], price=d["price"], deal_on=_d(d["deal_on"]), settled_on=_d(d["settled_on"]),
        proceeds=d["proceeds"], claim=lines("claim"), paid=lines("paid"),
        surplus_to_pledgor=d["surplus_to_pledgor"], shortfall=d["shortfall"], claim_on_debtor=d["claim_on_debtor"],
        claim_on_pledgor=d["claim_on_pledgor"], scheme=d["scheme"], fund=d["fund"], shares=lines("shares"),
        pool_paid=d["pool_paid"],
        rights=tuple(TransferredRight(r["number"], r["title"], r["former_owners"], r["new_owner"],
                                      date.fromisoformat(r["recorded_on"])) for r in d["rights"]),
        consent=d["consent"], audit_position=d.get("audit_position", ""),
    )
