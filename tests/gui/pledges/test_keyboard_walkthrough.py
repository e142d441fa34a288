"""A 3-patent pledge from Ctrl+N to the verified printed notice with the keyboard only (issue 15).

Every step is a key event sent to the widget that has the focus (no ``click()``, no ``setText`` on a
field): the test proves the focus is where a clerk expects it after each key. The message boxes are the
shared mock (each confirmation would be one Enter); the print dialog is replaced by a PDF printer.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QPlainTextEdit, QWidget

from ipdesk.domain.pledges.application import PledgeStatus
from ipdesk.gui.common import printing
from ipdesk.gui.pledges.pledge_application import PledgeApplicationForm
from ipdesk.reports.common.seal import VerifyStatus
from ipdesk.services.workstation import Workstation
from tests.gui.helpers.loading import settle
from tests.helpers.clock import TEST_TODAY
from tests.helpers.factories import ADMIN, invention_data, pledge_world

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
ROOT = Path(__file__).resolve().parents[3]
NUMBERS = ("2017106018623", "ZL201810234567.3", "CN 201920345678.1")  # typed as a clerk has them


class Keys:
    """Key events to whichever widget has the focus, counted (a typed character is one key)."""

    def __init__(self, qtbot: Any):
        self.qtbot = qtbot
        self.count = 0

    def target(self) -> QWidget:
        widget = QApplication.focusWidget() or QApplication.activeWindow()
        assert widget is not None, "nothing has the focus"
        return widget

    def press(self, key: Qt.Key, mods: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        QTest.keyClick(self.target(), key, mods)
        self.count += 1
        QApplication.processEvents()

    def type(self, text: str) -> None:
        QTest.keyClicks(self.target(), text)
        self.count += len(text)
        QApplication.processEvents()

    def window_back(self, window: QWidget) -> None:
        """A closed dialog gives the activation back to the main window: the window manager does that on a
        desktop, the offscreen platform does not (no key is counted)."""
        if QApplication.activeWindow() is not window:
            window.activateWindow()
            self.qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)

    def tab_until(self, done: Any, limit: int = 30) -> None:
        for _ in range(limit):
            if done(QApplication.focusWidget()):
                return
            self.press(Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached the field (at {QApplication.focusWidget()!r})")


def shot(widget: QWidget, name: str, tmp_path: Path) -> None:
    """A screenshot of the step into the test's folder (the docs' walkthrough screenshots are taken under Xvfb
    by benchmarks/walkthrough.py, with real key events)."""
    QApplication.processEvents()
    image = widget.grab()
    assert not image.isNull() and image.save(str(tmp_path / name))


@pytest.fixture
def world(sqlite_workstation: Workstation) -> dict[str, Any]:
    ws = sqlite_workstation
    w = pledge_world(ws)
    firm = w["firm"].id
    ws.rights.create(ADMIN, invention_data([firm], "ZL 201810234567.3", title="一种散热结构"))
    ws.rights.create(ADMIN, invention_data([firm], "ZL 201920345678.1", kind="utility_model", title="一种夹具",
                                             filing_date="2019-08-20", grant_date="2020-05-12"))
    return w


def test_three_patent_pledge_with_the_keyboard_only(qtbot, sqlite_workstation, world, message_mock, tmp_path,
                                                    monkeypatch):
    from ipdesk.gui.mainwindow import MainWindow
    from ipdesk.gui.notices.notice_preview import NoticePreviewDialog
    from ipdesk.gui.notices.verify_dialog import VerifyDialog

    ws = sqlite_workstation
    printed = tmp_path / "printed.pdf"
    monkeypatch.setattr(printing, "choose_printer", lambda _parent, _title="": printing.pdf_printer(str(printed)))
    window = MainWindow(ws, remember=False)
    qtbot.addWidget(window)
    window.resize(1360, 860)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=3000)
    keys = Keys(qtbot)
    started = time.perf_counter()

    pledges_digit = [a.key for a in window.areas].index("pledges") + 1
    keys.press(getattr(Qt.Key, f"Key_{pledges_digit % 10}"), ALT)
    assert window.current_area() == "pledges"
    page = window.page("pledges")
    settle(qtbot)

    keys.press(Qt.Key.Key_N, CTRL)
    form = page.form
    assert isinstance(form, PledgeApplicationForm) and form.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.application_date.line_edit, timeout=3000)

    keys.press(Qt.Key.Key_Tab)  # the date is today's: on to the pledgors
    assert QApplication.focusWidget() is form.pledgors.field.line_edit
    keys.type(world["firm"].uscc)
    keys.press(Qt.Key.Key_Tab)  # leaving the field picks the party with that USCC; no stop at 移除 / the list
    assert QApplication.focusWidget() is form.pledgee.line_edit
    qtbot.waitUntil(lambda: form.pledgors.party_ids() == [world["firm"].id], timeout=5000)
    keys.type(world["bank"].uscc)
    keys.press(Qt.Key.Key_Return)  # Enter moves on, it does not file the application
    assert form.isVisible() and QApplication.focusWidget() is form.debtor.line_edit
    qtbot.waitUntil(lambda: form.pledgee.party_id() == world["bank"].id, timeout=5000)
    keys.tab_until(lambda w: w is form.amount)
    keys.type("5000000")
    keys.press(Qt.Key.Key_Tab)
    assert form.amount.text() == "5,000,000.00"  # normalised on leaving
    keys.type((TEST_TODAY.replace(year=TEST_TODAY.year + 1)).strftime("%Y%m%d"))
    keys.tab_until(lambda w: isinstance(w, QPlainTextEdit))  # 备注: Tab leaves it, Ctrl+Tab types a tab
    keys.press(Qt.Key.Key_Tab, CTRL)
    assert form.notes.toPlainText() == "\t"
    keys.press(Qt.Key.Key_Backspace)
    keys.press(Qt.Key.Key_Tab)
    entry = form.rights.entries[0]
    assert QApplication.focusWidget() is entry.line_edit
    for i, number in enumerate(NUMBERS):
        keys.type(number)
        if i < len(NUMBERS) - 1:
            keys.press(Qt.Key.Key_Return)  # the next right
            assert len(form.rights.entries) == i + 2
            assert QApplication.focusWidget() is form.rights.entries[i + 1].line_edit
    assert form.isVisible()
    qtbot.waitUntil(lambda: len(form.rights.rights()) == 3, timeout=5000)
    assert [e.line_edit.text() for e in form.rights.entries] == [
        "ZL 201710601862.3", "ZL 201810234567.3", "ZL 201920345678.1"]  # shown normalised
    assert "还缺" in form.documents.hint.text()  # what is still required, under the checklist
    top = form.fields["application_date"].mapTo(form, form.fields["application_date"].rect().topLeft())
    keys.press(Qt.Key.Key_A, CTRL | SHIFT)  # every required document and clause received
    assert form.documents.missing() == [] and form.clauses.missing() == []
    assert "全部收到" in form.documents.hint.text()
    shot(form, "walkthrough-1-form.png", tmp_path)
    keys.press(Qt.Key.Key_S, CTRL)
    try:
        qtbot.waitUntil(lambda: form.result_value is not None, timeout=20_000)
    except Exception:
        raise AssertionError((form.banner.text(), QApplication.focusWidget(), QApplication.activeWindow())) from None
    assert form.fields["application_date"].mapTo(form, form.fields["application_date"].rect().topLeft()) == top
    record = form.result_value
    assert record.status is PledgeStatus.APPLIED and len(record.rights) == 3

    qtbot.waitUntil(lambda: page.current_id() == record.id and page.action("examine").isEnabled(), timeout=10_000)
    keys.window_back(window)
    assert QApplication.focusWidget() is page.table  # the new application is the selected row
    keys.press(Qt.Key.Key_E, CTRL)  # 审查
    qtbot.waitUntil(lambda: page.findings_dialog is not None and page.findings_dialog.isVisible(), timeout=10_000)
    dialog = page.findings_dialog
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.register_button, timeout=5000)
    shot(dialog, "walkthrough-2-findings.png", tmp_path)
    keys.press(Qt.Key.Key_Return)  # 准予登记 (confirmed in the mocked box)
    qtbot.waitUntil(lambda: ws.pledges.get(record.id).status is PledgeStatus.REGISTERED, timeout=10_000)
    registered = ws.pledges.get(record.id)
    qtbot.waitUntil(lambda: any(registered.registration_no in text for _t, text in message_mock.said), timeout=5000)
    settle(qtbot)
    keys.press(Qt.Key.Key_Escape)
    assert not dialog.isVisible()

    keys.window_back(window)
    qtbot.waitUntil(lambda: page.action("print_notice").isEnabled(), timeout=5000)
    keys.press(Qt.Key.Key_P, CTRL)  # 打印通知书
    preview = page.findChild(NoticePreviewDialog)
    assert preview is not None
    qtbot.waitUntil(lambda: preview.issued is not None and QApplication.focusWidget() is preview.print_button,
                    timeout=30_000)  # issued and rendered in the writer thread: slow on a loaded machine
    shot(preview, "walkthrough-3-preview.png", tmp_path)
    with qtbot.waitSignal(preview.printed, timeout=10_000):
        keys.press(Qt.Key.Key_Return)  # 打印… → the print dialog (here: a PDF printer)
    assert printed.stat().st_size > 10_000 and printing.page_count(printed.read_bytes()) == 1
    payload = preview.issued.payload
    keys.press(Qt.Key.Key_Escape)

    keys.window_back(window)
    keys.press(Qt.Key.Key_V, CTRL | SHIFT)  # 验证通知书
    verify = window.findChild(VerifyDialog)
    assert verify is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is verify.payload, timeout=5000)
    typed_before = keys.count
    with qtbot.waitSignal(verify.verified, timeout=10_000) as verified:
        keys.type(payload)  # a QR scanner types what it read, then Enter
        keys.press(Qt.Key.Key_Return)
    assert verified.args[0].status is VerifyStatus.GENUINE
    shot(verify, "walkthrough-4-verified.png", tmp_path)
    scanned = keys.count - typed_before
    keys.press(Qt.Key.Key_Escape)
    elapsed = time.perf_counter() - started
    print(f"\nkeyboard walkthrough: {keys.count - scanned} keys by the clerk + {scanned} from the scanner, "
          f"{len(message_mock.said)} boxes, {elapsed:.1f} s")
    assert not any(isinstance(w, QCheckBox) and w.hasFocus() for w in form.findChildren(QCheckBox))
    assert isinstance(form.pledgee.line_edit, QLineEdit)
