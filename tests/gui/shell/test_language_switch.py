"""Switching the language at run time switches every page: text the GUI writes, column headers, status
badges and labels the services hand over as values — and back. Only recorded text (audit summaries and
pledge event notes, written once in Chinese as the office's record), the parties' own data and the name
"中文" in the language menu may stay.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from ipdesk.gui.app import WindowHost
from ipdesk.gui.common.models.lazy_table import BadgeToneRole
from ipdesk.gui.i18n import LANGUAGES, current_lang
from ipdesk.gui.tasks import runner
from ipdesk.services.paging import Query
from ipdesk.services.workstation import Workstation
from tests.gui.helpers.loading import settle as settle_reads
from tests.helpers.factories import ADMIN, FULL_CLAUSES, FULL_DOCS, make_uscc

IDEOGRAPH = re.compile(r"[\u3400-\u9fff]")
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff01-\uff5e]")  # ideographs and full-width punctuation
AREAS = ("workbench", "rights", "parties", "pledges", "register_search", "audit", "settings")


def latin_world(ws: Workstation) -> None:
    """Parties and rights named in Latin letters, so any Chinese on an English page is the GUI's own."""
    firm = ws.parties.create(ADMIN, {"kind": "enterprise", "name": "Hengshun Materials Co Ltd",
                                     "uscc": make_uscc(1), "address": "88 Xuefu Road, Zhenjiang"})
    bank = ws.parties.create(ADMIN, {"kind": "bank", "name": "Bank of Zhenjiang", "uscc": make_uscc(900)})
    right = ws.rights.create(ADMIN, {
        "kind": "invention", "number": "ZL 201710601862.3", "title": "Image processing device",
        "filing_date": "2017-07-25", "grant_date": "2020-03-10", "legal_status": "in_force",
        "owners": [{"party_id": firm.id, "share": ""}]})
    today = ws.clock.today()  # the office day of the test clock
    data = {"application_date": today.isoformat(), "pledgors": [firm.uscc], "pledgee": bank.uscc,
            "debt": {"type": "loan", "amount": "5000000.00",
                     "performance_deadline": (today + timedelta(days=365)).isoformat()},
            "rights": [right.display_number], "documents": list(FULL_DOCS), "clauses": list(FULL_CLAUSES)}
    ws.pledges.file_and_register(ADMIN, data, on=today)
    pending = ws.pledges.file(ADMIN, dict(data, documents=["application_form"]))
    ws.pledges.examine(ADMIN, pending.id)  # pending: a row on the workbench


def recorded_text(ws: Workstation) -> list[str]:
    """What the office recorded in words (the audit log, pledge event notes): shown as written."""
    texts = [r["summary"] for r in ws.audit.page(Query(), 0, 1000)]
    for row in ws.pledge_list.page(Query(), 0, 1000):
        texts += [e["summary"] for e in ws.pledges.events(row["id"]) if e.get("summary")]
    texts += list(LANGUAGES.values())  # the language menu names each language in itself (中文, English)
    return sorted({t for t in texts if t}, key=len, reverse=True)


