"""Navigation areas are declarations: the window shows exactly the specs, and a new area is one spec."""

from __future__ import annotations

import dataclasses
import tomllib
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QWidget

from ipdesk.domain.shared.permissions import Action, Actor, Role
from ipdesk.gui import i18n
from ipdesk.gui.areas import AREAS, AreaSpec
from ipdesk.gui.common.pages.base import Page
from ipdesk.gui.common.pages.coming_page import ComingPage
from ipdesk.gui.mainwindow import MainWindow
from tests.gui.helpers.workstation import FakeWorkstation

ROOT = Path(__file__).resolve().parents[3]
COMING = ("custody", "insurance", "risk", "disposal", "market", "pools", "statistics")


class LedgerPage(Page):
    """A page of an area that exists only in this test."""

    def __init__(self, host: Any):
        super().__init__()
        self.host = host
        self.label = QLabel("台账", self)


def ledger(**changes: Any) -> AreaSpec:
    spec = AreaSpec("ledger", "stats", ("台账", "Ledger"), ("试验用的区域。", "An area of this test."),
                    build=LedgerPage, watches=frozenset({"pledges"}))
    return dataclasses.replace(spec, **changes)


def sees_everything() -> FakeWorkstation:
    """A desk whose user may see every area (an administrator), so the navigation is exactly the specs."""
    return FakeWorkstation(actor=Actor("root", Role.ADMIN))


def nav_titles(window: MainWindow) -> list[str]:
    return [window.nav.item(i).text() for i in range(window.nav.count())]


def test_navigation_shows_exactly_the_specs_in_order(qtbot):
    window = MainWindow(sees_everything(), remember=False)
    qtbot.addWidget(window)
    assert nav_titles(window) == [a.title[0] for a in AREAS]
    assert window.area_keys() == [a.key for a in AREAS]
    assert [a.text() for a in window.area_actions] == [a.title[0] for a in AREAS]


def test_english_titles_come_from_the_specs(qtbot):
    i18n.install_translators("en")
    try:
        window = MainWindow(sees_everything(), remember=False)
        qtbot.addWidget(window)
        assert nav_titles(window) == [a.title[1] for a in AREAS]
        window.show_area("custody")
        assert AREAS[5].description[1] in window.current_page().text.text()
    finally:
        i18n.install_translators("zh_CN")


def test_a_new_area_is_one_spec(qtbot):
    window = MainWindow(sees_everything(), remember=False, areas=(*AREAS[:3], ledger(), *AREAS[3:]))
    qtbot.addWidget(window)
    assert nav_titles(window)[3] == "台账" and window.area_keys()[3] == "ledger"
    assert window.area_actions[3].shortcut().toString() == "Alt+4"  # its place in the order gives the key
    window.area_actions[3].trigger()
    page = window.current_page()
    assert isinstance(page, LedgerPage) and page.host is window
    assert window.area_spec("ledger").watches == frozenset({"pledges"})


def test_an_area_without_a_page_says_it_comes_later(qtbot):
    window = MainWindow(sees_everything(), remember=False, areas=(*AREAS, ledger(build=None)))
    qtbot.addWidget(window)
    window.show_area("ledger")
    page = window.current_page()
    assert isinstance(page, ComingPage) and page.title == "台账" and "试验用的区域。" in page.text.text()


@pytest.mark.parametrize("key", COMING)
def test_areas_still_to_come_show_the_coming_page(qtbot, key):
    window = MainWindow(sees_everything(), remember=False)
    qtbot.addWidget(window)
    window.show_area(key)
    assert isinstance(window.current_page(), ComingPage)


def test_an_area_needs_its_permission(qtbot):
    areas = (*AREAS, ledger(permission=Action.ADMINISTER))
    clerk = MainWindow(FakeWorkstation(),  remember=False, areas=areas)
    admin = MainWindow(FakeWorkstation(actor=Actor("root", Role.ADMIN)), remember=False, areas=areas)
    for window in (clerk, admin):
        qtbot.addWidget(window)
    assert "ledger" not in clerk.area_keys() and "台账" not in nav_titles(clerk)
    assert admin.area_keys()[-1] == "ledger"


def test_a_broken_page_builder_leaves_the_window_working(qtbot):
    def broken(_host: Any) -> QWidget:
        raise RuntimeError("boom")

    window = MainWindow(sees_everything(), remember=False, areas=(*AREAS, ledger(build=broken)))
    qtbot.addWidget(window)
    window.show_area("ledger")
    assert isinstance(window.current_page(), ComingPage)
    assert "台账" in window.statusBar().currentMessage()


def test_watches_name_known_change_kinds():
    with pytest.raises(ValueError, match="tomorrow"):
        ledger(watches=frozenset({"tomorrow"}))
    assert all(a.watches for a in AREAS if a.build is not None)


def test_the_pledges_area_wires_the_notice_actions(qtbot, sqlite_workstation):
    window = MainWindow(sqlite_workstation, remember=False)
    qtbot.addWidget(window)
    page = window.page("pledges")
    notice = ["print_notice", "batch_print", "notices"]
    assert {"examine", "register", "cancel"} <= set(page._actions)
    toolbar = [a.objectName() for a in page.toolbar.actions() if not a.isSeparator()]
    at = toolbar.index("action_print_notice")
    assert toolbar[at:at + 2] == ["action_print_notice", "action_batch_print"]
    assert "action_cancel" in toolbar[:at]  # after the pledge's own actions
    assert "action_notices" not in toolbar  # the notice record: in the context menu only
    assert page.action("print_notice").shortcut() == QKeySequence(QKeySequence.StandardKey.Print)
    assert not any(page.action(name).isEnabled() for name in notice)  # nothing selected: nothing to print


def test_contexts_contract_ignores_no_imports():
    """Contexts are wired in gui/areas.py, so the contract needs no exceptions (and must get none)."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    contexts = next(c for c in contracts["contracts"] if c["name"].startswith("Contexts"))
    assert contexts.get("ignore_imports", []) == []


def test_a_role_sees_only_its_areas(qtbot):
    def keys(role: Role) -> list[str]:
        window = MainWindow(FakeWorkstation(actor=Actor("someone", role)), remember=False)
        qtbot.addWidget(window)
        return window.area_keys()

    every = [a.key for a in AREAS]
    assert keys(Role.AUDITOR) == every and keys(Role.ADMIN) == every  # the auditor reads everything
    assert keys(Role.CUSTODIAN) == ["rights", "register_search", "custody", "settings"]
    assert keys(Role.INSURER) == ["register_search", "insurance", "settings"]
    agency = keys(Role.AGENCY)
    assert {"parties", "pledges", "disposal"} <= set(agency) and not {"rights", "audit", "workbench"} & set(agency)
    assert "audit" not in keys(Role.CLERK) and "custody" not in keys(Role.CLERK)


def test_a_role_without_the_rights_starts_on_its_first_area(qtbot):
    window = MainWindow(FakeWorkstation(actor=Actor("ins1", Role.INSURER)), remember=False)
    qtbot.addWidget(window)
    assert window.current_area() == "register_search"
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == ["登记查询", "保险", "设置"]


def test_the_auditor_sees_the_registers_read_only(qtbot, sqlite_workstation):
    sqlite_workstation.actor = Actor("aud1", Role.AUDITOR)
    window = MainWindow(sqlite_workstation, remember=False)
    qtbot.addWidget(window)
    for key in ("rights", "parties", "pledges"):
        window.show_area(key)
        page = window.page(key)
        assert isinstance(page, Page) and not page.can_create(), key  # no 新建 for a role that only reads
    assert "审计员" in window.user_label.text()
