"""Verify a notice or certificate PDF: its signature, its embedded content, and every page it shows.

Order: no payload → unknown; the payload's own checks (:func:`~ipdesk.reports.common.seal.verify_payload`:
key, signature, content digest, issue log, revocation); no embedded content → altered (a PDF that cannot
be compared with what the office printed is never genuine); then every page is compared with the
office's rendering of the signed content in the layout it names (:mod:`.page_compare`, :mod:`.layouts`):
any difference → altered, naming it.
Revoked documents are compared too, so a forged copy of a revoked notice reads altered, not revoked.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import replace
from typing import Any

from ipdesk.reports.common.pdf_payload import PdfSource, _bytes, read_pdf_payload
from ipdesk.reports.common.seal import VerifyResult, VerifyStatus, parse_payload, verify_payload
from ipdesk.reports.notices.page_compare import compare_signed


def verify_pdf(
    src: PdfSource,
    public_keys: Mapping[str, Any],
    revoked_serials: AbstractSet[str] = frozenset(),
    known_serials: Mapping[str, str] | None = None,
    compare_pages: bool = True,
) -> VerifyResult:
    """Verify a notice PDF file (``compare_pages=False`` checks the signed content only, for tests)."""
    data = _bytes(src)
    try:
        pp = read_pdf_payload(data)
    except ValueError:
        return VerifyResult(VerifyStatus.UNKNOWN, "", "verify.no_payload")
    result = verify_payload(pp.payload, pp.content, public_keys, revoked_serials, known_serials)
    if result.code in ("verify.malformed", "verify.unknown_key", "verify.bad_signature"):
        return result  # nothing the office signed to compare with
    serial = parse_payload(pp.payload).serial
    if not pp.content:
        return VerifyResult(VerifyStatus.ALTERED, serial, "verify.content_missing", {"serial": serial})
    if result.status is VerifyStatus.ALTERED or not compare_pages:
        return result
    try:
        differences = tuple(compare_signed(pp.content, pp.payload, data))
    except (ValueError, KeyError, TypeError):  # signed content (or a layout) this version cannot lay out
        return replace(result, status=VerifyStatus.UNKNOWN, code="verify.pages_unchecked")
    if differences:
        code = "verify.visible_text" if differences[0].code == "verify.diff.text" else "verify.pages_differ"
        return VerifyResult(VerifyStatus.ALTERED, serial, code, {"what": list(differences[:3]), "serial": serial},
                            True, True, differences)
    return replace(result, pages_checked=True)
