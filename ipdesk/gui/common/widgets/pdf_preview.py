"""PdfPreview: a notice shown inside ipdesk before it is saved or printed.

The PDF pages themselves are shown: drawn by pdfium (pypdfium2, :mod:`ipdesk.gui.common.widgets.pdf_pages`),
or by QtPdf's :class:`QPdfView` where a Qt build has it (it is not in the Linux PySide6-Addons wheel). Only if
neither can read the PDF does the preview show what the notice states, read from its signed canonical
content (title, serial, parties, rights, amounts, dates) — the very data the PDF is drawn from.
"""

from __future__ import annotations

import io
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QTextBrowser, QVBoxLayout, QWidget

from ipdesk.domain.notices.notice import Notice, SearchCertificate
from ipdesk.gui.common.rich_text import esc, pick
from ipdesk.gui.common.widgets.pdf_pages import PdfPagesView, pdfium_available
from ipdesk.gui.formatting import format_date, format_money
from ipdesk.gui.i18n import ui_lang

try:  # PySide6-Addons only
    from PySide6.QtPdf import QPdfDocument  # type: ignore[import-not-found]
    from PySide6.QtPdfWidgets import QPdfView  # type: ignore[import-not-found]

    HAVE_QTPDF = True
except ImportError:  # PySide6-Essentials
    QPdfDocument = QPdfView = None  # type: ignore[assignment,misc]
    HAVE_QTPDF = False


def qtpdf_available() -> bool:
    """Whether PDF pages can be drawn in the window (pdfium through pypdfium2, or QtPdf)."""
    return HAVE_QTPDF or pdfium_available()


def pdf_page_count(data: bytes) -> int | None:
    """Number of pages of a PDF (pypdf), None if it cannot be read."""
    try:
        from pypdf import PdfReader

        return len(PdfReader(io.BytesIO(data)).pages)
    except Exception:
        return None


def _row(label: str, value: Any) -> str:
    if value in (None, "", ()):
        return ""
    return f"<tr><td class='k'>{esc(label)}</td><td>{esc(value)}</td></tr>"


def _table(headers: list[str], rows: list[list[Any]]) -> str:
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{esc('' if v is None else v)}</td>" for v in r) + "</tr>" for r in rows
    )
    return f"<table class='grid' cellspacing='0' cellpadding='4' width='100%'><tr>{head}</tr>{body}</table>"


_CSS = """
<style>
 body { color: #212121; }
 h2 { text-align: center; margin: 4px 0 2px 0; }
 .office { text-align: center; color: #455a64; }
 .serial { text-align: center; color: #607d8b; }
 td.k { color: #546e7a; white-space: nowrap; padding-right: 12px; }
 table.grid { border: 1px solid #b0bec5; }
 table.grid th { background: #eceff1; border: 1px solid #b0bec5; }
 table.grid td { border: 1px solid #cfd8dc; }
 h4 { margin: 10px 0 4px 0; }
</style>
"""


def _labels() -> dict[str, str]:
    return {
        "serial": QCoreApplication.translate("PdfPreview", "编号"),
        "issued": QCoreApplication.translate("PdfPreview", "出具时间"),
        "query": QCoreApplication.translate("PdfPreview", "查询条件"),
        "as_of": QCoreApplication.translate("PdfPreview", "截至"),
        "found": QCoreApplication.translate("PdfPreview", "结果"),
        "found_n": QCoreApplication.translate("PdfPreview", "{n} 条登记"),
        "reg_no": QCoreApplication.translate("PdfPreview", "登记号"),
        "status": QCoreApplication.translate("PdfPreview", "状态"),
        "app_no": QCoreApplication.translate("PdfPreview", "申请号"),
        "pledgor": QCoreApplication.translate("PdfPreview", "出质人"),
        "pledgee": QCoreApplication.translate("PdfPreview", "质权人"),
        "debtor": QCoreApplication.translate("PdfPreview", "债务人"),
        "rights": QCoreApplication.translate("PdfPreview", "权利"),
        "amount": QCoreApplication.translate("PdfPreview", "担保债权数额（元）"),
        "applied": QCoreApplication.translate("PdfPreview", "申请日"),
        "effective": QCoreApplication.translate("PdfPreview", "登记生效日"),
        "changed": QCoreApplication.translate("PdfPreview", "变更登记日"),
        "deadline": QCoreApplication.translate("PdfPreview", "债务履行期限届满日"),
        "cancelled_on": QCoreApplication.translate("PdfPreview", "注销日"),
        "cancellation": QCoreApplication.translate("PdfPreview", "注销登记日"),
        "trigger": QCoreApplication.translate("PdfPreview", "注销原因"),
        "correct_by": QCoreApplication.translate("PdfPreview", "补正期限"),
        "pledged": QCoreApplication.translate("PdfPreview", "质押的权利"),
        "number": QCoreApplication.translate("PdfPreview", "号码"),
        "title": QCoreApplication.translate("PdfPreview", "名称"),
        "kind": QCoreApplication.translate("PdfPreview", "类型"),
        "granted": QCoreApplication.translate("PdfPreview", "授权/注册日"),
        "grounds": QCoreApplication.translate("PdfPreview", "不予登记的理由"),
        "article": QCoreApplication.translate("PdfPreview", "依据"),
        "reason": QCoreApplication.translate("PdfPreview", "理由"),
        "corrections": QCoreApplication.translate("PdfPreview", "需补正的事项"),
        "changes": QCoreApplication.translate("PdfPreview", "变更事项"),
        "item": QCoreApplication.translate("PdfPreview", "事项"),
        "before": QCoreApplication.translate("PdfPreview", "变更前"),
        "after": QCoreApplication.translate("PdfPreview", "变更后"),
    }


