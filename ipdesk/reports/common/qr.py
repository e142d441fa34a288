"""The verification QR code: ReportLab's ``qrencoder`` matrix (byte mode, error correction M, smallest
version, the ISO/IEC 18004 mask penalty), computed faster, and drawn as one path.

The matrix must stay exactly what it always was: a notice's page is compared operator by operator with
a fresh rendering when it is verified, and reprints are byte-identical. So nothing here changes which
modules are dark; what a batch of notices repeats is computed once per version and kept:

* the data-module positions in placement order, and the matrix of function patterns (finders, timing,
  alignment, version and format information) with all-zero data, blank (for the mask scoring) and under
  each of the eight masks (the final matrix is that template XOR the placed data bits: masking is XOR);
* Reed–Solomon: the generator's products for every coefficient, so a division step is one ``map``;
* the version of a payload length.

The eight mask candidates are scored on big-integer bit sets (:func:`_penalty`).
"""

from __future__ import annotations

from functools import lru_cache
from operator import xor
from typing import Any

from reportlab.graphics.barcode import qrencoder as qe
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

QR_LEVEL = qe.QRErrorCorrectLevel.M
_QR_LEVEL = QR_LEVEL
_FINDER_LIKE = ((1, 0, 1, 1, 1, 0, 1, 0, 0, 0, 0), (0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 1))
_BIT_TEXT = bytes.maketrans(b"\x00\x01", b"01")
_RUN_X = [f"{x + 4} " for x in range(180)]  # a run's start and width as written (versions up to 40: 177)
_RUN_W = [f" {w} 1 re" for w in range(180)]


def _big(lines: Any) -> int:
    """A matrix (rows of bools) as one integer: each line's bits, lines separated by one 0 bit so that
    no run or pattern crosses from one line into the next."""
    return int("0".join(bytes(line).translate(_BIT_TEXT).decode() for line in lines), 2)


