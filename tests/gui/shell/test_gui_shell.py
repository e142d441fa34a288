"""The shell: application set-up (CJK font, style), the crash dialog, the main window and its keyboard."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.gui import errors
from ipdesk.gui.application import load_cjk_font
from ipdesk.gui.areas import AREAS
from ipdesk.gui.common.database import describe_database
from ipdesk.gui.common.pages.coming_page import ComingPage
from ipdesk.gui.mainwindow import MainWindow
from ipdesk.gui.settings import CURRENT_AREA
from tests.gui.helpers.workstation import FakeWorkstation


def test_application_uses_the_shipped_cjk_font(ipdesk_app):
    families = load_cjk_font()
    assert families and "WenQuanYi" in families[0]
    assert QApplication.font().families()[0] == families[0]
    assert ipdesk_app.style().name().lower() == "fusion"
    assert QApplication.organizationName() == "ipdesk"
    from PySide6.QtGui import QFontMetrics

    metrics = QFontMetrics(QApplication.font())
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "知识产权质押登记")  # real glyphs, not boxes


def test_crash_dialog_has_a_copyable_report_and_the_log_location(qtbot, monkeypatch, tmp_path):
    import logging

    log_file = tmp_path / "ipdesk.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    logging.getLogger().addHandler(handler)
    shown = []
    monkeypatch.setattr(errors.CrashDialog, "exec", lambda self: shown.append(self) or 0)
    try:
        try:
            raise RuntimeError("数据库连接中断")
        except RuntimeError:
            errors.excepthook(*sys.exc_info())
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
    dialog = shown[0]
    qtbot.addWidget(dialog)
    assert "RuntimeError: 数据库连接中断" in dialog.report and "Traceback" in dialog.report
    assert str(log_file) in dialog.report
    dialog.copy_report()
    assert QGuiApplication.clipboard().text() == dialog.report
    assert "数据库连接中断" in log_file.read_text(encoding="utf-8")


def test_navigation_lists_every_area_with_icon_and_alt_digit(qtbot):
    window = MainWindow(FakeWorkstation(actor=Actor("root", Role.ADMIN)))  # who sees every area
    qtbot.addWidget(window)
    assert window.nav.count() == len(AREAS) >= 13
    texts = [window.nav.item(i).text() for i in range(window.nav.count())]
    for label in (
        "工作台",
        "知识产权",
        "当事人",
        "质押登记",
        "托管",
        "保险",
        "风险预警",
        "处置",
        "流转市场",
        "专利池",
        "统计",
        "审计",
        "设置",
    ):
        assert label in texts
    assert all(not window.nav.item(i).icon().isNull() for i in range(window.nav.count()))
    assert window.area_actions[0].shortcut().toString() == "Alt+1"
    assert window.area_actions[9].shortcut().toString() == "Alt+0"
    window.area_actions[2].trigger()
    assert window.current_area() == window.area_keys()[2]


def test_alt_digit_switches_areas(qtbot):
    window = MainWindow(FakeWorkstation())
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert window.current_area() == window.area_keys()[2]
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    assert window.current_area() == "workbench"


def test_areas_without_a_service_say_they_come_later(qtbot):
    window = MainWindow(FakeWorkstation())
    qtbot.addWidget(window)
    window.show_area("insurance")
    page = window.current_page()
    assert isinstance(page, ComingPage)
    assert "后续版本" in page.text.text()
    assert not window.new_action.isEnabled()


def test_status_bar_names_database_user_and_role(qtbot):
    window = MainWindow(FakeWorkstation())
    qtbot.addWidget(window)
    assert window.db_label.text() == "数据库：SQLite /tmp/ipdesk-test/ipdesk.sqlite3"
    assert window.user_label.text() == "用户：clerk1（登记员）"
    assert not window.work_label.isVisible()


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("sqlite:////data/ipdesk.sqlite3", "SQLite /data/ipdesk.sqlite3"),
        (
            "postgresql+psycopg://clerk:secret@db.office.local:5433/ipdesk",
            "PostgreSQL db.office.local:5433/ipdesk",
        ),
    ],
)
def test_database_description_never_shows_the_password(url, shown):
    assert describe_database(url) == shown


def test_window_geometry_and_area_are_remembered(qtbot, gui_settings, monkeypatch):
    from ipdesk.gui.settings import WINDOW_GEOMETRY

    window = MainWindow(FakeWorkstation())
    qtbot.addWidget(window)
    window.show()
    window.show_area("settings")
    window.close()
    saved = gui_settings.get(WINDOW_GEOMETRY)
    assert gui_settings.get(CURRENT_AREA) == "settings" and not saved.isEmpty()
    restored = []
    monkeypatch.setattr(MainWindow, "restoreGeometry", lambda self, g: restored.append(bytes(g)) or True)
    again = MainWindow(FakeWorkstation())
    qtbot.addWidget(again)
    assert again.current_area() == "settings"
    assert restored == [bytes(saved)]  # (offscreen's 800×600 screen would clamp a real restore)


def test_settings_page_saves_page_size_and_database_override(qtbot, gui_settings):
    from ipdesk.gui.settings import DATABASE_URL, PAGE_SIZE

    window = MainWindow(FakeWorkstation())
    qtbot.addWidget(window)
    window.show_area("settings")
    page = window.current_page()
    page.page_size.setValue(400)
    page.database_url.setText("postgresql+psycopg://clerk@db/ipdesk")
    page.apply()
    assert gui_settings.get(PAGE_SIZE) == 400
    assert gui_settings.get(DATABASE_URL) == "postgresql+psycopg://clerk@db/ipdesk"
