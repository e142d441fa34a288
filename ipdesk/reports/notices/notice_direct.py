"""Notice layout 3: the notice page drawn directly (:mod:`~ipdesk.reports.common.direct_flow`) into a PDF
written by :mod:`~ipdesk.reports.common.direct_pdf` — the same page as layouts 1–2 to a reader (letterhead,
title, decision, parties, particulars, rights, what the kind adds, closing, QR and seal, x of y), about
five times faster to print: no platypus, and the fixed wording's glyphs are a font subset built once per
process (:data:`FIXED_GLYPHS`), so only a notice's own names and titles are subset per document.

:data:`FIXED_GLYPHS` is part of layout 3: notices printed in it are re-rendered with exactly this set when
verified, so it is never edited; a layout that needs other fixed glyphs is a new version.
"""

from __future__ import annotations

from reportlab.lib.units import mm

from ipdesk.domain.notices.notice import FAMILY_TERMS, Notice, NoticeKind, china_date
from ipdesk.reports.common.direct_flow import (
    BLACK,
    GREY,
    LINE_GREY,
    Cell,
    Item,
    Page,
    Row,
    paginate,
    paragraph,
    rgb,
    space,
    table,
)
from ipdesk.reports.common.direct_pdf import Fonts, fixed_fonts, num, width, write_pdf
from ipdesk.reports.common.layout import (
    BOTTOM,
    CONTENT_W,
    MARGIN_X,
    PAGE_H,
    PAGE_W,
    QR_SIZE,
    SEAL_TEXT_MAX,
    TOP_FIRST,
    TOP_LATER,
)
from ipdesk.reports.common.qr import qr_runs
from ipdesk.reports.notices.notice_text import (
    closing_text,
    decision_text,
    names,
    particular_rows,
    party_rows,
    right_rows,
    verification_note,
)

#: Layout 3's fixed glyphs (besides ASCII): the wording, titles, labels, dates and amounts of every kind,
#: and the characters most names and addresses share. Frozen: see the module docstring.
FIXED_GLYPHS = (  # most used first: the first 160 share the ASCII subset, so a line rarely changes font
    "号日权记登利质专限公行有年知月，：国。人押（）一请、申编发码验份科技中债已或通明产的被识“”名大省市"
    "区分银股为项事务销书法页件本共及撤文签证二内子容扫核用电离称道改仟佰合拾效期生第予当履由理¥序担满盖"
    "章要保清以写出可复届数身额万三与于交伍使信修元单含告型壹备定币授摘整果此民特真篡类统钥；路代会伪功密"
    "开打社线结维能叁捌提柒玖角贰起陆准审经补查自规之符不变更正立设注四据条未下依十因根决列前原在存政议需"
    "者且六关到后回失如对形情收无服续视讼诉该目—七上九五亿作八册品商外实指标著软零业农建工集团县街楼室支"
    "见"
)
_NUMERALS = "一二三四五六七八九十"
RED = (0.75, 0.05, 0.05)
_SEAL_GREY = (0.55, 0.55, 0.55)


def _bold(page: Page, x: float, y: float, text: str, size: float, colour: tuple[float, float, float],
          space: float, stroke: float) -> None:
    page.text(x, y, text, size, colour, space, bold=stroke)


def _title(text: str) -> Item:
    size, after = 19.0, 5 * mm
    cs = 1.5 if len(text) <= 14 else 0.5

    def draw(page: Page, x: float, y: float) -> None:
        w = width(text, size) + cs * (len(text) - 1)
        _bold(page, x + (CONTENT_W - w) / 2, y - size, text, size, BLACK, cs, 0.45)

    return Item(size * 1.3 + after, draw)


def _plain_row(left: str, right: str) -> Item:
    def draw(page: Page, x: float, y: float) -> None:
        page.text(x, y - 10.5, left, 9.5)
        page.right(x + CONTENT_W, y - 10.5, right, 9.5)

    return Item(19.0, draw)


class _Sections:
    """Section headings 一、二、三… (11 pt, 6 before, 4 after), kept with what follows them."""

    def __init__(self) -> None:
        self.n = 0

    def __call__(self, text: str) -> Item:
        self.n += 1
        line = f"{_NUMERALS[self.n - 1]}、{text}"
        return Item(25.0, lambda page, x, y: page.text(x, y - 6 - 11, line, 11), keep_with_next=True)


def _grid(header: list[str], rows: list[list[str]], widths_mm: list[float], wrapped: tuple[int, ...],
          centre: tuple[int, ...] = (), smalls: list[str] | None = None) -> list[Item]:
    """A grid table as layouts 1–2 draw it: plain cells have the table font's leading (9 × 1.4), the
    ``wrapped`` columns (paragraphs there) 12.5."""
    head = Row([Cell(h, align="center", leading=12.6) for h in header])
    body = []
    for k, r in enumerate(rows):
        cells = [Cell(t, align="center" if i in centre else "left", leading=12.5 if i in wrapped else 12.6)
                 for i, t in enumerate(r)]
        if smalls is not None:
            cells[1].small = smalls[k]
        body.append(Row(cells))
    return table(body, [w * mm for w in widths_mm], head)


