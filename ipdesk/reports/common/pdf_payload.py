"""Read the signed payload and the canonical content back out of a notice PDF, and verify a PDF.

Every notice PDF carries two custom keys in its Info dictionary (both plain ASCII):

* ``/IPDeskPayload``: the QR text ``IPD1|serial|digest|key_id|signature`` (see :mod:`.seal`);
* ``/IPDeskContent``: the canonical content JSON, base64url without padding.

Verifying a PDF recomputes the digest from the embedded content, checks the signature over it, and, when
pypdf is available, also checks that the *visible* text still shows the signed values (serial,
registration number, party names, right numbers, amount): someone who edits the page text or the
embedded content cannot produce a matching signature without the office's private key, and a page
whose text no longer shows the signed values is reported as altered. Printed copies are checked by
scanning the QR (signature + register) and comparing the paper with the content the verifier shows.

Reading uses pypdf when installed (handles re-saved / compressed files) and falls back to scanning the
raw bytes for the keys (ReportLab writes the Info dictionary uncompressed; the last occurrence wins, as
in an incremental update).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ipdesk.domain.notices.notice import (
    Notice,
    SearchCertificate,
    format_yuan,
    from_canonical,
)
from ipdesk.reports.common.seal import VerifyResult, VerifyStatus, b64u, parse_payload, unb64u, verify_payload

PAYLOAD_KEY = "/IPDeskPayload"
CONTENT_KEY = "/IPDeskContent"

PdfSource = Path | str | bytes | BinaryIO


def info_entries(payload: str, content: bytes) -> dict[str, str]:
    """The custom Info entries a renderer writes (names without the slash, as ReportLab wants them)."""
    return {PAYLOAD_KEY[1:]: payload, CONTENT_KEY[1:]: b64u(content)}


@dataclass(frozen=True)
class PdfPayload:
    payload: str
    content: bytes | None  # canonical content, None if the PDF does not carry it


def _bytes(src: PdfSource) -> bytes:
    if isinstance(src, bytes):
        return src
    if isinstance(src, (str, Path)):
        return Path(src).read_bytes()
    return src.read()


def _raw_scan(data: bytes, key: str) -> str | None:
    hits = re.findall(re.escape(key.encode()) + rb"\s*\(([A-Za-z0-9_|.\-/\\\r\n]*)\)", data)
    if not hits:
        return None
    return hits[-1].replace(b"\\\r\n", b"").replace(b"\\\n", b"").decode("ascii")


def _pypdf_info(data: bytes) -> tuple[Any, Any]:
    """(payload, content) from the Info dictionary via pypdf; (None, None) without pypdf or if unreadable."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return None, None
    try:
        info: Any = PdfReader(io.BytesIO(data)).metadata or {}
    except Exception:
        return None, None
    return info.get(PAYLOAD_KEY), info.get(CONTENT_KEY)


def read_pdf_payload(src: PdfSource) -> PdfPayload:
    """Payload and canonical content of a notice PDF; ``ValueError`` if it carries no payload."""
    data = _bytes(src)
    payload, content_b64 = _pypdf_info(data)
    if payload is None:
        payload, content_b64 = _raw_scan(data, PAYLOAD_KEY), _raw_scan(data, CONTENT_KEY)
    if not payload:
        raise ValueError("the PDF carries no ipdesk payload")
    try:
        content = unb64u(str(content_b64)) if content_b64 else None
    except ValueError:
        content = b""  # present but damaged: verification will report altered
    return PdfPayload(str(payload).strip(), content)


def read_payload(src: PdfSource) -> str:
    """The QR payload text stored in a notice PDF (``ValueError`` if there is none)."""
    return read_pdf_payload(src).payload


def visible_text(src: PdfSource) -> str | None:
    """All text the PDF shows (pypdf extraction), or ``None`` if pypdf is not installed."""
    try:
        from pypdf import PdfReader
    except ImportError:
        return None
    reader = PdfReader(io.BytesIO(_bytes(src)))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def signed_strings(doc: Notice | SearchCertificate) -> list[str]:
    """Values of ``doc`` that the printed page must show verbatim (for the visible-text check)."""
    out = [doc.serial]
    if isinstance(doc, Notice):
        out += [doc.registration_no, doc.application_no]
        out += [p.name for p in doc.pledgors]
        out += [p.name for p in (doc.pledgee, doc.debtor) if p is not None]
        out += [p.uscc for p in (*doc.pledgors, doc.pledgee, doc.debtor) if p is not None]
        for r in doc.rights:
            out += [r.number, r.title]
        if doc.secured_amount is not None:
            out.append(format_yuan(doc.secured_amount))
        out += [c.after for c in doc.changes]
    else:
        for row in doc.rows:
            out += [row.registration_no, row.pledgee, *row.pledgors, *row.right_numbers]
    return [s for s in out if s]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def verify_pdf(
    src: PdfSource,
    public_keys: Mapping[str, Any],
    revoked_serials: AbstractSet[str] = frozenset(),
    known_serials: Mapping[str, str] | None = None,
    check_visible_text: bool = True,
) -> VerifyResult:
    """Verify a notice PDF file: its payload against its embedded content (and its visible text)."""
    data = _bytes(src)
    try:
        pp = read_pdf_payload(data)
    except ValueError:
        return VerifyResult(VerifyStatus.UNKNOWN, "", "verify.no_payload")
    result = verify_payload(pp.payload, pp.content, public_keys, revoked_serials, known_serials)
    if result.status == VerifyStatus.ALTERED or pp.content is None or not check_visible_text:
        return result
    if result.status == VerifyStatus.UNKNOWN and result.code == "verify.malformed":
        return result
    text = visible_text(data)
    if text is None:
        return result
    try:
        doc = from_canonical(pp.content)
    except ValueError:
        return result
    shown = _squash(text)
    missing = [s for s in signed_strings(doc) if _squash(s) not in shown]
    if missing:
        serial = parse_payload(pp.payload).serial
        return VerifyResult(VerifyStatus.ALTERED, serial, "verify.visible_text",
                            {"what": "、".join(missing[:3]), "serial": serial}, True)
    return result
