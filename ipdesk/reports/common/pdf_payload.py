"""Read the signed payload and the canonical content back out of a notice PDF.

Every notice PDF carries two custom keys in its Info dictionary (both plain ASCII):

* ``/IPDeskPayload``: the QR text ``IPD1|serial|digest|key_id|signature`` (see :mod:`.seal`);
* ``/IPDeskContent``: the canonical content JSON, base64url without padding.

Verifying a PDF (:mod:`ipdesk.reports.notices.verification`) checks the signature over the embedded
content and then compares every page with a fresh rendering of that content.

Reading uses pypdf when installed (handles re-saved / compressed files) and falls back to scanning the
raw bytes for the keys (ReportLab writes the Info dictionary uncompressed; the last occurrence wins, as
in an incremental update).
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ipdesk.reports.common.seal import b64u, unb64u

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