def _penalty(rows: int, cols: int, n: int, content: int) -> int:
    """ISO/IEC 18004 mask penalty (N1 runs, N2 blocks, N3 finder-like patterns, N4 balance) computed
    with whole-matrix bit operations. ``rows``/``cols``: the matrix and its transpose as :func:`_big`
    integers; ``content``: the same layout with every module bit set (separator bits clear)."""
    score = 0
    for dark in (rows, cols):
        light = ~dark & content
        for y in (dark, light):
            w = y & (y >> 1) & (y >> 2) & (y >> 3) & (y >> 4)  # starts of 5 same-colour modules
            score += w.bit_count() + 2 * (w & ~(w << 1)).bit_count()  # run of L ≥ 5 scores L - 2
        for pattern in _FINDER_LIKE:
            hits = -1
            for k, bit in enumerate(pattern):
                hits &= (dark if bit else light) >> k
            score += 40 * hits.bit_count()
    stride = n + 1
    light = ~rows & content
    for y in (rows, light):
        score += 3 * (y & (y >> 1) & (y >> stride) & (y >> (stride + 1))).bit_count()
    score += 10 * (abs(rows.bit_count() * 100 // (n * n) - 50) // 5)
    return score


@lru_cache(maxsize=40)
def _mask_tables(version: int) -> tuple[int, tuple[tuple[int, int], ...]]:
    """For a version: the all-modules layout, and per mask pattern its dark modules restricted to the
    data area (rows and transpose, as :func:`_big` integers). They depend on the version only."""
    n = version * 4 + 17
    probe = qe.QRCode(version, _QR_LEVEL)
    probe.moduleCount = n
    area = [[False] * n for _ in range(n)]
    for c, r in probe._dataPosIterator():
        area[r][c] = True
    masks = []
    for m in range(8):
        fn = qe.QRUtil.getMask(m)
        pat = [[area[r][c] and bool(fn(r, c)) for c in range(n)] for r in range(n)]
        masks.append((_big(pat), _big(zip(*pat, strict=True))))
    return _big([[True] * n] * n), tuple(masks)


@lru_cache(maxsize=64)
def _rs_generator_logs(ec_len: int) -> tuple[int, ...]:
    """Logs of the Reed–Solomon generator polynomial's coefficients after the leading 1."""
    exp, log = qe.EXP_TABLE, qe.LOG_TABLE
    poly = [1]
    for i in range(ec_len):
        nxt = poly + [0]
        for j, coef in enumerate(poly):
            if coef:
                nxt[j + 1] ^= exp[(log[coef] + i) % 255]
        poly = nxt
    return tuple(log[c] for c in poly[1:])


@lru_cache(maxsize=64)
def _rs_products(ec_len: int) -> tuple[tuple[int, ...], ...]:
    """For each coefficient 0..255: its products with the generator's coefficients after the leading 1."""
    exp, log = qe.EXP_TABLE, qe.LOG_TABLE
    gen = _rs_generator_logs(ec_len)
    return ((0,) * ec_len,) + tuple(tuple(exp[(log[c] + g) % 255] for g in gen) for c in range(1, 256))


def _rs_remainder(data: list[int], ec_len: int) -> list[int]:
    products = _rs_products(ec_len)
    res = list(data) + [0] * ec_len
    for i in range(len(data)):
        coef = res[i]
        if coef:
            res[i + 1:i + 1 + ec_len] = map(xor, res[i + 1:i + 1 + ec_len], products[coef])
    return res[len(data):]


@lru_cache(maxsize=1024)
def _version_for(length: int) -> int:
    """The smallest version holding ``length`` bytes at level M (what ``QRCode.calculate_version`` says)."""
    qr = qe.QRCode(None, QR_LEVEL)
    qr.addData(qe.QR8bitByte(b"\0" * length))
    return int(qr.calculate_version())


def _codewords_of(data: bytes, version: int) -> list[int]:
    """The interleaved data + error-correction codewords of ``data`` in byte mode (what
    ``QRCode.createData`` computes): mode, length, bytes, terminator, padding to the byte and the
    capacity, then Reed–Solomon per block."""
    blocks = qe.QRRSBlock.getRSBlocks(version, QR_LEVEL)
    capacity = sum(b.dataCount for b in blocks) * 8
    length_bits = 8 if version < 10 else 16
    bits, used = (0x4 << length_bits) | len(data), 4 + length_bits
    bits, used = (bits << 8 * len(data)) | int.from_bytes(data, "big"), used + 8 * len(data)
    if used > capacity:
        raise ValueError("QR data too long")
    if used + 4 <= capacity:
        bits, used = bits << 4, used + 4
    pad = -used % 8
    bits, used = bits << pad, used + pad
    buffer = list(bits.to_bytes(used // 8, "big")) if used else []
    i = 0
    while len(buffer) * 8 < capacity:
        buffer.append((0xEC, 0x11)[i % 2])
        i += 1
    dc, ec, offset = [], [], 0
    for b in blocks:
        chunk = buffer[offset:offset + b.dataCount]
        offset += b.dataCount
        dc.append(chunk)
        ec.append(_rs_remainder(chunk, b.totalCount - b.dataCount))
    out: list[int] = []
    for group in (dc, ec):
        for k in range(max(len(g) for g in group)):
            out.extend(g[k] for g in group if k < len(g))
    return out


def _codewords(qr: qe.QRCode) -> list[int]:
    """:func:`_codewords_of` for a ReportLab ``QRCode`` holding one byte-mode segment."""
    return _codewords_of(bytes(qr.dataList[0].data), qr.version)


@lru_cache(maxsize=40)
def _layout(version: int) -> tuple[Any, ...]:
    """What every code of a version shares: the data positions (as indexes into a :func:`_big` string,
    rows and transpose), the all-zero-data matrix blank (unmasked, for scoring) and under each mask."""
    n = version * 4 + 17
    stride = n + 1
    probe = qe.QRCode(version, QR_LEVEL)
    probe.moduleCount = n
    positions = list(probe._dataPosIterator())
    row_index = [r * stride + c for c, r in positions]
    col_index = [c * stride + r for c, r in positions]
    template = qe.QRCode(version, QR_LEVEL)
    template.dataCache = [0] * sum(b.totalCount for b in qe.QRRSBlock.getRSBlocks(version, QR_LEVEL))
    content, masks = _mask_tables(version)
    template.makeImpl(True, 0)  # format bits blank, as the mask search scores them; data: mask 0's pattern
    blank_rows = _big(template.modules) ^ masks[0][0]
    blank_cols = _big(zip(*template.modules, strict=True)) ^ masks[0][1]
    finals = []
    for m in range(8):
        template.makeImpl(False, m)
        finals.append(_big(template.modules))
    return n, row_index, col_index, blank_rows, blank_cols, tuple(finals), content, masks


def _qr_rows(text: str) -> list[str]:
    """The matrix of ``text`` as rows of "0"/"1"."""
    data = text.encode("utf-8")
    version = _version_for(len(data))
    n, row_index, col_index, blank_rows, blank_cols, finals, content, masks = _layout(version)
    words = _codewords_of(data, version)
    bits = format(int.from_bytes(bytes(words), "big"), f"0{8 * len(words)}b")
    size = n * (n + 1) - 1
    rows, cols = bytearray(b"0" * size), bytearray(b"0" * size)
    for r, c, bit in zip(row_index, col_index, bits, strict=False):  # positions past the bits (remainder) stay light
        if bit == "1":
            rows[r] = cols[c] = 49
    data_rows, data_cols = int(rows, 2), int(cols, 2)
    plain_rows, plain_cols = blank_rows ^ data_rows, blank_cols ^ data_cols
    scores = [_penalty(plain_rows ^ mr, plain_cols ^ mc, n, content) for mr, mc in masks]
    matrix = format(finals[scores.index(min(scores))] ^ data_rows, f"0{size}b")
    return [matrix[r * (n + 1):r * (n + 1) + n] for r in range(n)]


def qr_matrix(text: str) -> list[list[bool]]:
    """The module matrix of ``text``: byte mode, error correction M, smallest version, best mask."""
    return [[ch == "1" for ch in row] for row in _qr_rows(text)]


def qr_runs(text: str) -> tuple[int, list[str]]:
    """The QR of ``text`` as (modules per side, ``x y w 1 re`` of each horizontal run of dark modules in
    module units from the top-left corner of the quiet zone, y downwards)."""
    rows = _qr_rows(text)
    runs: list[str] = []
    for r, row in enumerate(rows):
        y, x = f"{r + 4}", 0
        for dark in row.split("0"):  # the runs of dark modules, with where each starts
            if dark:
                runs.append(_RUN_X[x] + y + _RUN_W[len(dark)])
            x += len(dark) + 1
    return len(rows), runs


def draw_qr(canv: Canvas, text: str, x: float, y: float, size: float) -> None:
    """Draw the QR of ``text`` with its 4-module quiet zone in the square (x, y, size).

    Drawn in module units (integer coordinates) as one filled path of horizontal runs: small and fast.
    """
    modules, ops = qr_runs(text)
    unit = size / (modules + 8)
    canv.saveState()
    canv.setFillColor(colors.black)
    # origin at the top-left corner of the square, y downwards, one unit per module
    canv.transform(unit, 0, 0, -unit, x, y + size)
    canv.addLiteral("\n".join(ops) + "\nf")
    canv.restoreState()
