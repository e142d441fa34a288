"""PDF pages as images (pdfium, through pypdfium2) for the in-app preview and for printing through Qt's
print dialog (QPrinter / QPrintDialog).

Why pypdfium2 and not QtPdf: QtPdf is not in the Linux PySide6-Addons wheel; pypdfium2 is one wheel of
about 9 MB with no other dependency, imports in under 0.1 s and renders an A4 page at 96 dpi in a few
milliseconds. The PDF stays the one true document: what is previewed and what is printed are its pages,
drawn by the same engine, never a second layout.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QImage, QPageLayout, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QWidget

#: a printer's resolution above this is not used for the page images (300 dpi is sharp on paper)
MAX_PRINT_DPI = 300


def page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        return len(pdf)
    finally:
        pdf.close()


def page_images(data: bytes, dpi: float = 96.0, pages: list[int] | None = None) -> Iterator[QImage]:
    """Each page (or the ``pages`` asked, 0-based) as a QImage at ``dpi``; the image owns its pixels."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        for i in pages if pages is not None else range(len(pdf)):
            page = pdf[i]
            bitmap = page.render(scale=dpi / 72.0, prefer_bgrx=True)
            # BGRx bytes are QImage's RGB32 on a little-endian machine; copy() so the image outlives the buffer
            image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                           QImage.Format.Format_RGB32 if bitmap.n_channels == 4 else QImage.Format.Format_BGR888)
            yield image.copy()
            bitmap.close()
            page.close()
    finally:
        pdf.close()


def choose_printer(parent: QWidget | None, title: str = "") -> QPrinter | None:
    """Qt's print dialog; the printer chosen, or None when cancelled (tests replace this function)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    if title:
        dialog.setWindowTitle(title)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return printer


def print_pdf(data: bytes, printer: QPrinter, progress: Callable[[int, int], None] | None = None) -> int:
    """Print every page of the PDF ``data`` on ``printer`` (each page fitted to the paper, centred);
    returns the number of pages printed. Runs on the GUI thread: painting on a QPrinter must."""
    printer.setFullPage(False)
    total = page_count(data)
    first, last = printer.fromPage(), printer.toPage()
    wanted = list(range(total)) if first == 0 else list(range(max(first, 1) - 1, min(last or total, total)))
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(printer.printerName() or printer.outputFileName() or "printer")
    try:
        area = printer.pageLayout().paintRectPixels(printer.resolution())
        target_w, target_h = area.width(), area.height()
        for n, image in enumerate(page_images(data, dpi, wanted)):
            if n:
                printer.newPage()
            scaled = image.size().scaled(target_w, target_h, Qt.AspectRatioMode.KeepAspectRatio)
            x = (target_w - scaled.width()) // 2
            y = (target_h - scaled.height()) // 2
            painter.drawImage(QRect(x, y, scaled.width(), scaled.height()), image)
            if progress is not None:
                progress(n + 1, len(wanted))
    finally:
        painter.end()
    return len(wanted)


def pdf_printer(path: str) -> QPrinter:
    """A QPrinter writing a PDF file (the test's printer; also "打印到文件" in the dialog)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(path)
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    return printer
