"""Re-render a signed document from its canonical content and compare a PDF with it, page by page.

A PDF is what the office printed only if it is exactly what the office's renderer produces for the
signed content: rendering is deterministic (ReportLab invariant mode, issue time as creation date, the
stored signature), so the verifier renders the document again and compares every page:

* the number of pages;
* each page's drawing operators (its content streams, decoded and concatenated: text, boxes, lines, the
  QR code), so added, covered (a white box drawn over the amount) or changed text shows;
* each page's resources (fonts with their embedded font programs, images, graphics states) and its
  other entries (media box, rotation, annotations), so a swapped font or an overlay annotation shows;
* the document catalogue (everything but the page tree: open actions, forms, names, optional content).

What differs is reported per page as coded messages; where the visible text differs, the first changed
lines (expected / found) are named. Comparing decoded objects, not file bytes, lets a file that was only
re-compressed or re-saved without change still compare equal.

The rendering is in the layout the signed content names (:mod:`.layouts`): a change to what a page
draws is a new layout version, never an edit of one, so notices printed before it still compare equal
(the bulk printer keeps byte-identical output).
"""

from __future__ import annotations

import difflib
import io
from dataclasses import dataclass
from typing import Any

from ipdesk.domain.notices.notice import Notice, SearchCertificate, from_canonical
from ipdesk.domain.shared.messages import Message, register

register(
    {
        "verify.diff.page_count": ("页数不符：应为 {expected} 页，文件有 {found} 页",
                                   "page count differs: {expected} expected, the file has {found}"),
        "verify.diff.text": ("第 {page} 页文字不符：应为“{expected}”，文件显示“{found}”",
                             "page {page}: the text should read “{expected}”, the file shows “{found}”"),
        "verify.diff.drawing": ("第 {page} 页的图形或文字绘制与签发版本不同（如覆盖、移位或增删的框线）",
                                "page {page}: what is drawn differs from the issued page (covered, moved, "
                                "added or removed marks)"),
        "verify.diff.resources": ("第 {page} 页的字体或图像资源与签发版本不同",
                                  "page {page}: fonts or images differ from the issued page"),
        "verify.diff.page_entries": ("第 {page} 页的页面属性或批注与签发版本不同",
                                     "page {page}: page properties or annotations differ from the issued page"),
        "verify.diff.document": ("文件级的设置（动作、表单或可选内容）与签发版本不同",
                                 "document-level entries (actions, forms, optional content) differ"),
        "verify.diff.unreadable": ("无法读取文件的页面：{reason}", "the file's pages cannot be read: {reason}"),
        "verify.diff.none_shown": ("（空白）", "(nothing)"),
    }
)

_SKIP_PAGE_KEYS = {"/Parent", "/Contents", "/Resources"}
_STREAM_FRAMING = {"/Length", "/Filter", "/DecodeParms", "/DL"}


#: Documents later contexts issue through the notices' log and signature (a disposal case's settlement
#: statement …): kind → the module that lays them out (``render_signed(content, signer)``, in its one
#: layout), imported by name so the notices never depend on those contexts.
OTHER_DOCUMENTS = {"settlement_statement": "ipdesk.reports.disposal.statements_pdf",
                   "transfer_confirmation": "ipdesk.reports.disposal.statements_pdf",
                   "deal_confirmation": "ipdesk.reports.marketplace.confirmation_pdf"}


def _other_kind(content: bytes) -> str | None:
    import json

    kind = json.loads(content.decode("utf-8")).get("kind")
    return kind if kind in OTHER_DOCUMENTS else None


def render_signed(content: bytes, payload: str, layout: int | None = None) -> bytes:
    """The PDF the office prints for this canonical content with this (stored) signature payload, in the
    layout the content names (or ``layout``, one of :func:`~.layouts.candidates`)."""
    import importlib

    from ipdesk.reports.notices.notice_pdf import render_notice
    from ipdesk.reports.notices.search_certificate_pdf import render_search_certificate

    kind = _other_kind(content)
    if kind is not None:
        module: Any = importlib.import_module(OTHER_DOCUMENTS[kind])
        return bytes(module.render_signed(content, _StoredSignature(payload)))
    doc = from_canonical(content)
    buf = io.BytesIO()
    signer = _StoredSignature(payload)
    if isinstance(doc, SearchCertificate):
        render_search_certificate(doc, signer, buf, layout)
    else:
        assert isinstance(doc, Notice)
        render_notice(doc, signer, buf, layout)
    return buf.getvalue()


