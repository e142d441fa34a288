"""The verification QR (ipdesk.reports.common.qr): ReportLab's codewords, one of its eight valid
matrices, the ISO mask penalty, and exactly the matrix the encoder always produced (notices already
printed are compared module by module when verified, and reprints are byte-identical)."""

from __future__ import annotations

import random

from reportlab.graphics.barcode import qrencoder as qe

from ipdesk.reports.common import layout
from ipdesk.reports.common import qr as qr_module


def _reference_matrix(text: str) -> list[list[bool]]:
    """The encoder as it was before its per-version caches: ReportLab builds the code, its data placed
    twice (blank format to score the masks, then the chosen mask), ReportLab's own codewords."""
    qr = qe.QRCode(None, qr_module.QR_LEVEL)
    qr.addData(qe.QR8bitByte(text))
    qr.version = qr.calculate_version()
    n = qr.version * 4 + 17
    content, masks = qr_module._mask_tables(qr.version)
    qr.dataCache = qe.QRCode.createData(qr.version, qr.errorCorrectLevel, qr.dataList)
    qr.makeImpl(True, 0)
    rows = qr_module._big(qr.modules) ^ masks[0][0]
    cols = qr_module._big(zip(*qr.modules, strict=True)) ^ masks[0][1]
    scores = [qr_module._penalty(rows ^ mr, cols ^ mc, n, content) for mr, mc in masks]
    qr.makeImpl(False, scores.index(min(scores)))
    return qr.modules


def test_the_matrix_is_the_one_the_encoder_always_made() -> None:
    rng = random.Random(14)
    for length in (0, 1, 7, 20, 64, 120, 165, 190, 230, 300, 420, 700):  # versions 1 to 20: both length widths
        for _ in range(3):
            text = "".join(rng.choice("ABCdef0123456789|-_登记") for _ in range(length))
            assert qr_module.qr_matrix(text) == _reference_matrix(text), (length, text)
    assert layout.qr_matrix is qr_module.qr_matrix


def test_qr_encoder_matches_reportlab() -> None:
    rng = random.Random(4)
    for length in (20, 165, 400):
        text = "".join(rng.choice("ABCdef0123456789|-_") for _ in range(length))
        qr = qe.QRCode(None, qe.QRErrorCorrectLevel.M)
        qr.addData(qe.QR8bitByte(text))
        qr.version = qr.calculate_version()
        assert qr_module._codewords(qr) == qe.QRCode.createData(qr.version, qr.errorCorrectLevel, qr.dataList)
        # the fast mask choice yields one of ReportLab's eight valid matrices
        m = qr_module.qr_matrix(text)
        candidates = []
        for mask in range(8):
            qr.makeImpl(False, mask)
            candidates.append([row[:] for row in qr.modules])
        assert m in candidates


def _reference_penalty(mat: list[list[bool]]) -> int:
    n, score = len(mat), 0
    for lines in (mat, [list(c) for c in zip(*mat, strict=True)]):
        for line in lines:
            run = 1
            for i in range(1, n + 1):
                if i < n and line[i] == line[i - 1]:
                    run += 1
                else:
                    score += run - 2 if run >= 5 else 0
                    run = 1
            t = "".join("1" if v else "0" for v in line)
            score += 40 * sum(t[i:i + 11] in ("10111010000", "00001011101") for i in range(n - 10))
    for r in range(n - 1):
        for c in range(n - 1):
            score += 3 * (mat[r][c] == mat[r][c + 1] == mat[r + 1][c] == mat[r + 1][c + 1])
    return score + 10 * (abs(sum(map(sum, mat)) * 100 // (n * n) - 50) // 5)


def test_fast_mask_penalty_equals_reference() -> None:
    qr = qe.QRCode(None, qe.QRErrorCorrectLevel.M)
    qr.addData(qe.QR8bitByte("IPD1|N2026-000123|" + "x" * 140))
    qr.version = qr.calculate_version()
    content, _ = qr_module._mask_tables(qr.version)
    for mask in range(8):
        qr.makeImpl(True, mask)
        columns = qr_module._big(zip(*qr.modules, strict=True))
        fast = qr_module._penalty(qr_module._big(qr.modules), columns, len(qr.modules), content)
        assert fast == _reference_penalty(qr.modules)
