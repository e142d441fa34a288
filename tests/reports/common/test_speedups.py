"""ReportLab's helpers memoised by ipdesk.reports.common.speedups return exactly what the originals return
(a notice's bytes depend on every digit), for repeated and unusual arguments alike."""

from __future__ import annotations

from reportlab.lib import rl_accel
from reportlab.pdfbase import pdfmetrics, ttfonts

from ipdesk.reports.common import speedups
from ipdesk.reports.common.fonts import register_fonts


def test_memoised_helpers_equal_the_originals() -> None:
    font = register_fonts()  # installs the stand-ins
    fp_str = speedups._memo_fp_str(rl_accel._py_fp_str)
    assert ttfonts.fp_str is not rl_accel._py_fp_str  # in place where ReportLab bound the original
    values = [0, 1, 1.0, True, -0.0, 1e-9, 0.5, 2.675, 123456.789, -3.14159265, 595.2755905511812, 10**7]
    for v in values * 2:  # twice: the second time from the memo
        assert fp_str(v) == rl_accel._py_fp_str(v)
    assert fp_str(values) == rl_accel._py_fp_str(values) and fp_str(*values) == rl_accel._py_fp_str(*values)
    assert fp_str((1, 2.5)) == rl_accel._py_fp_str((1, 2.5))
    escape = speedups._memo_escape(rl_accel._py_escapePDF)
    for s in ["(a\\b)", b"\x00\xff(x)", "plain"] * 2:
        assert escape(s) == rl_accel._py_escapePDF(s)
    face = pdfmetrics.getFont(font)
    for text in ["质押登记通知书", "ABC 123", "", b"bytes"] * 2:
        assert face.stringWidth(text, 9) == rl_accel._py_instanceStringWidthTTF(face, text, 9)
    assert face.face.get_table("head") == face.face._ttf_data[slice(*_span(face.face, "head"))]


def _span(ttf: ttfonts.TTFontFile, tag: str) -> tuple[int, int]:
    pos, length = ttf.get_table_pos(tag)
    return pos, pos + length
