"""Direct page drawing for :mod:`.direct_pdf`: a page of operators, CJK line breaking with cached widths,
paragraphs and ruled tables as items of known height, and pagination (tables repeat their header).

The geometry copies the platypus pages of :mod:`.layout` (same margins, fonts, sizes, leadings, paddings
and colours), so a page drawn here reads the same; only the drawing is direct: each item is measured once
and writes its operators straight into the page's content stream.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ipdesk.reports.common.direct_pdf import Fonts, num, width

Colour = tuple[float, float, float]
BLACK: Colour = (0, 0, 0)
GREY: Colour = (0.4, 0.4, 0.4)
GRID: Colour = (0.35, 0.35, 0.35)
HEAD_BG: Colour = (0.92, 0.92, 0.92)
LINE_GREY: Colour = (0.6, 0.6, 0.6)


def rgb(c: Colour) -> str:
    return f"{num(c[0])} {num(c[1])} {num(c[2])}"


class Page:
    """One page's content stream, drawn with the document's fonts."""

    def __init__(self, fonts: Fonts):
        self.fonts = fonts
        self.ops: list[str] = []

    def text(self, x: float, y: float, s: str, size: float, colour: Colour = BLACK, space: float = 0.0,
             bold: float = 0.0) -> None:
        """``s`` with its baseline starting at (x, y); ``space``: extra between characters; ``bold``: the
        width of a stroke around the glyphs (the font has no bold face)."""
        if not s:
            return
        shown = self.fonts.show(s, size)
        if space or bold:
            mode = f"2 Tr {rgb(colour)} RG {num(bold)} w " if bold else ""
            self.ops.append(f"q BT {mode}{num(space)} Tc {rgb(colour)} rg 1 0 0 1 {num(x)} {num(y)} Tm {shown} ET Q")
        else:
            self.ops.append(f"BT {rgb(colour)} rg 1 0 0 1 {num(x)} {num(y)} Tm {shown} ET")

    def centred(self, x: float, y: float, s: str, size: float, colour: Colour = BLACK) -> None:
        self.text(x - width(s, size) / 2, y, s, size, colour)

    def right(self, x: float, y: float, s: str, size: float, colour: Colour = BLACK) -> None:
        self.text(x - width(s, size), y, s, size, colour)

    def line(self, x1: float, y1: float, x2: float, y2: float, w: float, colour: Colour) -> None:
        self.ops.append(f"q {rgb(colour)} RG {num(w)} w {num(x1)} {num(y1)} m {num(x2)} {num(y2)} l S Q")

    def fill(self, x: float, y: float, w: float, h: float, colour: Colour) -> None:
        self.ops.append(f"q {rgb(colour)} rg {num(x)} {num(y)} {num(w)} {num(h)} re f Q")

    def literal(self, ops: str) -> None:
        self.ops.append(ops)


# ---------------------------------------------------------------------------------------- line breaking

_TOKENS = re.compile(r"[!-~]+|\s|.", re.S)
#: characters that may not begin a line (they stay at the end of the previous one)
_NO_START = set("，。、；：？！）》」』”’％%,.;:!?)]}·…")


def wrap(text: str, size: float, avail: float, indent: float = 0.0) -> list[str]:
    """Greedy CJK line breaking: between any two CJK characters, ASCII words kept whole when they fit,
    closing punctuation never at a line start, ``\\n`` a forced break; the first line ``indent`` shorter."""
    lines: list[str] = []
    for part in text.split("\n"):
        line, used, room = "", 0.0, avail - (indent if not lines else 0.0)
        for tok in _TOKENS.findall(part):
            w = width(tok, size)
            if used + w <= room + 0.01 or not line or tok in _NO_START:
                if w > room and len(tok) > 1 and not line:  # a word longer than the line: cut it
                    for c in tok:
                        cw = width(c, size)
                        if used + cw > room + 0.01 and line:
                            lines.append(line)
                            line, used, room = "", 0.0, avail
                        line, used = line + c, used + cw
                    continue
                line, used = line + tok, used + w
                continue
            lines.append(line.rstrip())
            tok = tok.lstrip()
            line, used, room = tok, width(tok, size), avail
        lines.append(line.rstrip())
    return lines


# ------------------------------------------------------------------------------------------------ items


@dataclass
class Item:
    """A piece of the flow: its height and what it draws with its top edge at ``y`` (left edge ``x``)."""

    height: float
    draw: Callable[[Page, float, float], None]
    keep_with_next: bool = False
    header: Item | None = None  # drawn first when the item starts a new page (a table's header row)


def paragraph(text: str, size: float, leading: float, avail: float, indent: float = 0.0,
              justify: bool = True, colour: Colour = BLACK) -> list[Item]:
    """One item per line (a page may break between lines); full lines justified by character spacing."""
    lines = wrap(text, size, avail, indent)
    items = []
    for i, line in enumerate(lines):
        dx = indent if i == 0 else 0.0
        space = 0.0
        if justify and i < len(lines) - 1 and len(line) > 1:
            space = max(0.0, (avail - dx - width(line, size)) / (len(line) - 1))

        def draw(page: Page, x: float, y: float, line: str = line, dx: float = dx, space: float = space) -> None:
            page.text(x + dx, y - size, line, size, colour, space)

        items.append(Item(leading, draw))
    return items


@dataclass
class Cell:
    """A table cell's text: the main text and an optional smaller grey second line (an address)."""

    text: str
    small: str = ""
    size: float = 9.0
    leading: float = 12.5
    align: str = "left"  # or "center"
    span: int = 1