def _kv(rows: list[list[str]], widths_mm: list[float]) -> list[Item]:
    ncols, body = len(widths_mm), []
    for r in rows:
        cells = [Cell(t) for t in r]
        if len(r) < ncols:
            cells[-1].span = ncols - len(r) + 1
        body.append(Row(cells, greys=set(range(0, min(len(r), ncols) - 1, 2))))
    return table(body, [w * mm for w in widths_mm])


def notice_items(n: Notice, payload: str) -> list[Item]:
    """The flow of a notice page, top to bottom (the page decorations are drawn per page)."""
    assert n.family is not None
    terms = FAMILY_TERMS[n.family]
    sec = _Sections()
    left = f"登记号：{n.registration_no}" if n.registration_no else f"申请号：{n.application_no}"
    items = [_title(n.title[0]), _plain_row(left, f"编号：{n.serial}")]
    addressees = names([*n.pledgors, n.pledgee])
    if addressees:
        items += paragraph(f"{addressees}：", 10.5, 17, CONTENT_W)
    items += paragraph(decision_text(n), 10.5, 17, CONTENT_W, indent=21)
    if n.kind == NoticeKind.REFUSAL and n.grounds:
        items.append(sec("不予登记的理由及依据"))
        items += _grid(["序号", "不予登记的理由", "依据"],
                       [[str(i), g.reason, g.article] for i, g in enumerate(n.grounds, 1)], [12, 90, 68], (1, 2), (0,))
    if n.kind == NoticeKind.CORRECTION and n.corrections:
        items.append(sec(f"需要补正的事项（补正期限：{china_date(n.correction_deadline, '见上文')}）"))
        items += _grid(["序号", "补正事项"], [[str(i), c] for i, c in enumerate(n.corrections, 1)], [12, 158],
                       (1,), (0,))
    if n.kind == NoticeKind.CHANGE and n.changes:
        items.append(sec("变更事项"))
        changes = [[c.field, c.before, c.after] for c in n.changes]
        items += _grid(["变更项目", "变更前", "变更后"], changes, [34, 68, 68], (0, 1, 2))
    if n.kind == NoticeKind.CANCELLATION and n.cancellation_trigger:
        items.append(sec("注销原因"))
        items += _kv([["注销原因", n.cancellation_trigger], ["注销登记日", china_date(n.cancellation_date, "—")]],
                     [34, 136])
    parties = party_rows(n)
    if parties:
        items.append(sec("当事人"))
        items += _grid(["身份", "名称", "统一社会信用代码"], [[role, p.name, p.uscc or "—"] for role, p in parties],
                       [22, 94, 54], (1,), (0,), smalls=[p.address for _role, p in parties])
    items.append(sec("质押登记事项"))
    items += _kv(particular_rows(n), [34, 51, 34, 51])
    if n.rights:
        items.append(sec(f"质押权利清单（共 {len(n.rights)} 项）"))
        items += _grid(["序号", terms["number"][0], "名称", "类型", terms["filed"][0], terms["granted"][0]],
                       right_rows(n), [10, 33, 66, 19, 21, 21], (1, 2), (0, 3, 4, 5))
    if n.remarks:
        items.append(sec("备注"))
        items += paragraph(n.remarks, 10.5, 17, CONTENT_W, indent=21)
    items.append(space(2 * mm))
    closing = paragraph(closing_text(n), 10.5, 17, CONTENT_W, indent=21)
    for item in closing:
        item.keep_with_next = True  # the closing words stay with the seal (KeepTogether in layouts 1–2)
    return [*items, *closing, _signature(n, payload)]


def _circle(cx: float, cy: float, r: float) -> str:
    k = 0.5523 * r
    p = [(cx + r, cy), (cx + r, cy + k), (cx + k, cy + r), (cx, cy + r), (cx - k, cy + r), (cx - r, cy + k),
         (cx - r, cy), (cx - r, cy - k), (cx - k, cy - r), (cx, cy - r), (cx + k, cy - r), (cx + r, cy - k)]
    path = [f"{num(p[0][0])} {num(p[0][1])} m"]
    for i in range(1, 12, 3):
        (a, b), (c, d), (e, f) = p[i], p[i + 1], p[(i + 2) % 12]
        path.append(f"{num(a)} {num(b)} {num(c)} {num(d)} {num(e)} {num(f)} c")
    return " ".join(path)


