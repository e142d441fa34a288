"""Notices in the GUI against a real SQLite database: the preview (only the kinds a pledge has), batch
printing in the background with its summary, the verify dialog (genuine / altered / revoked), revocation
from a pledge's notices, the register search page (similar names, as-of date, bad input, Excel, search
certificate) and the gazette export.

Screenshots (verify-dialog.png, search.png, preview.png) go to the test's temp folder, and to
``docs/screenshots`` when ``IPDESK_SCREENSHOTS=1``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from ipdesk.domain.notices.notice import NoticeKind
from ipdesk.domain.registry.identifiers import parse_right_number
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.problems import ValidationError
from ipdesk.gui.common.widgets.pdf_preview import document_html, qtpdf_available
from ipdesk.gui.notices import batch_dialog, notice_preview
from ipdesk.gui.notices.batch_dialog import BatchPrintDialog, batch_print
from ipdesk.gui.notices.gazette_dialog import GazetteExportDialog
from ipdesk.gui.notices.notice_list import NoticeListDialog, show_notices_of
from ipdesk.gui.notices.notice_preview import print_notice_for
from ipdesk.gui.notices.search_page import SearchPage
from ipdesk.gui.notices.verify_dialog import VerifyDialog
from ipdesk.reports.common.seal import VerifyStatus
from ipdesk.services.paging import Query
from ipdesk.services.workstation import Workstation
from tests.gui.helpers.loading import settle as settle_reads
from tests.gui.helpers.screenshots import SHOT_WIDTH, UI_LANG, save_screenshot, ui_text
from tests.helpers.factories import ADMIN, add_party, application_data, invention_data, pledge_world

ROOT = Path(__file__).resolve().parents[3]
D = date(2026, 11, 16)


# ---- data ------------------------------------------------------------------------------------------------


@pytest.fixture
def ws(sqlite_workstation: Workstation) -> Workstation:
    return sqlite_workstation


@pytest.fixture
def world(ws: Workstation) -> dict[str, Any]:
    return pledge_world(ws)


def patent_number(body: str) -> str:
    """``ZL <body>.<check>`` with the right check digit."""
    for check in "0123456789X":
        try:
            return parse_right_number(f"ZL {body}.{check}").display
        except ValidationError:
            continue
    raise AssertionError(body)


def registered(ws: Workstation, world: dict[str, Any], n: int = 0, *, firm: Any = None, on: date = D) -> int:
    """A registered pledge of a fresh invention (n > 0) or of the world's invention (n == 0)."""
    owner = firm or world["firm"]
    right = (
        world["right"]
        if n == 0
        else ws.rights.create(
            ADMIN,
            invention_data([owner.id], patent_number(f"20181060{n:04d}"), title=f"一种数据压缩方法（{n}）"),
        )
    )
    data = application_data(world, rights=[right.display_number], pledgors=[owner.uscc])
    rec = ws.pledges.file(ADMIN, data, received=on)
    ws.pledges.register(ADMIN, rec.id, on=on)
    return rec.id


def filed_only(ws: Workstation, world: dict[str, Any]) -> int:
    return ws.pledges.file(ADMIN, application_data(world), received=D).id


@pytest.fixture
def said(message_mock: Any) -> list[tuple[str, str]]:
    """Message boxes of the notices GUI, collected instead of shown."""
    return message_mock.said  # type: ignore[no-any-return]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Files handed to the system viewer (never really opened in tests)."""
    paths: list[str] = []
    for module in (notice_preview, batch_dialog):
        monkeypatch.setattr(module, "open_external", lambda p: paths.append(str(p)) or True)
    return paths


def settle(qtbot: Any, ms: int = 50) -> None:
    settle_reads(qtbot)  # every background read and the reads it started
    qtbot.wait(ms)


# ---- verify ----------------------------------------------------------------------------------------------


def one_char_changed(payload: str) -> str:
    """The payload with one character of its signature replaced (a middle one: every bit counts)."""
    head, sig = payload.rsplit("|", 1)
    i = len(sig) // 2
    return f"{head}|{sig[:i]}{'B' if sig[i] != 'B' else 'C'}{sig[i + 1 :]}"


