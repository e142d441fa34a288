"""A small PDF writer for pages drawn directly (no platypus): fonts with a cached fixed subset, pages of
content-stream operators, the Info dictionary with the signed payload, deterministic bytes.

Made for batch printing (issue 14): a page drawn with ReportLab's platypus spends most of its time in
layout and in subsetting and compressing the embedded CJK font. Here the font is split in two:

* the **fixed** glyphs — ASCII and every character of a layout's fixed wording, given by the layout as a
  frozen string — form one or two subsets built, compressed and serialised once per process and written
  verbatim at the start of every file (objects 1…4k, so even their offsets are constant);
* the **variable** glyphs (names, addresses, titles …) get per-document subsets, numbered in the order the
  characters are first drawn, so the file is a pure function of what is drawn (reprints are identical).

Fonts are simple TrueType subsets of at most 256 codes (as ReportLab writes them: ``/F1+n``, ToUnicode so
text extraction and the verifier's text comparison read Chinese back); ASCII keeps its own codes.
"""

from __future__ import annotations

import hashlib
import threading
import zlib
from collections.abc import Sequence
from datetime import UTC, datetime
from functools import cache, lru_cache
from typing import Any

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, makeToUnicodeCMap

from ipdesk.reports.common.fonts import register_fonts
from ipdesk.reports.common.subset import make_subset

_ESC = [chr(b) if 32 <= b < 127 else f"\\{b:03o}" for b in range(256)]
for _b in b"()\\":
    _ESC[_b] = "\\" + chr(_b)
_LITERAL = str.maketrans({"(": "\\(", ")": "\\)", "\\": "\\\\"})
_ASCII = range(32, 127)
PAGE_BOX = "[0 0 595.2756 841.8898]"  # A4, as ReportLab writes it


@lru_cache(maxsize=4096)
def num(v: float) -> str:
    """A coordinate as written in a content stream: at most 3 decimals, no trailing zeros."""
    s = f"{v:.3f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def _face() -> Any:
    return pdfmetrics.getFont(register_fonts()).face


@cache
def _widths() -> tuple[dict[int, float], float]:
    face = _face()
    return dict(face.charWidths), float(face.defaultWidth)


def width(text: str, size: float) -> float:
    """The advance of ``text`` at ``size`` (the font's own widths, as in the PDF's /Widths)."""
    return _units(text) * size / 1000


@lru_cache(maxsize=65536)
def _units(text: str) -> float:
    w, default = _widths()
    return sum(w.get(ord(c), default) for c in text)


def _stream(head: str, data: bytes, level: int = 6) -> bytes:
    packed = zlib.compress(data, level)
    return f"<< /Filter /FlateDecode /Length {len(packed)}{head} >>\nstream\n".encode() + packed + b"\nendstream"


@lru_cache(maxsize=256)
def _subset_program(codes: tuple[int, ...], level: int) -> bytes:
    """The compressed TrueType subset of these code points (a pure function: batches repeat glyph sets)."""
    program = make_subset(_face(), list(codes))  # = the face's makeSubset, byte for byte, 3 times faster
    return _stream(f" /Length1 {len(program)}", program, level)


def _font_objects(n: int, codes: Sequence[int], first_obj: int, level: int = 1) -> list[bytes]:
    """Font dict, descriptor, program and ToUnicode of subset ``n`` (objects ``first_obj`` …+3); the
    program compressed at ``level`` (a document's own glyphs: 1, fast; the fixed ones, built once: 9)."""
    face = _face()
    base = f"{SUBSETN(n).decode()}+{(face.name + face.subfontNameX).decode('latin-1')}"
    w, default = _widths()
    widths = " ".join(num(w.get(c, default)) for c in codes)
    d, p, u = first_obj + 1, first_obj + 2, first_obj + 3
    flags = (face.flags & ~32) | 4  # symbolic, as ReportLab marks its subsets
    bbox = " ".join(num(v) for v in face.bbox)
    font = (f"<< /BaseFont /{base} /FirstChar 0 /FontDescriptor {d} 0 R /LastChar {len(codes) - 1} "
            f"/Name /F1+{n} /Subtype /TrueType /ToUnicode {u} 0 R /Type /Font /Widths [ {widths} ] >>")
    descriptor = (f"<< /Ascent {num(face.ascent)} /CapHeight {num(face.capHeight)} /Descent {num(face.descent)} "
                  f"/Flags {flags} /FontBBox [ {bbox} ] /FontFile2 {p} 0 R /FontName /{base} /ItalicAngle "
                  f"{num(face.italicAngle)} /MissingWidth {num(face.defaultWidth)} /StemV {num(face.stemV)} "
                  "/Type /FontDescriptor >>")
    cmap = makeToUnicodeCMap(base, list(codes)).encode()
    return [font.encode(), descriptor.encode(), _subset_program(tuple(codes), level), _stream("", cmap)]