def _signature(n: Notice, payload: str) -> Item:
    """QR + caption + verification note at the left, the seal area (dashed circle, （盖章）, office, date)
    at the right, as layouts 1–2's SignatureBlock."""
    d = 36 * mm
    height = max(d, QR_SIZE + 4 * mm) + 4 * mm

    def draw(page: Page, x: float, y: float) -> None:
        office, date_text = n.office_name, china_date(n.issued_on or n.issued_at)
        size = min(10.5, 10.5 * SEAL_TEXT_MAX / max(width(office, 10.5), 1))
        block_w = max(d, width(office, size), width(date_text, size))
        bottom = y - height
        cx, cy = x + CONTENT_W - block_w / 2 - 2 * mm, bottom + 4 * mm + d / 2
        page.literal(f"q {rgb(LINE_GREY)} RG [3 2] 0 d .8 w {_circle(cx, cy, d / 2)} S Q")
        page.centred(cx, cy + 7 * mm, "（盖章）", 9, _SEAL_GREY)
        page.centred(cx, cy - 2 * mm, office, size)
        page.centred(cx, cy - 8 * mm, date_text, size)
        qy = bottom + 4 * mm
        modules, runs = qr_runs(payload)
        unit = QR_SIZE / (modules + 8)  # module units, origin at the square's top-left corner, y down
        page.literal(f"q 0 g {num(unit)} 0 0 {num(-unit)} {num(x)} {num(qy + QR_SIZE)} cm\n"
                     + "\n".join(runs) + "\nf Q")
        page.centred(x + QR_SIZE / 2, qy - 1 * mm, "扫码验证", 6.5, GREY)
        note = verification_note(office, payload.split("|")[3], n.serial)
        avail = CONTENT_W - QR_SIZE - block_w - 12 * mm
        lines = paragraph(note, 7.5, 10.5, avail, justify=False, colour=GREY)
        top = qy + (QR_SIZE + len(lines) * 10.5) / 2
        for line in lines:
            line.draw(page, x + QR_SIZE + 3 * mm, top)
            top -= line.height

    return Item(height, draw)


def _decorate(n: Notice, page: Page, index: int) -> float:
    """Page 1's letterhead (office name in red over a double rule) or a later page's running header;
    returns the top of the page's frame."""
    office, title = n.office_name, n.title[0]
    if index == 0:
        size = 18.0
        w = width(office, size) + 2 * (len(office) - 1)
        if w > CONTENT_W:  # a long office name: shrink to fit the line
            size, w = size * CONTENT_W / w, CONTENT_W
        _bold(page, (PAGE_W - w) / 2, PAGE_H - 21 * mm, office, size, RED, 2, 0.5)
        page.line(MARGIN_X, PAGE_H - 27 * mm, PAGE_W - MARGIN_X, PAGE_H - 27 * mm, 1.6, RED)
        page.line(MARGIN_X, PAGE_H - 28.2 * mm, PAGE_W - MARGIN_X, PAGE_H - 28.2 * mm, 0.5, RED)
        return PAGE_H - TOP_FIRST
    y = PAGE_H - 12 * mm
    header = f"登记号：{n.registration_no}" if n.registration_no else f"编号：{n.serial}"
    page.text(MARGIN_X, y, f"{office}　{title}（续）", 8.5, GREY)
    page.right(PAGE_W - MARGIN_X, y, header, 8.5, GREY)
    page.line(MARGIN_X, y - 2.5 * mm, PAGE_W - MARGIN_X, y - 2.5 * mm, 0.5, LINE_GREY)
    return PAGE_H - TOP_LATER


def _footer(n: Notice, page: Page, number: int, total: int) -> None:
    y = BOTTOM - 10 * mm
    page.line(MARGIN_X, BOTTOM - 5 * mm, PAGE_W - MARGIN_X, BOTTOM - 5 * mm, 0.5, LINE_GREY)
    page.centred(PAGE_W / 2, y, f"第 {number} 页 共 {total} 页", 9)
    page.right(PAGE_W - MARGIN_X, y, f"编号：{n.serial}", 8, GREY)
    page.text(MARGIN_X, y, n.title[0], 8, GREY)


def notice_pdf(n: Notice, payload: str, info: dict[str, str]) -> bytes:
    """The PDF of ``n`` in layout 3 with the QR of ``payload`` and ``info`` (the signed payload and
    content) in its Info dictionary: a pure function of its arguments."""
    fonts = Fonts(fixed_fonts(FIXED_GLYPHS))

    def new_page(index: int) -> tuple[Page, float]:
        page = Page(fonts)
        return page, _decorate(n, page, index)

    pages = paginate(notice_items(n, payload), new_page, BOTTOM, MARGIN_X)
    for number, page in enumerate(pages, 1):
        _footer(n, page, number, len(pages))
    title = n.title[0]
    info = {"Title": f"{title} {n.serial}", "Author": n.office_name, "Subject": f"{title}（编号 {n.serial}）",
            "Creator": "ipdesk", "Producer": "ipdesk", **info}
    return write_pdf(fonts, ["\n".join(p.ops) for p in pages], info, n.issued_at)


def warm() -> None:
    """Build the fixed font subsets now (a batch worker's start) rather than in its first notice."""
    fixed_fonts(FIXED_GLYPHS)