@dataclass
class Row:
    cells: list[Cell]
    greys: set[int] = field(default_factory=set)  # column indexes with the grey label background


PAD_X, PAD_Y = 4.0, 3.0


def table(rows: Sequence[Row], widths: Sequence[float], header: Row | None = None) -> list[Item]:
    """A ruled table (0.5 pt grid), cells centred vertically; with ``header`` (grey) repeated on every
    page the table continues on."""
    head_item = _row_item(header, widths, header=True) if header else None
    items = [head_item] if head_item else []
    for r in rows:
        item = _row_item(r, widths)
        item.header = head_item
        items.append(item)
    if head_item is not None:
        head_item.keep_with_next = True
    return items


def _row_item(row: Row, widths: Sequence[float], header: bool = False) -> Item:
    spans, col = [], 0
    for c in row.cells:
        w = sum(widths[col:col + c.span])
        small = 7.5
        lines = [(ln, c.size, BLACK) for ln in wrap(c.text, c.size, w - 2 * PAD_X)] if c.text else []
        if c.small:
            lines += [(ln, small, GREY) for ln in wrap(c.small, small, w - 2 * PAD_X)]
        spans.append((col, w, c, lines))
        col += c.span
    height = max(len(lines) * c.leading for _col, _w, c, lines in spans) + 2 * PAD_Y

    def draw(page: Page, x: float, y: float) -> None:
        left = x
        for col, w, c, lines in spans:
            if header or col in row.greys:
                page.fill(left, y - height, w, height, HEAD_BG)
            top = y - (height - len(lines) * c.leading) / 2
            for i, (ln, size, colour) in enumerate(lines):
                base = top - i * c.leading - c.size
                if c.align == "center":
                    page.centred(left + w / 2, base, ln, size, colour)
                else:
                    page.text(left + PAD_X, base, ln, size, colour)
            page.literal(f"q {rgb(GRID)} RG .5 w {num(left)} {num(y - height)} {num(w)} {num(height)} re S Q")
            left += w

    return Item(height, draw)


def space(height: float) -> Item:
    return Item(height, lambda page, x, y: None)


def paginate(items: Sequence[Item], new_page: Callable[[int], tuple[Page, float]], bottom: float,
             x: float) -> list[Page]:
    """Place ``items`` top-down; a page ends where the next item (with those it keeps with) does not fit.
    ``new_page(index)``: a new page with its decorations and the top of its frame."""
    pages: list[Page] = []
    page, y = new_page(0)
    pages.append(page)
    top = y
    i = 0
    while i < len(items):
        j, h = i, items[i].height
        while items[j].keep_with_next and j + 1 < len(items):
            j += 1
            h += items[j].height
        if y - h < bottom and y < top:
            page, y = new_page(len(pages))
            pages.append(page)
            top = y
            head = items[i].header
            if head is not None:
                head.draw(page, x, y)
                y -= head.height
        for item in items[i:j + 1]:
            item.draw(page, x, y)
            y -= item.height
        i = j + 1
    return pages
