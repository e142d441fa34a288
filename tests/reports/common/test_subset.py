"""The fast TrueType subsetter gives exactly ReportLab's subset bytes (layout 3 notices embed its output and
are re-rendered with it when verified), for simple and composite glyphs, one glyph to a full subset."""

from __future__ import annotations

import random
from struct import unpack_from

import pytest
from reportlab.pdfbase import pdfmetrics

from ipdesk.reports.common.fonts import register_fonts
from ipdesk.reports.common.subset import make_subset


@pytest.fixture(scope="module")
def face():
    return pdfmetrics.getFont(register_fonts()).face


def _composite(face, code: int) -> bool:
    g = face.charToGlyph[code]
    start, end = face.glyphPos[g], face.glyphPos[g + 1]
    return end > start and unpack_from(">h", face.get_table("glyf"), start)[0] < 0


def test_the_same_bytes_as_reportlab(face) -> None:
    codes = sorted(face.charToGlyph)
    composite = [c for c in codes[::50] if _composite(face, c)]
    simple = [c for c in codes[::50] if not _composite(face, c)]
    assert composite and simple  # the font has both kinds (most CJK glyphs are composites)
    rnd = random.Random(14)
    cases = [[0], [0, ord("A")], [0, *map(ord, "国家知识产权局专利权质押登记通知书")], [0, *composite[:40]],
             [0, *simple[:40]], [0, 0x10FFFF, ord("中")]]  # a code the font lacks: glyph 0, as ReportLab
    cases += [[0, *rnd.sample(codes, n)] for n in (1, 9, 60, 150, 255) for _ in range(8)]
    for subset in cases:
        assert make_subset(face, subset) == face.makeSubset(subset), subset[:5]