def document_html(doc: Notice | SearchCertificate, lang: str = "zh") -> str:
    """What a notice or certificate states, as rich text (the content the PDF and its QR are made from)."""
    L = _labels()
    colon = ": " if lang == "en" else "："
    parts = [
        _CSS,
        f"<p class='office'>{esc(doc.office_name)}</p>",
        f"<h2>{esc(pick(doc.title, lang))}</h2>",
        (
            f"<p class='serial'>{esc(L['serial'] + colon + doc.serial)}&nbsp;&nbsp;&nbsp;"
            f"{esc(L['issued'] + colon + format_date(doc.issued_at))}</p>"
        ),
    ]
    if isinstance(doc, SearchCertificate):
        parts.append(
            "<table>"
            + _row(L["query"], doc.query)
            + _row(L["as_of"], format_date(doc.as_of))
            + _row(L["found"], L["found_n"].format(n=len(doc.rows)))
            + "</table>"
        )
        rows = [
            [
                r.registration_no,
                r.status,
                "、".join(r.pledgors),
                r.pledgee,
                "、".join(r.right_numbers),
                format_date(r.effective_date),
                format_date(r.cancellation_date),
                format_money(r.secured_amount) if r.secured_amount is not None else "",
            ]
            for r in doc.rows
        ]
        parts.append(
            _table(
                [
                    L["reg_no"],
                    L["status"],
                    L["pledgor"],
                    L["pledgee"],
                    L["rights"],
                    L["effective"],
                    L["cancelled_on"],
                    L["amount"],
                ],
                rows,
            )
        )
        return "".join(parts)

    def party(p: Any) -> str:
        return "" if p is None else (f"{p.name}（{p.uscc}）" if p.uscc else p.name)

    amount = format_money(doc.secured_amount) if doc.secured_amount is not None else ""
    info = [
        (L["reg_no"], doc.registration_no),
        (L["app_no"], doc.application_no),
        (L["pledgor"], "；".join(party(p) for p in doc.pledgors)),
        (L["pledgee"], party(doc.pledgee)),
        (L["debtor"], party(doc.debtor)),
        (L["amount"], amount),
        (L["applied"], format_date(doc.application_date)),
        (L["effective"], format_date(doc.effective_date)),
        (L["changed"], format_date(doc.change_date)),
        (L["deadline"], format_date(doc.performance_deadline)),
        (L["cancellation"], format_date(doc.cancellation_date)),
        (L["trigger"], doc.cancellation_trigger),
        (L["correct_by"], format_date(doc.correction_deadline)),
    ]
    parts.append("<table>" + "".join(_row(k, v) for k, v in info) + "</table>")
    if doc.rights:
        parts.append(f"<h4>{esc(L['pledged'])}（{len(doc.rights)}）</h4>")
        parts.append(
            _table(
                [L["number"], L["title"], L["kind"], L["applied"], L["granted"]],
                [
                    [r.number, r.title, pick(r.kind_label, lang), format_date(r.filing_date), format_date(r.grant_date)]
                    for r in doc.rights
                ],
            )
        )
    if doc.grounds:
        parts.append(f"<h4>{esc(L['grounds'])}</h4>")
        parts.append(_table([L["article"], L["reason"]], [[g.article, g.reason] for g in doc.grounds]))
    if doc.corrections:
        parts.append(
            f"<h4>{esc(L['corrections'])}</h4><ol>"
            + "".join(f"<li>{esc(c)}</li>" for c in doc.corrections)
            + "</ol>"
        )
    if doc.changes:
        parts.append(f"<h4>{esc(L['changes'])}</h4>")
        parts.append(
            _table([L["item"], L["before"], L["after"]], [[c.field, c.before, c.after] for c in doc.changes])
        )
    if doc.remarks:
        parts.append(f"<p>{esc(doc.remarks)}</p>")
    return "".join(parts)