def compare_signed(content: bytes, payload: str, actual: bytes) -> list[Message]:
    """What differs between ``actual`` and the office's rendering of the signed content in each layout it
    may have been printed in (:func:`~.layouts.candidates`): empty if one matches, else the differences
    from the first (``ValueError`` etc. from content this version cannot lay out)."""
    from ipdesk.reports.notices.layouts import candidates

    first: list[Message] | None = None
    versions = (None,) if _other_kind(content) else candidates(from_canonical(content))
    for version in versions:
        differences = compare_pdfs(render_signed(content, payload, version), actual)
        if not differences:
            return []
        first = differences if first is None else first
    assert first is not None
    return first


class _StoredSignature:
    """Signs with the signature already in the payload (the key that made it may be retired since)."""

    def __init__(self, payload: str):
        from ipdesk.reports.common.seal import parse_payload

        p = parse_payload(payload)
        self.key_id, self._signature = p.key_id, p.signature

    def sign(self, _data: bytes) -> bytes:
        return self._signature


@dataclass(frozen=True)
class _Page:
    ops: bytes  # decoded, concatenated content streams
    resources: Any
    entries: Any
    text: str


def _canon(obj: Any, path: tuple[int, ...] = ()) -> Any:
    """A comparable plain-Python form of a PDF object: indirect references resolved, streams decoded,
    page back-links dropped (cycles end in a marker)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject

    if isinstance(obj, IndirectObject):
        if obj.idnum in path:
            return ("cycle",)
        return _canon(obj.get_object(), (*path, obj.idnum))
    if isinstance(obj, StreamObject):
        head = {str(k): _canon(v, path) for k, v in obj.items() if k not in _STREAM_FRAMING}
        return ("stream", sorted(head.items()), obj.get_data())
    if isinstance(obj, DictionaryObject):
        return ("dict", sorted((str(k), _canon(v, path)) for k, v in obj.items() if k not in ("/Parent", "/P")))
    if isinstance(obj, ArrayObject):
        return ("array", [_canon(v, path) for v in obj])
    if isinstance(obj, float):
        return ("num", round(float(obj), 4))
    return (type(obj).__name__, str(obj))


def _pages(data: bytes) -> tuple[list[_Page], Any]:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    pages = []
    for page in reader.pages:
        contents = page.get_contents()
        ops = contents.get_data() if contents is not None else b""
        entries = sorted((str(k), _canon(v)) for k, v in page.items() if k not in _SKIP_PAGE_KEYS)
        pages.append(_Page(ops, _canon(page.get("/Resources")), entries, page.extract_text() or ""))
    catalog: Any = reader.trailer["/Root"].get_object()
    document = sorted((str(k), _canon(v)) for k, v in catalog.items() if k != "/Pages")
    return pages, document


def _clip(text: str, limit: int = 80) -> str:
    text = "".join(ch if ch.isprintable() else "�" for ch in text).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _text_difference(page: int, expected: str, found: str) -> Message | None:
    want, got = expected.splitlines(), found.splitlines()
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=want, b=got, autojunk=False).get_opcodes():
        if tag != "equal":
            none = Message("verify.diff.none_shown")
            return Message("verify.diff.text", {"page": page, "expected": _clip(" ".join(want[i1:i2])) or none,
                                                "found": _clip(" ".join(got[j1:j2])) or none})
    return None


def _squash(text: str) -> str:
    return "".join(text.split())


def compare_pdfs(expected: bytes, actual: bytes) -> list[Message]:
    """What differs between the office's rendering and the file (empty: every page is identical)."""
    if expected == actual:
        return []
    want, want_doc = _pages(expected)
    try:
        got, got_doc = _pages(actual)
    except Exception as exc:  # a damaged or hostile file: it cannot be what the office printed
        return [Message("verify.diff.unreadable", {"reason": type(exc).__name__})]
    out: list[Message] = []
    if len(want) != len(got):
        out.append(Message("verify.diff.page_count", {"expected": len(want), "found": len(got)}))
    for n, (w, g) in enumerate(zip(want, got, strict=False), start=1):
        # text that differs only in spacing or line breaks reads the same: a drawing difference
        same_words = w.text == g.text or w.text.split() == g.text.split() or _squash(w.text) == _squash(g.text)
        text = None if same_words else _text_difference(n, w.text, g.text)
        if text is not None:
            out.append(text)
        elif w.ops != g.ops:
            out.append(Message("verify.diff.drawing", {"page": n}))
        if w.resources != g.resources:
            out.append(Message("verify.diff.resources", {"page": n}))
        if w.entries != g.entries:
            out.append(Message("verify.diff.page_entries", {"page": n}))
    for n, g in enumerate(got[len(want):], start=len(want) + 1):
        if g.text.strip():
            out.append(_text_difference(n, "", g.text) or Message("verify.diff.drawing", {"page": n}))
    if want_doc != got_doc:
        out.append(Message("verify.diff.document"))
    return out
