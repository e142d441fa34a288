"""Translations: the English catalogue is complete, compiles, and switching rebuilds the window in English."""

from __future__ import annotations

import re

import pytest

from ipdesk.gui import i18n
from ipdesk.gui.mainwindow import MainWindow
from tests.gui.helpers.workstation import FakeWorkstation

lupdate_missing = i18n.find_lrelease() is None


@pytest.mark.skipif(lupdate_missing, reason="pyside6-lupdate/lrelease not installed")
def test_every_gui_string_has_an_english_translation():
    missing = i18n.missing_translations()
    assert missing == [], "run `python -m ipdesk.gui.i18n update` and translate:\n" + "\n".join(
        f"[{c}] {s}" for c, s in missing
    )


def test_translations_keep_every_placeholder():
    catalogue = i18n.read_catalogue(i18n.translations_dir() / "ipdesk_en.ts")
    broken = [
        (ctx, src, en)
        for (ctx, src), en in catalogue.items()
        if en is not None and sorted(re.findall(r"\{\w+\}", src)) != sorted(re.findall(r"\{\w+\}", en))
    ]
    assert broken == []


@pytest.mark.skipif(lupdate_missing, reason="pyside6-lrelease not installed")
def test_compile_translations(tmp_path):
    written = i18n.compile_translations(tmp_path)
    assert [p.name for p in written] == ["ipdesk_en.qm"]
    assert written[0].stat().st_size > 1000


def test_english_ui(qtbot):
    assert i18n.install_translators("en") == "en"
    window = MainWindow(FakeWorkstation(), remember=False)
    qtbot.addWidget(window)
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels[:3] == ["Workbench", "Rights", "Parties"] or labels[:3] == [
        "Workbench",
        "IP rights",
        "Parties",
    ]
    assert "Settings" in labels
    assert window.menus["file"].title() == "&File"
    assert window.user_label.text() == "User: clerk1 (Clerk)"


def test_chinese_is_the_source_language(qtbot):
    i18n.install_translators("zh_CN")
    window = MainWindow(FakeWorkstation(), remember=False)
    qtbot.addWidget(window)
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels[:3] == ["工作台", "知识产权", "当事人"]
    assert labels[-1] == "设置"


def test_language_switch_rebuilds_the_window(qtbot, gui_settings):
    import shiboken6

    from ipdesk.gui.app import WindowHost
    from ipdesk.gui.settings import LANGUAGE

    host = WindowHost(FakeWorkstation())
    first = host.open()  # not handed to qtbot: the host closes and deletes it on the switch
    first.show_area("parties")
    first.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: host.window is not first, timeout=3000)
    second = host.window
    qtbot.addWidget(second)
    assert gui_settings.get(LANGUAGE) == "en"
    assert second.current_area() == "parties"
    assert second.nav.item(0).text() == "Workbench"
    # The old window is closed and scheduled for deletion (it may already be gone).
    qtbot.waitUntil(lambda: not shiboken6.isValid(first) or not first.isVisible(), timeout=3000)


def test_qts_own_dialogs_speak_chinese_in_the_chinese_ui(qtbot):
    """Qt's file and print dialogs come with the UI language (qtbase_zh_CN): no "Look in:" in a Chinese UI."""
    from PySide6.QtWidgets import QFileDialog, QLabel

    assert i18n.current_lang() == "zh"
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "查找范围" in texts and "文件类型" in texts and "Look in" not in texts
    from PySide6.QtCore import QCoreApplication

    # the gap-filling catalogue answers only its own strings: everything else still comes through
    assert QCoreApplication.translate("WorkbenchPage", "工作台") == "工作台"
    assert QCoreApplication.translate("QFileDialog", "Cancel") == "Cancel" or "取消"


def test_sorting_the_catalogue_keeps_every_entry_in_one_order(tmp_path):
    """``i18n sort`` (and ``update``) put contexts by name and messages by source, keeping every block: a
    catalogue scrambled as parallel hand edits leave it comes out the same whatever order it came in."""
    committed = i18n.translations_dir() / "ipdesk_en.ts"
    text = committed.read_text(encoding="utf-8")
    contexts = i18n._CONTEXT.findall(text)
    head, tail = text[: text.index(contexts[0])], text[text.rindex(contexts[-1]) + len(contexts[-1]):]
    scrambled = tmp_path / "scrambled.ts"
    scrambled.write_text(head + "".join(reversed(contexts)) + tail, encoding="utf-8")
    reordered = tmp_path / "reordered.ts"
    reordered.write_text(head + "".join(contexts[1:] + contexts[:1]) + tail, encoding="utf-8")
    assert i18n.sort_catalogue(scrambled) and i18n.sort_catalogue(reordered)
    assert scrambled.read_text(encoding="utf-8") == reordered.read_text(encoding="utf-8")
    assert not i18n.sort_catalogue(scrambled)  # sorted once, sorted for good
    assert i18n.read_catalogue(scrambled) == i18n.read_catalogue(committed)
    names = re.findall(r"<name>(.*?)</name>", scrambled.read_text(encoding="utf-8"))
    assert names == sorted(names) and len(names) == len(contexts)


def test_the_committed_catalogue_is_sorted(tmp_path):
    """Run ``python -m ipdesk.gui.i18n sort`` after adding entries by hand (``update`` sorts by itself)."""
    import shutil

    copy = tmp_path / "ipdesk_en.ts"
    shutil.copy(i18n.translations_dir() / "ipdesk_en.ts", copy)
    assert not i18n.sort_catalogue(copy), "resources/translations/ipdesk_en.ts is not sorted: run i18n sort"