def verify(qtbot: Any, dialog: VerifyDialog, payload: str) -> Any:
    dialog.payload.setText(payload)
    with qtbot.waitSignal(dialog.verified, timeout=10_000) as blocker:
        qtbot.keyClick(dialog.payload, Qt.Key.Key_Return)  # a QR scanner types the text and Enter
    return blocker.args[0]


def test_verify_dialog_genuine_altered_pdf_and_revoked(qtbot, ws, world, tmp_path, said):
    pid = registered(ws, world)
    pdf = tmp_path / "notice.pdf"
    issued = ws.notices.print_notice(ADMIN, pid, NoticeKind.REGISTRATION, pdf)
    dialog = VerifyDialog(ws, lang=UI_LANG)
    qtbot.addWidget(dialog)
    dialog.show()

    result = verify(qtbot, dialog, issued.payload)
    assert result.status is VerifyStatus.GENUINE
    assert ui_text("真实有效", "Authentic and valid") in dialog.big.text()
    assert issued.serial in dialog.serial_label.text()
    assert dialog.record_view.isVisible() and "江苏恒顺新材料科技有限公司" in dialog.record_view.toPlainText()
    save_screenshot(dialog, "verify-dialog.png", tmp_path)

    result = verify(qtbot, dialog, one_char_changed(issued.payload))
    assert result.status is VerifyStatus.ALTERED
    assert "内容已被篡改" in dialog.big.text() and "签名无效" in dialog.reason_label.text()
    assert not dialog.record_view.isVisible()  # nothing from the register next to a forgery

    with qtbot.waitSignal(dialog.verified, timeout=10_000) as blocker:
        dialog.verify_file(pdf)
    assert blocker.args[0].status is VerifyStatus.GENUINE and "notice.pdf" in dialog.source_label.text()

    result = verify(qtbot, dialog, "not a notice")
    assert result.status is VerifyStatus.UNKNOWN and "无法识别" in dialog.big.text()

    # revoke from the pledge's notices (an administrator), with a reason
    notices = show_notices_of(None, ws, pid)
    qtbot.addWidget(notices)
    qtbot.waitUntil(lambda: not notices.loading, timeout=5000)  # read in the reader pool
    assert (
        notices.table.rowCount() == 1
        and notices.revoke_button.isVisible()
        and notices.revoke_button.isEnabled()
    )
    form = notices.revoke_selected()
    assert form is not None
    form.submit()  # no reason: refused, nothing written
    settle(qtbot)
    assert form.fields["reason"].has_error and form.isVisible()
    assert ws.notices.verify_text(issued.payload).status is VerifyStatus.GENUINE
    form.reason.setPlainText("登记事项填写错误，已重新出具")
    with qtbot.waitSignal(form.saved, timeout=10_000):
        form.submit()
    qtbot.waitUntil(lambda: not notices.loading, timeout=5000)
    assert "已撤销" in notices.table.item(0, 3).text() and not notices.revoke_button.isEnabled()

    result = verify(qtbot, dialog, issued.payload)
    assert result.status is VerifyStatus.REVOKED and "已撤销" in dialog.big.text()


def test_revoke_needs_the_role(qtbot, ws, world):
    pid = registered(ws, world)
    ws.notices.issue(ADMIN, pid, NoticeKind.REGISTRATION)
    ws.actor = Actor("shenji", Role.AUDITOR)  # the clerk now prepares revocations (maker-checker): not the auditor
    dialog = NoticeListDialog(ws, pid)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: not dialog.loading, timeout=5000)
    assert not dialog.revoke_button.isVisibleTo(dialog) and dialog.revoke_selected() is None
    assert dialog.preview_button.isEnabled() and dialog.verify_button.isEnabled()


# ---- preview ---------------------------------------------------------------------------------------------