class PdfPreview(QWidget):
    """Shows one PDF: its pages (pdfium, or QtPdf where present) or, if neither reads it, the content it states.

    Attributes:
        mode: ``"pages"`` (the PDF's pages), ``"content"`` (fallback) or ``""`` (empty).
        page_count: pages of the shown PDF (None if unknown).
    """

    def __init__(self, parent: QWidget | None = None, *, lang: str | None = None, use_qtpdf: bool | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.lang = lang
        self.use_qtpdf = HAVE_QTPDF if use_qtpdf is None else (use_qtpdf and HAVE_QTPDF)
        self.use_pdfium = use_qtpdf is not False  # False: no page renderer at all (the content fallback)
        self.mode = ""
        self.page_count: int | None = None
        self.data = b""
        self._buffer: QBuffer | None = None
        self._bytes: QByteArray | None = None
        self.note = QLabel()
        self.note.setObjectName("previewNote")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(
            "QLabel#previewNote { background: #fff8e1; color: #6d4c00; border: 1px solid #ffe0a3;"
            " border-radius: 4px; padding: 5px 8px; }"
        )
        self.note.hide()
        self.stack = QStackedWidget()
        self.empty = QLabel(self.tr("没有可预览的文件"))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #607d8b;")
        self.stack.addWidget(self.empty)
        self.text = QTextBrowser()
        self.text.setObjectName("previewContent")
        self.text.setOpenLinks(False)
        self.text.setStyleSheet("QTextBrowser#previewContent { background: white; padding: 18px; }")
        self.stack.addWidget(self.text)
        self.view: Any = None
        self.pdf: Any = None
        self.pages: PdfPagesView | None = None
        if not self.use_qtpdf and self.use_pdfium and pdfium_available():
            self.pages = PdfPagesView()
            self.stack.addWidget(self.pages)
        if self.use_qtpdf:
            self.pdf = QPdfDocument(self)
            self.view = QPdfView(self)
            self.view.setDocument(self.pdf)
            self.view.setPageMode(QPdfView.PageMode.MultiPage)
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
            self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)

    def clear(self) -> None:
        self.mode, self.page_count, self.data = "", None, b""
        self.note.hide()
        self.stack.setCurrentWidget(self.empty)

    def show_message(self, text: str) -> None:
        self.clear()
        self.empty.setText(text)

    def set_pdf(self, data: bytes, content: Notice | SearchCertificate | None = None) -> None:
        """Show ``data`` (a PDF); ``content`` is the document it was rendered from (for the fallback)."""
        self.data = data
        self.page_count = pdf_page_count(data)
        if self.use_qtpdf and self._load_pages(data):
            self.mode = "pages"
            self.note.hide()
            self.stack.setCurrentWidget(self.view)
            return
        if self.pages is not None:
            try:
                self.page_count = self.pages.set_pdf(data)
            except ValueError:
                pass  # not a PDF pdfium can open: what it states, below
            else:
                self.mode = "pages"
                self.note.hide()
                self.stack.setCurrentWidget(self.pages)
                return
        self.mode = "content"
        pages = self.page_count
        self.note.setText(
            self.tr(
                "本机的 Qt 没有 PDF 预览组件，下面显示通知书记载的内容（PDF 共 {n} 页）；"
                "要查看版式，请点“在系统查看器中打开”。"
            ).format(n=pages if pages is not None else "?")
        )
        self.note.show()
        self.text.setHtml(
            document_html(content, self.lang)
            if content is not None
            else "<p>" + esc(self.tr("（没有内容摘要）")) + "</p>"
        )
        self.stack.setCurrentWidget(self.text)

    def _load_pages(self, data: bytes) -> bool:  # pragma: no cover - needs PySide6-Addons
        self._bytes = QByteArray(data)
        buffer = QBuffer(self._bytes, self)
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        old, self._buffer = self._buffer, buffer
        self.pdf.load(buffer)
        if old is not None:
            old.deleteLater()
        if self.pdf.status() != QPdfDocument.Status.Ready:
            return False
        self.page_count = self.pdf.pageCount()
        return True
