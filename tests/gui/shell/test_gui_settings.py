"""The settings registry: every key is declared once, typed, and nothing writes an unregistered key."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from ipdesk.gui import settings as settings_module
from ipdesk.gui.settings import (
    LANGUAGE,
    PAGE_SIZE,
    REGISTRY,
    TABLE_HEADER,
    Option,
    Settings,
    is_registered_key,
)
from tests.gui.helpers.workstation import FakeWorkstation

GUI = Path(settings_module.__file__).resolve().parent


def test_typed_defaults_and_round_trip(gui_settings: Settings):
    assert gui_settings.get(LANGUAGE) == "zh_CN"
    assert gui_settings.lang == "zh"
    assert gui_settings.get(PAGE_SIZE) == 200
    gui_settings.set(PAGE_SIZE, 500)
    gui_settings.set(TABLE_HEADER, QByteArray(b"\x00\x01state"), "rights")
    gui_settings.sync()
    fresh = Settings()
    assert fresh.get(PAGE_SIZE) == 500
    assert bytes(fresh.get(TABLE_HEADER, "rights")) == b"\x00\x01state"
    assert "tables/rights/header" in fresh.stored_keys()


def test_bad_values_and_unregistered_options_are_refused(gui_settings: Settings):
    with pytest.raises(ValueError):
        gui_settings.set(LANGUAGE, "fr")
    with pytest.raises(TypeError):
        gui_settings.set(PAGE_SIZE, "200")
    with pytest.raises(KeyError):
        gui_settings.get(Option("made/up", str, ""))
    with pytest.raises(KeyError):
        gui_settings.get(TABLE_HEADER)  # a family needs a name


def test_a_corrupt_stored_value_falls_back_to_the_default(gui_settings: Settings):
    raw = QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "ipdesk", "ipdesk")
    raw.setValue("tables/page_size", "lots")
    raw.setValue("ui/language", "xx")
    raw.sync()
    assert Settings().get(PAGE_SIZE) == 200
    assert Settings().get(LANGUAGE) == "zh_CN"


def test_only_settings_py_touches_qsettings():
    offenders = []
    for path in GUI.rglob("*.py"):
        if path.name in ("settings.py",):
            continue
        text = path.read_text(encoding="utf-8")
        if "QSettings(" in text and path.name not in ("app.py", "screenshots.py"):
            offenders.append(path.name)
        for call in (".value(", ".setValue("):
            if call in text and "QSettings" in text:
                offenders.append(f"{path.name}: {call}")
    assert offenders == []


def test_every_option_used_in_the_gui_is_registered():
    """Every ALL_CAPS name imported from ipdesk.gui.settings is a registered Option."""
    used: set[str] = set()
    for path in GUI.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "ipdesk.gui.settings":
                used |= {a.name for a in node.names if a.name.isupper()}
    assert used, "the GUI uses no options?"
    for name in used:
        opt = getattr(settings_module, name)
        assert isinstance(opt, Option) and REGISTRY[opt.key] is opt, name
    keys = [o.key for o in REGISTRY.values()]
    assert len(keys) == len(set(keys))


def test_every_key_written_by_the_window_is_registered(qtbot, gui_settings: Settings):
    from ipdesk.gui.mainwindow import MainWindow

    window = MainWindow(FakeWorkstation())
    qtbot.addWidget(window)
    window.show()
    for key in window.area_keys():
        window.show_area(key)
    window.close()
    gui_settings.sync()
    keys = gui_settings.stored_keys()
    assert "mainwindow/geometry" in keys
    assert [k for k in keys if not is_registered_key(k)] == []
