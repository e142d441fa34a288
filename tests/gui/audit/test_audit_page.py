"""The audit page says what was done in words (issue 15): 质押登记：受理申请, 质押登记 #1, not pledge.file; summaries in
the UI language (here and in the detail panes' history)."""

from __future__ import annotations

from datetime import datetime
from types import SimpleNamespace

from PySide6.QtWidgets import QLabel

from ipdesk.gui.audit.audit_page import AuditPage
from ipdesk.gui.audit.labels import action_words, entity_words
from ipdesk.gui.common.pages.history import HistoryView
from tests.gui.helpers.loading import settle
from tests.helpers.factories import ADMIN, application_data, pledge_world


def column_texts(page: AuditPage, key: str) -> list[str]:
    col = page.model.column_index(key)
    return [page.model.data(page.model.index(r, col)) for r in range(page.model.rowCount())]


def test_audit_page_shows_actions_and_records_in_words(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    record = ws.pledges.file(ADMIN, application_data(pledge_world(ws)))
    page = AuditPage(ws, "zh")
    qtbot.addWidget(page)
    page.show()
    settle(qtbot)
    actions, entities = column_texts(page, "action"), column_texts(page, "entity")
    assert "质押登记：受理申请" in actions and "当事人：新增" in actions
    assert f"质押登记 #{record.id}" in entities
    assert not any("." in a and a.isascii() for a in actions) and not any("#" in e and e.isascii() for e in entities)
    english = AuditPage(ws, "en")
    qtbot.addWidget(english)
    settle(qtbot)
    assert "Pledge: application filed" in column_texts(english, "action")


def test_unknown_codes_are_shown_as_stored():
    assert action_words("fees.pay") == ("fees：pay", "fees: pay")
    assert entity_words("pledge") == ("质押登记", "Pledge") and entity_words("loan#3") == ("loan #3", "loan #3")


def test_the_english_audit_page_shows_summaries_in_english(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    record = ws.pledges.file(ADMIN, application_data(pledge_world(ws)))
    english = AuditPage(ws, "en")
    qtbot.addWidget(english)
    settle(qtbot)
    summaries = column_texts(english, "summary")
    assert f"Pledge application filed: {record.application_no}" in summaries
    assert any(s.startswith("Party added: ") for s in summaries)
    chinese = AuditPage(ws, "zh")
    qtbot.addWidget(chinese)
    settle(qtbot)
    assert f"受理质押登记申请 {record.application_no}" in column_texts(chinese, "summary")  # as stored


def test_the_history_lines_show_summaries_in_the_ui_language(qtbot):
    entry = SimpleNamespace(at=datetime(2026, 3, 2, 9, 30), actor="alice", summary="重印 DJ-2026-000012", before=None)
    english, chinese = HistoryView(lambda f, _lang: f, "en"), HistoryView(lambda f, _lang: f, "zh")
    for view in (english, chinese):
        qtbot.addWidget(view)
        view.set_entries([entry])
    assert "Reprinted DJ-2026-000012" in english.findChild(QLabel).text()
    assert "重印 DJ-2026-000012" in chinese.findChild(QLabel).text()