class FixedFonts:
    """The fixed subsets of one layout's glyph set, serialised once: ``prefix`` is the file's start."""

    HEADER = b"%PDF-1.4\n%\x93\x8c\x8b\x9e ipdesk\n"

    def __init__(self, chars: str):
        fixed = [c for c in dict.fromkeys(chars) if not 32 <= ord(c) < 127]
        free = [*range(1, 32), *range(127, 256)]
        subsets: list[list[int]] = [[0] * 256]
        self.codes: dict[str, tuple[int, str]] = {chr(b): (0, _ESC[b]) for b in _ASCII}
        for b in _ASCII:
            subsets[0][b] = b
        for c in fixed:
            if not free:
                subsets.append([0])
                free = list(range(1, 256))
            code = free.pop(0)
            n = len(subsets) - 1
            if n:
                subsets[n].append(ord(c))
            else:
                subsets[0][code] = ord(c)
            self.codes[c] = (n, _ESC[code])
        self.count = len(subsets)
        out, self.offsets = bytearray(self.HEADER), []
        for n, codes in enumerate(subsets):
            last = max(i for i, u in enumerate(codes) if u) if n == 0 else len(codes) - 1
            for k, body in enumerate(_font_objects(n, codes[: last + 1], 4 * n + 1, level=9)):
                self.offsets.append(len(out))
                out += f"{4 * n + k + 1} 0 obj\n".encode() + body + b"\nendobj\n"
        self.prefix = bytes(out)


_fixed_lock = threading.Lock()
_fixed: dict[str, FixedFonts] = {}


def fixed_fonts(chars: str) -> FixedFonts:
    """The process's (cached) fixed subsets of ``chars``: built once per worker, reused by every page."""
    with _fixed_lock:
        if chars not in _fixed:
            _fixed[chars] = FixedFonts(chars)
        return _fixed[chars]


class Fonts:
    """One document's fonts: the fixed subsets and the variable ones its text needs, in first-use order."""

    def __init__(self, fixed: FixedFonts):
        self.fixed = fixed
        self.extra: list[list[int]] = []
        self.codes = dict(fixed.codes)

    def _add(self, c: str) -> tuple[int, str]:
        if not self.extra or len(self.extra[-1]) == 256:
            self.extra.append([0])
        subset = self.extra[-1]
        subset.append(ord(c))
        found = self.codes[c] = (self.fixed.count + len(self.extra) - 1, _ESC[len(subset) - 1])
        return found

    def show(self, text: str, size: float) -> str:
        """Text-showing operators for ``text`` at ``size`` (a font change where the subset changes)."""
        parts: list[str] = []
        run: list[str] = []
        current = -1
        codes = self.codes
        for c in text:
            n, e = codes.get(c) or self._add(c)
            if n != current:
                if run:
                    parts.append(f"({''.join(run)}) Tj")
                parts.append(f"/F1+{n} {num(size)} Tf")
                current, run = n, []
            run.append(e)
        if run:
            parts.append(f"({''.join(run)}) Tj")
        return " ".join(parts)


def _text_string(s: str) -> str:
    """A PDF text string: literal if plain printable ASCII, else UTF-16BE hex with its byte-order mark."""
    if s.isascii() and s.isprintable():
        return "(" + s.translate(_LITERAL) + ")"
    return "<FEFF" + s.encode("utf-16-be").hex().upper() + ">"


def pdf_date(when: datetime) -> str:
    return when.astimezone(UTC).strftime("(D:%Y%m%d%H%M%S+00'00')")


def write_pdf(fonts: Fonts, pages: Sequence[str], info: dict[str, str], when: datetime) -> bytes:
    """The whole file: the fixed fonts' prefix, catalogue, page tree, Info, pages, variable fonts, xref."""
    fixed = fonts.fixed
    out = bytearray(fixed.prefix)
    offsets = list(fixed.offsets)
    first = len(offsets) + 1
    catalog, tree, info_no, font_dict = first, first + 1, first + 2, first + 3
    page_no = [font_dict + 1 + 2 * i for i in range(len(pages))]
    extra_first = font_dict + 1 + 2 * len(pages)

    def obj(body: bytes) -> None:
        offsets.append(len(out))
        out.extend(b"%d 0 obj\n" % len(offsets) + body + b"\nendobj\n")

    obj(f"<< /Pages {tree} 0 R /Type /Catalog >>".encode())
    kids = " ".join(f"{n} 0 R" for n in page_no)
    obj(f"<< /Count {len(pages)} /Kids [ {kids} ] /Type /Pages >>".encode())
    date = pdf_date(when)
    entries = {**info, "CreationDate": date, "ModDate": date}
    obj(("<< " + " ".join(f"/{k} {v if k.endswith('Date') else _text_string(v)}"
                          for k, v in sorted(entries.items())) + " >>").encode())
    names = [(n, 4 * n + 1) for n in range(fixed.count)]
    names += [(fixed.count + i, extra_first + 4 * i) for i in range(len(fonts.extra))]
    obj(("<< " + " ".join(f"/F1+{n} {o} 0 R" for n, o in names) + " >>").encode())
    for n, ops in zip(page_no, pages, strict=True):
        obj(f"<< /Contents {n + 1} 0 R /MediaBox {PAGE_BOX} /Parent {tree} 0 R /Resources << /Font "
            f"{font_dict} 0 R /ProcSet [ /PDF /Text ] >> /Rotate 0 /Type /Page >>".encode())
        obj(_stream("", ops.encode("latin-1")))
    for i, codes in enumerate(fonts.extra):
        for body in _font_objects(fixed.count + i, codes, extra_first + 4 * i):
            obj(body)
    xref = len(out)
    ident = hashlib.md5(bytes(out), usedforsecurity=False).hexdigest()
    out += f"xref\n0 {len(offsets) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += (f"trailer\n<< /ID [ <{ident}> <{ident}> ] /Info {info_no} 0 R /Root {catalog} 0 R /Size "
            f"{len(offsets) + 1} >>\nstartxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)