def test_preview_offers_only_the_kinds_the_pledge_has_then_saves(qtbot, ws, world, tmp_path, said, opened):
    assert print_notice_for(None, ws, filed_only(ws, world)) is None  # nothing decided yet: said clearly
    assert ui_text("还没有可出具的通知书", "has no notice to issue yet") in said[-1][1]

    pid = registered(ws, world)
    dialog = print_notice_for(None, ws, pid)
    assert dialog is not None
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        pass
    assert [dialog.kind_combo.itemText(i) for i in range(dialog.kind_combo.count())] == ["登记通知书"]
    assert dialog.pdf_data.startswith(b"%PDF") and dialog.preview.page_count == 1
    assert dialog.preview.mode == ("pages" if qtpdf_available() else "content")
    if dialog.preview.pages is not None:  # the PDF's own page, drawn by pdfium (pypdfium2)
        (page,) = dialog.preview.pages.page_labels
        image = page.pixmap().toImage()
        assert not image.isNull() and image.width() > 300 and image.height() > image.width()  # A4 portrait
        assert image.pixelColor(5, 5).name() == "#ffffff"  # paper white, with the notice drawn on it
        assert len({image.pixelColor(x, image.height() // 5).name() for x in range(0, image.width(), 3)}) > 2
    if dialog.preview.mode == "content":
        text = dialog.preview.text.toPlainText()
        assert "专利权质押登记通知书" in text and "ZL 201710601862.3" in text and dialog.issued.serial in text
    assert dialog.save_button.isEnabled() and dialog.issued.serial in dialog.status.text()
    assert dialog.frameGeometry().height() < dialog.screen().availableGeometry().height()  # its buttons on screen
    save_screenshot(dialog, "preview.png", tmp_path)

    out = tmp_path / "saved" / "notice.pdf"
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save_to(out)
    assert ws.notices.verify_file(out).status is VerifyStatus.GENUINE

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with qtbot.waitSignal(dialog.failed, timeout=10_000) as failed:
        dialog.save_to(blocker / "notice.pdf")
    assert "not-a-folder" in failed.args[0] and "not-a-folder" in said[-1][1]

    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.open_in_viewer()
    assert opened and Path(opened[0]).is_file()

    ws.pledges.cancel(ADMIN, pid, "repaid", on=date(2026, 11, 19))
    later = print_notice_for(None, ws, pid)
    qtbot.addWidget(later)
    with qtbot.waitSignal(later.loaded, timeout=10_000) as loaded:
        pass
    assert loaded.args[0].kind is NoticeKind.CANCELLATION  # the latest decision first
    assert later.kind_combo.count() == 2
    with qtbot.waitSignal(later.loaded, timeout=10_000) as loaded:
        later.kind_combo.setCurrentIndex(later.kind_combo.findData("registration"))
    assert loaded.args[0].serial == dialog.issued.serial  # the same notice, not a new one


def test_document_html_lists_refusal_grounds(ws, world):
    bad = application_data(
        world, clauses=["parties", "debt", "deadline", "rights_list", "guarantee_scope", "forfeiture"]
    )
    rec = ws.pledges.file(ADMIN, bad, received=D)
    ws.pledges.refuse(ADMIN, rec.id, on=D)
    html = document_html(ws.notices.issue(ADMIN, rec.id, "refusal").document, "zh")
    assert "不予登记的理由" in html and "第十一条第（七）项" in html


# ---- batch printing --------------------------------------------------------------------------------------


def run_batch(qtbot: Any, dialog: BatchPrintDialog) -> Any:
    with qtbot.waitSignal(dialog.finished_report, timeout=30_000) as blocker:
        assert dialog.start() is not None
    return blocker.args[0]


def test_batch_print_folder_and_merged_with_summary(qtbot, ws, world, tmp_path, opened):
    ids = [registered(ws, world, 1), filed_only(ws, world), registered(ws, world, 2)]
    dialog = batch_print(None, ws, ids)
    assert isinstance(dialog, BatchPrintDialog)  # it deletes itself once the batch has ended
    dialog.path.setText(str(tmp_path / "out"))
    report = run_batch(qtbot, dialog)
    files = sorted((tmp_path / "out").glob("*.pdf"))
    assert len(files) == 2 and len(report.written) == 2 and len(report.skipped) == 1
    assert all(ws.notices.verify_file(f).status is VerifyStatus.GENUINE for f in files)
    assert dialog.summary.startswith("已打印 2 份通知书") and "1 份跳过" in dialog.summary
    assert any(line.startswith("跳过：") and "尚未登记" in line for line in dialog.details)
    box = dialog.summary_box
    assert box is not None and box.text() == dialog.summary and "尚未登记" in box.informativeText()
    box.close()

    merged = batch_print(None, ws, ids)
    merged.to_merged.setChecked(True)
    merged.path.setText(str(tmp_path / "all.pdf"))
    report = run_batch(qtbot, merged)
    from pypdf import PdfReader

    assert len(PdfReader(tmp_path / "all.pdf").pages) == 2 and not report.failed
    assert "合并文件" in "\n".join(merged.details)
    merged.summary_box.close()


def test_batch_print_unwritable_folder_is_named_and_nothing_starts(qtbot, ws, world, tmp_path, said):
    assert batch_print(None, ws, []) is None and "请先在列表中选择" in said[-1][1]
    pid = registered(ws, world)
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")  # a file where the folder should be: unwritable even for root
    dialog = BatchPrintDialog(ws, [pid])
    qtbot.addWidget(dialog)
    dialog.path.setText(str(blocker / "out"))
    assert dialog.start() is None and dialog.task is None
    assert dialog.path.has_error and str(blocker / "out") in dialog.path.error_label.text()
    assert not list(tmp_path.glob("**/*.pdf"))


def test_batch_print_can_be_cancelled(qtbot, ws, world, tmp_path):
    ids = [registered(ws, world, n) for n in range(1, 5)]
    dialog = BatchPrintDialog(ws, ids)
    dialog.path.setText(str(tmp_path / "out"))
    with qtbot.waitSignal(dialog.finished_report, timeout=30_000) as blocker:
        task = dialog.start()
        task.dialog.findChild(QPushButton).click()  # the progress dialog's Cancel button
    report = blocker.args[0]
    assert report.cancelled and len(report.written) < len(ids) and "已取消" in dialog.summary
    assert len(list((tmp_path / "out").glob("*.pdf"))) == len(report.written)
    assert not list((tmp_path / "out").glob("*.part"))
    dialog.summary_box.close()


# ---- register search -------------------------------------------------------------------------------------


def make_search_page(qtbot: Any, ws: Workstation) -> SearchPage:
    page = SearchPage(ws, UI_LANG)
    qtbot.addWidget(page)
    page.resize(SHOT_WIDTH, 760)
    page.show()
    settle_reads(qtbot, page)
    return page


def search(page: SearchPage, name: str = "", qtbot: Any = None) -> bool:
    page.search.setText(name)
    applied = page.apply_criteria()
    if qtbot is not None:
        settle_reads(qtbot, page)  # the results arrive from the reader pool
    return applied


def test_search_page_similar_names_as_of_and_bad_input(qtbot, qtmodeltester, ws, world, tmp_path, said):
    pid = registered(ws, world)
    other = add_party(ws, "镇江大港新区智能装备有限公司", 7)
    registered(ws, world, 3, firm=other, on=date(2026, 11, 18))
    ws.pledges.cancel(ADMIN, pid, "repaid", on=date(2026, 11, 19))
    page = make_search_page(qtbot, ws)
    qtmodeltester.check(page.model)
    assert page.model.rowCount() == 2

    found = search(page, "江苏恒顺新材料科技股份有限公司", qtbot)
    assert found  # the suffix differs: a similar name (calls outside asserts: English shots run with -O)
    assert page.model.rowCount() == 1
    page.similar.setChecked(False)  # exact names only: searches again at once
    settle_reads(qtbot, page)
    assert page.model.rowCount() == 0 and page.model.query.filters["similar"] == "0"
    page.similar.setChecked(True)
    settle_reads(qtbot, page)
    assert page.model.rowCount() == 1

    page.as_of.editor.setText("2026-11-18")
    found = page.apply_criteria()
    assert found and page.as_of_note.isVisible()
    settle_reads(qtbot, page)
    status = page.model.column_index("status")
    assert page.model.display_text(0, status) == ui_text("有效", "In force")
    page.as_of.editor.setText("2026-12-02")
    found = page.apply_criteria()
    assert found
    settle_reads(qtbot, page)
    assert page.model.display_text(0, status) == "已注销"
    page.as_of.editor.setText("2026-11-15")
    found = page.apply_criteria()
    assert found
    settle_reads(qtbot, page)
    assert page.model.rowCount() == 0
    qtmodeltester.check(page.model)

    # bad input: red messages, and the search is not run
    before = page.model.query
    page.registered_from.editor.setText("2026-13-01")
    page.right_number.setText("ZL 201710601862.4")
    assert page.registered_from.has_error and "yyyy-MM-dd" in page.registered_from.error_label.text()
    said_now = page.right_number.error_label.text()  # said while typing
    assert ui_text("校验位应为 3", "the check digit should be 3") in said_now
    found = search(page, "恒顺", qtbot)
    assert not found
    assert page.model.query == before and page.message.isVisible() and "没有查询" in page.message.text()
    page.registered_from.editor.setText("")
    page.right_number.setText("2017106018623")
    page.as_of.editor.setText("")
    found = search(page, "", qtbot)
    assert found and page.model.rowCount() == 1 and not page.message.isVisible()
    assert page.model.query.filters["right_number"] == "2017106018623"

    page.clear_criteria()
    settle_reads(qtbot, page)
    assert page.model.rowCount() == 2 and page.model.query == Query("", {"similar": "1"})
    page.as_of.editor.setText("2026-11-30")
    found = search(page, "", qtbot)
    assert found and page.model.rowCount() == 2
    page.select_row(0)
    qtbot.wait(200)  # the detail pane and the layout settle
    save_screenshot(page, "search.png", tmp_path)

    xlsx = tmp_path / "results.xlsx"
    page.export_to(xlsx)
    qtbot.waitUntil(lambda: ui_text("已导出", "Exported") in page.last_message, timeout=10_000)
    from openpyxl import load_workbook

    rows = list(load_workbook(xlsx).active.iter_rows(values_only=True))
    assert rows[1][0] == "登记号" and len(rows) == 4

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    page.export_to(blocker / "r.xlsx")
    qtbot.waitUntil(lambda: ui_text("无法写入", "Cannot write") in page.last_message, timeout=10_000)
    assert str(blocker / "r.xlsx") in said[-1][1]


def test_search_certificate_is_issued_and_previewed(qtbot, ws, world, tmp_path):
    registered(ws, world)
    page = make_search_page(qtbot, ws)
    search(page, "恒顺", qtbot)
    page.issue_certificate()
    qtbot.waitUntil(lambda: page.preview is not None, timeout=10_000)
    preview = page.preview
    qtbot.addWidget(preview)
    qtbot.waitUntil(lambda: preview.issued is not None, timeout=10_000)
    assert preview.issued.kind is NoticeKind.SEARCH_CERTIFICATE and not preview.kind_combo.isVisibleTo(
        preview
    )
    assert "恒顺" in preview.issued.document.query and len(preview.issued.document.rows) == 1
    out = tmp_path / "certificate.pdf"
    with qtbot.waitSignal(preview.saved, timeout=10_000):
        preview.save_to(out)
    assert ws.notices.verify_file(out).status is VerifyStatus.GENUINE


def test_print_notice_from_the_search_page(qtbot, ws, world, said):
    registered(ws, world)
    page = make_search_page(qtbot, ws)
    assert not page.action("print_notice").isEnabled()
    page.select_row(0)
    assert page.action("print_notice").isEnabled()
    dialog = page.print_selected()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000) as loaded:
        pass
    assert loaded.args[0].kind is NoticeKind.REGISTRATION


def test_pledges_page_prints_the_selected_pledges(qtbot, ws, world, tmp_path):
    from PySide6.QtGui import QKeySequence

    from ipdesk.gui.areas import pledges_page
    from ipdesk.gui.notices.notice_preview import NoticePreviewDialog

    registered(ws, world, 1)
    registered(ws, world, 2)
    page = pledges_page(ws, UI_LANG)  # the pledge register with the notice actions, as the area builds it
    qtbot.addWidget(page)
    page.show()
    settle_reads(qtbot, page)
    page.table.selectAll()
    assert page.action("batch_print").isEnabled() and not page.action("print_notice").isEnabled()
    page.action("batch_print").trigger()
    dialog = page.findChild(BatchPrintDialog)
    assert dialog is not None and dialog.pledge_ids == page.selected_ids() and len(dialog.pledge_ids) == 2
    dialog.path.setText(str(tmp_path / "out"))
    report = run_batch(qtbot, dialog)
    assert len(report.written) == 2 and dialog.summary.startswith("已打印 2 份通知书")
    dialog.summary_box.close()
    settle_reads(qtbot, page)  # the printing's changes refreshed the list

    page.select_row(0)
    action = page.action("print_notice")
    assert action.isEnabled() and action.shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    action.trigger()
    preview = page.findChild(NoticePreviewDialog)
    assert preview is not None
    qtbot.waitUntil(lambda: preview.issued is not None, timeout=10_000)
    settle_reads(qtbot, page)  # issuing refreshed the list; the selected pledge stays selected
    assert preview.issued.kind is NoticeKind.REGISTRATION and preview.issued.pledge_id == page.current_id()
    page.action("notices").trigger()
    notices = page.findChild(NoticeListDialog)
    assert notices is not None
    qtbot.waitUntil(lambda: not notices.loading, timeout=5000)
    assert notices.table.rowCount() == 1


# ---- gazette ---------------------------------------------------------------------------------------------


def test_gazette_export_dialog(qtbot, ws, world, tmp_path):
    registered(ws, world)
    dialog = GazetteExportDialog(ws)
    qtbot.addWidget(dialog)
    dialog.start.editor.setText("2026-11-01")
    dialog.end.editor.setText("2026-11-30")
    dialog.patents_only.setChecked(True)
    dialog.path.setText(str(tmp_path / "gazette.csv"))
    assert dialog.format.currentData() == ".csv"  # follows the file name
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as exported:
        dialog.export()
    assert exported.args == [1, str(tmp_path / "gazette.csv")] and "已导出 1 行" in dialog.message
    text = (tmp_path / "gazette.csv").read_text(encoding="utf-8-sig")
    assert "质押登记" in text and "ZL 201710601862.3" in text

    dialog.format.setCurrentIndex(dialog.format.findData(".xlsx"))
    assert dialog.path.text().endswith("gazette.xlsx")
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        dialog.export()
    assert (tmp_path / "gazette.xlsx").stat().st_size > 0

    dialog.start.editor.setText("2026-02-30")
    assert dialog.export() is None and dialog.start.has_error
    dialog.start.editor.setText("2026-12-01")
    assert dialog.export() is None and "不能晚于" in dialog.end.error_label.text()
    dialog.start.editor.setText("2026-11-01")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    dialog.path.setText(str(blocker / "g.xlsx"))
    assert dialog.export() is None and str(blocker / "g.xlsx") in dialog.path.error_label.text()


# ---- the main window -------------------------------------------------------------------------------------


def test_main_window_offers_search_verify_and_gazette(qtbot, ws, world):
    from ipdesk.gui.mainwindow import MainWindow

    registered(ws, world)
    window = MainWindow(ws, remember=False)
    qtbot.addWidget(window)
    window.show()
    assert window.area_title("register_search") == "登记查询"
    window.show_area("register_search")
    page = window.page("register_search")
    settle_reads(qtbot, page)
    assert isinstance(page, SearchPage) and page.model.rowCount() == 1
    assert window.verify_action.text() == "验证通知书…" and window.gazette_action.text() == "导出公告…"
    assert window.verify_action in window.menus["file"].actions()
    window.verify_action.trigger()
    dialog = window.findChild(VerifyDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.close()
    window.gazette_action.trigger()
    gazette = window.findChild(GazetteExportDialog)
    assert gazette is not None and gazette.isVisible()
    gazette.close()
