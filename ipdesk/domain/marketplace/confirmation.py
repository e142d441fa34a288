"""The transaction confirmation (成交确认书) as a value: everything it states, and its canonical content —
the bytes whose digest the office signs into the QR, as the notices do."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

CONFIRMATION_FORMAT = "ipdesk-deal-confirmation"
CONFIRMATION_VERSION = 1
#: The kind it is kept under in the notices' issue log (and laid out again by when verified).
KIND = "deal_confirmation"
TITLE = ("成交确认书", "Transaction confirmation")


@dataclass(frozen=True)
class ConfirmedRight:
    number: str
    title: str


@dataclass(frozen=True)
class TransactionConfirmation:
    serial: str
    office_name: str
    issued_at: datetime  # UTC
    deal_no: str
    lot_no: str
    lot_title: str
    lot_kind: str  # sale / licence
    auction_no: str
    mode: str
    preset: str
    round: int
    case_ref: str
    seller: str
    buyer: str
    buyer_id_no: str  # the buyer's USCC (or ID number) as registered
    price: Decimal
    deposit_applied: Decimal
    closed_at: datetime  # UTC: when bidding ended
    rights: tuple[ConfirmedRight, ...]

    @property
    def title(self) -> tuple[str, str]:
        return TITLE


def _enc(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value.quantize(Decimal('0.01')):f}"
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, tuple):
        return [_enc(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _enc(getattr(value, f.name)) for f in fields(value)}
    return value


def canonical_content(doc: TransactionConfirmation) -> bytes:
    """Deterministic UTF-8 JSON of everything the confirmation states."""
    out = _enc(doc)
    out["format"], out["v"], out["kind"] = CONFIRMATION_FORMAT, CONFIRMATION_VERSION, KIND
    return json.dumps(out, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def digest_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def from_content(content: bytes) -> TransactionConfirmation:
    """The confirmation back from its canonical content (a reprint shows exactly what was signed)."""
    d = json.loads(content.decode("utf-8"))

    def instant(text: str) -> datetime:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))

    return TransactionConfirmation(
        d["serial"], d["office_name"], instant(d["issued_at"]), d["deal_no"], d["lot_no"], d["lot_title"],
        d["lot_kind"], d["auction_no"], d["mode"], d["preset"], int(d["round"]), d["case_ref"], d["seller"],
        d["buyer"], d["buyer_id_no"], Decimal(d["price"]), Decimal(d["deposit_applied"]), instant(d["closed_at"]),
        tuple(ConfirmedRight(r["number"], r["title"]) for r in d["rights"]))
