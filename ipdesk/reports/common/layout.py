"""Page template, styles and building blocks shared by every printed notice and certificate.

* A4, 20 mm side margins. Page 1 has the office letterhead (office name over a red double rule); later
  pages a one-line running header. The document ends with :class:`SignatureBlock`: the verification QR
  code and its note at the left, the seal area with office name and date at the right.
* Every page has a footer ``第 x 页 共 y 页`` and the serial (x of y needs the page count: pages are kept
  and the footers drawn when the document is saved, see :class:`_NumberedCanvas`).
* The QR code (:mod:`.qr`) is ReportLab's ``qrencoder`` matrix, computed faster, drawn as one path of merged
  runs of dark modules.
* PDF metadata: title, author (office), subject, plus custom Info keys holding the signed payload and the
  canonical content (see :mod:`.pdf_payload`). The creation date is the issue time and ReportLab's
  invariant mode is on, so rendering the same content twice gives byte-identical PDFs (reprints).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFDate, PDFDictionary, PDFInfo, PDFName, PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph, Table, TableStyle

from ipdesk.reports.common.fonts import register_fonts, text_width
from ipdesk.reports.common.qr import draw_qr, qr_matrix  # noqa: F401  (qr_matrix: re-exported)

PAGE_W, PAGE_H = A4
MARGIN_X = 20 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X
TOP_FIRST = 35 * mm  # letterhead height on page 1 (from the top edge)
TOP_LATER = 20 * mm
BOTTOM = 20 * mm  # footer band
SEAL_TEXT_MAX = 62 * mm  # the office name under the seal circle is shrunk to fit this width
QR_SIZE = 30 * mm  # printed size of the QR code including its quiet zone (≈26 mm of modules)
RED = colors.Color(0.75, 0.05, 0.05)
GRID = colors.Color(0.35, 0.35, 0.35)
HEAD_BG = colors.Color(0.92, 0.92, 0.92)
GREY = colors.Color(0.4, 0.4, 0.4)


# ----------------------------------------------------------------------------------------------- styles


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    font = register_fonts()
    base = ParagraphStyle("base", fontName=font, fontSize=10.5, leading=17, alignment=TA_JUSTIFY,
                          wordWrap="CJK")
    return {
        "body": base,
        "indent": ParagraphStyle("indent", parent=base, firstLineIndent=21),
        "label": ParagraphStyle("label", parent=base, fontSize=9, leading=12.5, alignment=TA_LEFT),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12.5, alignment=TA_LEFT),
        "cell8": ParagraphStyle("cell8", parent=base, fontSize=8, leading=11, alignment=TA_LEFT),
        "cell_small": ParagraphStyle("cell_small", parent=base, fontSize=7.5, leading=10, textColor=GREY,
                                     alignment=TA_LEFT),
        "section": ParagraphStyle("section", parent=base, fontSize=11, leading=15, spaceBefore=6,
                                  spaceAfter=4, alignment=TA_LEFT),
        "note": ParagraphStyle("note", parent=base, fontSize=7.5, leading=10.5, textColor=GREY,
                               alignment=TA_LEFT),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
    }


def esc(text: str) -> str:
    """Escape text for Paragraph markup and keep line breaks."""
    return escape(text).replace("\n", "<br/>")


def para(text: str, style: str = "body", markup: bool = False) -> Paragraph:
    return Paragraph(text if markup else esc(text), styles()[style])


def cell(text: str, small: str = "", style: str = "cell") -> Paragraph:
    """A wrapping table cell, optionally with a smaller grey second line."""
    body = esc(text)
    if small:
        body += f'<br/><font size="7.5" color="#666666">{esc(small)}</font>'
    return Paragraph(body, styles()[style])


# --------------------------------------------------------------------------------------------- tables


def grid_table(header: Sequence[str], rows: Sequence[Sequence[Any]], widths_mm: Sequence[float],
               align_center: Sequence[int] = (), font_size: float = 9) -> Table:
    """A ruled table with a grey header row that repeats on every page the table spans."""
    font = register_fonts()
    widths = [w * mm for w in widths_mm]
    data = [list(header)] + [list(r) for r in rows]
    t = Table(data, colWidths=widths, repeatRows=1)
    cmds: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), font, font_size, font_size * 1.4),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEAD_BG),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    cmds += [("ALIGN", (c, 1), (c, -1), "CENTER") for c in align_center]
    t.setStyle(TableStyle(cmds))
    return t


def kv_table(rows: Sequence[Sequence[Any]], widths_mm: Sequence[float], grey_label_columns: bool = False) -> Table:
    """A ruled label/value table; labels (even columns) are grey. A row shorter than the widths spans its
    last value to the right edge. ``grey_label_columns``: the whole label columns grey, also under a
    spanning value (notice layout 1, kept so notices printed in it still verify)."""
    font = register_fonts()
    ncols = len(widths_mm)
    data, cmds = [], [
        ("FONT", (0, 0), (-1, -1), font, 9, 12.5),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if grey_label_columns:
        cmds += [("BACKGROUND", (c, 0), (c, -1), HEAD_BG) for c in range(0, ncols, 2)]
    for i, r in enumerate(rows):
        r = list(r)
        # grey behind the labels this row has: never behind a value spanning the rest of a short row
        for c in range(0, min(len(r), ncols) - 1, 2) if not grey_label_columns else ():
            cmds.append(("BACKGROUND", (c, i), (c, i), HEAD_BG))
        if len(r) < ncols:
            cmds.append(("SPAN", (len(r) - 1, i), (-1, i)))
            r += [""] * (ncols - len(r))
        data.append(r)
    t = Table(data, colWidths=[w * mm for w in widths_mm])
    t.setStyle(TableStyle(cmds))
    return t


def plain_row(left: str, right: str) -> Table:
    """One borderless line: text at the left and at the right (e.g. registration no. / serial)."""
    t = Table([[left, right]], colWidths=[CONTENT_W / 2, CONTENT_W / 2])
    t.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), register_fonts(), 9.5, 13),
                           ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                           ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return t


# ------------------------------------------------------------------------------------------ flowables


def _bold_text(canv: Canvas, x: float, y: float, text: str, size: float, color: Any = colors.black,
               char_space: float = 0.0, stroke: float = 0.35) -> None:
    """Text with a thin stroke around the glyphs: a "bold" face the font does not have."""
    t = canv.beginText()
    t.setFont(register_fonts(), size)
    t.setTextRenderMode(2)
    t.setCharSpace(char_space)
    t.setTextOrigin(x, y)
    t.textOut(text)
    canv.saveState()
    canv.setFillColor(color)
    canv.setStrokeColor(color)
    canv.setLineWidth(stroke)
    canv.drawText(t)
    canv.restoreState()


class Title(Flowable):
    """The document title, centred, stroked bold, with a little letter spacing."""

    def __init__(self, text: str, size: float = 19, space_after: float = 5 * mm):
        super().__init__()
        self.text, self.size, self.space_after = text, size, space_after
        self.char_space = 1.5 if len(text) <= 14 else 0.5

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._aw = aw
        return aw, self.size * 1.3 + self.space_after

    def draw(self) -> None:
        w = text_width(self.text, self.size) + self.char_space * (len(self.text) - 1)
        _bold_text(self.canv, (self._aw - w) / 2, self.space_after + self.size * 0.3, self.text, self.size,
                   char_space=self.char_space, stroke=0.45)


class SignatureBlock(Flowable):
    """The end of a document: the verification QR with its note at the left, and at the right the seal
    area (a dashed circle marked （盖章）) over the office name and the issue date."""

    def __init__(self, office_name: str, date_text: str, payload: str, caption: str, note: str,
                 diameter: float = 36 * mm):
        super().__init__()
        self.office, self.date_text, self.d = office_name, date_text, diameter
        self.payload, self.caption, self.note = payload, caption, note

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._aw = aw
        return aw, max(self.d, QR_SIZE + 4 * mm) + 4 * mm

    def draw(self) -> None:
        c, font = self.canv, register_fonts()
        size = min(10.5, 10.5 * SEAL_TEXT_MAX / max(text_width(self.office, 10.5), 1))
        block_w = max(self.d, text_width(self.office, size), text_width(self.date_text, size))
        cx = self._aw - block_w / 2 - 2 * mm
        cy = 4 * mm + self.d / 2
        c.saveState()
        c.setStrokeColor(colors.Color(0.6, 0.6, 0.6))
        c.setDash(3, 2)
        c.setLineWidth(0.8)
        c.circle(cx, cy, self.d / 2, stroke=1, fill=0)
        c.setDash()
        c.setFillColor(colors.Color(0.55, 0.55, 0.55))
        c.setFont(font, 9)
        c.drawCentredString(cx, cy + 7 * mm, "（盖章）")
        c.setFillColor(colors.black)
        c.setFont(font, size)
        c.drawCentredString(cx, cy - 2 * mm, self.office)
        c.drawCentredString(cx, cy - 8 * mm, self.date_text)
        c.restoreState()
        if self.payload:
            y = 4 * mm
            draw_qr(c, self.payload, 0, y, QR_SIZE)
            c.saveState()
            c.setFont(font, 6.5)
            c.setFillColor(GREY)
            c.drawCentredString(QR_SIZE / 2, y - 1 * mm, self.caption)
            c.restoreState()
            if self.note:
                p = Paragraph(self.note, styles()["note"])
                avail = self._aw - QR_SIZE - block_w - 12 * mm
                _, h = p.wrap(avail, QR_SIZE)
                p.drawOn(c, QR_SIZE + 3 * mm, y + (QR_SIZE - h) / 2)


# ---------------------------------------------------------------------------------- document & pages


@dataclass
class PageMeta:
    """What the page decorations and the PDF metadata show."""

    office_name: str
    title: str
    serial: str
    issued_at: datetime
    header_right: str = ""  # e.g. "登记号：Y2026…" on continuation pages
    info_extras: dict[str, str] = field(default_factory=dict)  # custom PDF Info keys (ASCII values)


class _Info(PDFInfo):
    """PDF Info dictionary with extra keys (ReportLab only writes the standard ones)."""

    def __init__(self, base: PDFInfo, extras: dict[str, str]):
        super().__init__()
        self.__dict__.update(base.__dict__)
        self._extras = extras

    def format(self, document: Any) -> bytes:
        D: dict[str, Any] = {
            "Title": PDFString(self.title), "Author": PDFString(self.author),
            "Subject": PDFString(self.subject), "Keywords": PDFString(self.keywords),
            "Creator": PDFString(self.creator), "Producer": PDFString(self.producer),
            "Trapped": PDFName(self.trapped),
        }
        D["ModDate"] = D["CreationDate"] = PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
        for k, v in self._extras.items():
            D[k] = PDFString(v)
        return PDFDictionary(D).format(document)


class _IssueTime:
    """A ReportLab TimeStamp fixed at the issue time (UTC) so reprints are byte-identical."""

    def __init__(self, when: datetime):
        t = when.astimezone(UTC)
        self.t = t.timestamp()
        self.lt = time.gmtime(self.t)
        self.YMDhms = tuple(self.lt)[:6]
        self.dhh = self.dmm = 0
        self.tzname = "UTC"


class _NumberedCanvas(Canvas):
    """Keeps each finished page, then draws "第 x 页 共 y 页" on all of them when saving."""

    def __init__(self, *args: Any, meta: PageMeta, **kw: Any):
        super().__init__(*args, **kw)
        self._meta = meta
        self._pages: list[dict[str, Any]] = []
        self._doc._timeStamp = _IssueTime(meta.issued_at)
        self._doc.info = _Info(self._doc.info, meta.info_extras)

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _draw_footer(self, total: int) -> None:
        m, font = self._meta, register_fonts()
        self.saveState()
        self.setStrokeColor(colors.Color(0.6, 0.6, 0.6))
        self.setLineWidth(0.5)
        self.line(MARGIN_X, BOTTOM - 5 * mm, PAGE_W - MARGIN_X, BOTTOM - 5 * mm)
        self.setFont(font, 9)
        self.setFillColor(colors.black)
        self.drawCentredString(PAGE_W / 2, BOTTOM - 10 * mm, f"第 {self._pageNumber} 页 共 {total} 页")
        self.setFont(font, 8)
        self.setFillColor(GREY)
        self.drawRightString(PAGE_W - MARGIN_X, BOTTOM - 10 * mm, f"编号：{m.serial}")
        self.drawString(MARGIN_X, BOTTOM - 10 * mm, m.title)
        self.restoreState()


def _first_page(canv: Canvas, doc: Any) -> None:
    m: PageMeta = doc._meta
    size = 18.0
    w = text_width(m.office_name, size) + 2 * (len(m.office_name) - 1)
    if w > CONTENT_W:  # a long office name: shrink to fit the line
        size *= CONTENT_W / w
        w = CONTENT_W
    _bold_text(canv, (PAGE_W - w) / 2, PAGE_H - 21 * mm, m.office_name, size, color=RED, char_space=2,
               stroke=0.5)
    canv.saveState()
    canv.setStrokeColor(RED)
    canv.setLineWidth(1.6)
    canv.line(MARGIN_X, PAGE_H - 27 * mm, PAGE_W - MARGIN_X, PAGE_H - 27 * mm)
    canv.setLineWidth(0.5)
    canv.line(MARGIN_X, PAGE_H - 28.2 * mm, PAGE_W - MARGIN_X, PAGE_H - 28.2 * mm)
    canv.restoreState()


def _later_page(canv: Canvas, doc: Any) -> None:
    m: PageMeta = doc._meta
    canv.saveState()
    canv.setFont(register_fonts(), 8.5)
    canv.setFillColor(GREY)
    y = PAGE_H - 12 * mm
    canv.drawString(MARGIN_X, y, f"{m.office_name}　{m.title}（续）")
    canv.drawRightString(PAGE_W - MARGIN_X, y, m.header_right or f"编号：{m.serial}")
    canv.setStrokeColor(colors.Color(0.6, 0.6, 0.6))
    canv.setLineWidth(0.5)
    canv.line(MARGIN_X, y - 2.5 * mm, PAGE_W - MARGIN_X, y - 2.5 * mm)
    canv.restoreState()


class _DocTemplate(BaseDocTemplate):
    def __init__(self, out: Any, meta: PageMeta):
        super().__init__(out, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=TOP_LATER,
                         bottomMargin=BOTTOM, invariant=1, initialFontName=register_fonts(),
                         title=f"{meta.title} {meta.serial}", author=meta.office_name,
                         subject=f"{meta.title}（编号 {meta.serial}）", creator="ipdesk")
        self._meta = meta
        first = Frame(MARGIN_X, BOTTOM, CONTENT_W, PAGE_H - TOP_FIRST - BOTTOM, id="first",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        later = Frame(MARGIN_X, BOTTOM, CONTENT_W, PAGE_H - TOP_LATER - BOTTOM, id="later",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([
            PageTemplate("First", [first], onPage=_first_page, autoNextPageTemplate="Later"),
            PageTemplate("Later", [later], onPage=_later_page),
        ])


def build_pdf(out: Path | str | BinaryIO, story: list[Flowable], meta: PageMeta) -> None:
    """Lay out ``story`` on the notice pages and write the PDF to ``out`` (a path or a binary stream)."""
    register_fonts()
    target = str(out) if isinstance(out, Path) else out
    doc = _DocTemplate(target, meta)

    def maker(*args: Any, **kw: Any) -> Canvas:
        return _NumberedCanvas(*args, meta=meta, **kw)

    doc.build(story, canvasmaker=maker)

