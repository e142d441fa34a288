"""PDF pages drawn by pdfium (pypdfium2): the in-app preview and printing through a QPrinter."""

from __future__ import annotations

import io

from reportlab.pdfgen import canvas

from ipdesk.gui.common import printing
from ipdesk.gui.common.widgets.pdf_pages import PdfPagesView
from ipdesk.gui.common.widgets.pdf_preview import PdfPreview


def two_pages() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)  # A4 portrait
    for n in (1, 2):
        c.setFont("Helvetica", 40)
        c.drawString(100, 700, f"page {n}")
        c.showPage()
    c.save()
    return buf.getvalue()


def test_pages_view_draws_each_page_fitted_to_the_width(qtbot):
    view = PdfPagesView()
    qtbot.addWidget(view)
    view.resize(500, 600)
    view.show()
    assert view.set_pdf(two_pages()) == 2
    images = [label.pixmap().toImage() for label in view.page_labels]
    assert all(not i.isNull() for i in images)
    assert all(i.width() <= 500 and i.height() > i.width() for i in images)  # A4 portrait, within the width
    assert any(images[0].pixelColor(x, y).name() != "#ffffff"
               for x in range(0, images[0].width(), 4) for y in range(0, images[0].height() // 3, 4))  # ink


def test_preview_falls_back_to_the_content_when_no_page_renderer_may_be_used(qtbot):
    preview = PdfPreview(lang="zh", use_qtpdf=False)
    qtbot.addWidget(preview)
    preview.set_pdf(two_pages())
    assert preview.mode == "content" and preview.pages is None
    pages = PdfPreview(lang="zh")
    qtbot.addWidget(pages)
    pages.set_pdf(b"not a pdf")  # pdfium cannot read it: said, not a crash
    assert pages.mode == "content"
    pages.set_pdf(two_pages())
    assert pages.mode == "pages" and pages.page_count == 2


def test_print_pdf_puts_every_page_on_the_printer(qtbot, tmp_path):
    out = tmp_path / "printed.pdf"
    assert printing.print_pdf(two_pages(), printing.pdf_printer(str(out))) == 2
    assert printing.page_count(out.read_bytes()) == 2