def shown_texts(page: QWidget) -> list[str]:
    """Every string a page shows: labels, buttons, titles, tabs, combo items, placeholders, headers, cells."""
    out: list[str] = []
    for w in [page, *page.findChildren(QWidget)]:
        if w is not page and not w.isVisibleTo(page):
            continue
        if isinstance(w, (QLabel, QAbstractButton)):
            out += [w.text(), w.toolTip()]
        if isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        if isinstance(w, QGroupBox):
            out.append(w.title())
        if isinstance(w, QComboBox):
            out += [w.itemText(i) for i in range(w.count())]
        if isinstance(w, QTabWidget):
            out += [w.tabText(i) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            m = w.model()
            out += [str(m.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(m.columnCount())]
            out += [str(m.data(m.index(r, c)) or "") for r in range(min(m.rowCount(), 20))
                    for c in range(m.columnCount())]
    return [t for t in out if t]


def chinese_left(page: QWidget, recorded: list[str]) -> list[str]:
    """The shown strings still holding Chinese once the recorded text is taken out."""
    left = []
    for text in shown_texts(page):
        rest = text
        for r in recorded:
            rest = rest.replace(r, "")
        if CHINESE.search(rest):
            left.append(text)
    return left


def settle(qtbot: Any, ms: int = 100) -> None:
    settle_reads(qtbot)  # every background read and the reads it started
    qtbot.wait(ms)
    runner().wait(10_000)


def visit(qtbot: Any, window: Any, key: str) -> QWidget:
    """Show an area, let its reads finish and select its first row (so the detail pane is filled too)."""
    window.show_area(key)
    settle(qtbot)
    page = window.page(key)
    table = getattr(page, "table", None)
    if isinstance(table, QAbstractItemView) and table.model() is not None and table.model().rowCount():
        table.selectRow(0)
        settle(qtbot, 200)
    return page


def column_texts(page: Any, key: str) -> list[str]:
    model = page.model
    col = model.column_index(key)
    return [model.data(model.index(r, col)) for r in range(model.rowCount())]


def switch(qtbot: Any, host: WindowHost, locale: str) -> Any:
    old = host.window
    old.language_actions[locale].trigger()
    qtbot.waitUntil(lambda: host.window is not old, timeout=5000)
    qtbot.waitUntil(lambda: not shiboken6.isValid(old) or not old.isVisible(), timeout=5000)
    window = host.window
    assert current_lang() == ("en" if locale == "en" else "zh")
    return window


def test_switching_language_at_run_time_switches_every_page(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    latin_world(ws)
    recorded = recorded_text(ws)
    assert set(LANGUAGES) == {"zh_CN", "en"}
    host = WindowHost(ws)
    window = host.open()
    for key in AREAS:
        visit(qtbot, window, key)
    assert window.nav.item(0).text() == "工作台"

    window = switch(qtbot, host, "en")
    pages = {key: visit(qtbot, window, key) for key in AREAS}
    left = {key: chinese_left(page, recorded) for key, page in pages.items()}
    assert left == {key: [] for key in AREAS}
    nav = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert nav[0] == "Workbench" and "Settings" in nav and window.menus["file"].title() == "&File"
    rights, parties, pledges, search = (pages[k] for k in ("rights", "parties", "pledges", "register_search"))
    assert rights.model.headerData(0, Qt.Orientation.Horizontal) == "Number"
    assert column_texts(rights, "kind") == ["Invention patent"] or column_texts(rights, "kind") == ["Invention"]
    assert column_texts(rights, "legal_status") == ["In force"]
    assert sorted(column_texts(parties, "kind")) == ["Bank", "Enterprise"]
    assert pledges.model.headerData(0, Qt.Orientation.Horizontal) == "Application no."
    status = pledges.model.column_index("status")
    assert sorted(column_texts(pledges, "status")) == ["Applied", "Registered"]
    cells = [pledges.model.index(r, status) for r in range(2)]
    tones = {pledges.model.data(c): pledges.model.data(c, BadgeToneRole) for c in cells}
    assert tones == {"Registered": "ok", "Applied": "info"}  # still badges, now in English
    assert column_texts(search, "status") == ["In force"]
    assert search.model.headerData(0, Qt.Orientation.Horizontal) == "Registration no."
    workbench = pages["workbench"]
    assert workbench.model.headerData(0, Qt.Orientation.Horizontal) == "Working days left"
    assert workbench.model.rowCount() == 1 and "working day" in workbench.model.data(workbench.model.index(0, 0))

    window = switch(qtbot, host, "zh_CN")
    qtbot.addWidget(window)
    pages = {key: visit(qtbot, window, key) for key in AREAS}
    assert window.nav.item(0).text() == "工作台"
    assert pages["rights"].model.headerData(0, Qt.Orientation.Horizontal) == "编号"
    assert column_texts(pages["rights"], "legal_status") == ["有效"]
    assert sorted(column_texts(pages["pledges"], "status")) == sorted(["已登记", "已受理"])
    assert column_texts(pages["register_search"], "status") == ["有效"]
    for key, page in pages.items():  # nothing English left behind: every page has Chinese again
        assert any(IDEOGRAPH.search(t) for t in shown_texts(page)), key


def test_pages_built_without_a_language_follow_the_ui(qtbot, sqlite_workstation):
    from ipdesk.gui import i18n
    from ipdesk.gui.notices.search_page import SearchPage
    from ipdesk.gui.pledges.pledges_page import PledgesPage
    from ipdesk.gui.registry.rights_page import RightsPage

    expected = (("en", ("Number", "Application no.", "Registration no.")), ("zh_CN", ("编号", "申请号", "登记号")))
    for locale, headers in expected:
        i18n.install_translators(locale)
        pages = [RightsPage(sqlite_workstation), PledgesPage(sqlite_workstation), SearchPage(sqlite_workstation)]
        for page in pages:
            qtbot.addWidget(page)
        assert tuple(p.model.headerData(0, Qt.Orientation.Horizontal) for p in pages) == headers
        settle(qtbot)
