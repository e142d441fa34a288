"""PdfPagesView: the pages of a PDF, drawn by pdfium (pypdfium2), one under the other, fitted to the width.

QtPdf is not in the Linux PySide6-Addons wheel; pypdfium2 renders the same PDF the printer gets
(:mod:`ipdesk.gui.common.printing`). Pages are rendered for the width shown (at the screen's pixel ratio) and
again after a resize settles; a notice's page takes a few milliseconds.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from ipdesk.gui.common import printing

RESIZE_DELAY_MS = 150
MARGIN = 12


def pdfium_available() -> bool:
    try:
        import pypdfium2  # noqa: F401
    except ImportError:
        return False
    return True


class PdfPagesView(QScrollArea):
    """Shows ``set_pdf(data)``'s pages; ``page_labels`` are the rendered pages (tests look at them)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pdfPages")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setStyleSheet("QScrollArea#pdfPages, QWidget#pdfPagesInner { background: #78909c; }")
        inner = QWidget()
        inner.setObjectName("pdfPagesInner")
        self._column = QVBoxLayout(inner)
        self._column.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        self._column.setSpacing(MARGIN)
        self._column.addStretch(1)
        self.setWidget(inner)
        self.data = b""
        self.page_labels: list[QLabel] = []
        self._rendered_width = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RESIZE_DELAY_MS)
        self._timer.timeout.connect(self._render)

    def set_pdf(self, data: bytes) -> int:
        """Show ``data``; returns its number of pages (raises ValueError if pdfium cannot read it)."""
        self.data = data
        self._rendered_width = 0
        try:
            count = printing.page_count(data)
        except Exception as exc:  # pdfium's own error type: a PDF it cannot open
            raise ValueError(str(exc)) from exc
        while len(self.page_labels) > count:
            self.page_labels.pop().deleteLater()
        while len(self.page_labels) < count:
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            label.setStyleSheet("background: white;")
            self._column.insertWidget(self._column.count() - 1, label)
            self.page_labels.append(label)
        self._render()
        return count

    def _width(self) -> int:
        return max(200, self.viewport().width() - 2 * MARGIN)

    def _render(self) -> None:
        if not self.data:
            return
        width = self._width()
        if width == self._rendered_width:
            return
        ratio = self.devicePixelRatioF() or 1.0
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(self.data)
        try:
            points = [pdf[i].get_size()[0] for i in range(len(pdf))]
        finally:
            pdf.close()
        dpi = width * ratio / (max(points or [595.0]) / 72.0)
        for label, image in zip(self.page_labels, printing.page_images(self.data, dpi), strict=False):
            pixmap = QPixmap.fromImage(image)
            pixmap.setDevicePixelRatio(ratio)
            label.setPixmap(pixmap)
        self._rendered_width = width

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.data:
            self._timer.start()
