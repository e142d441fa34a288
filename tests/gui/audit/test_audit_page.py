"""The audit page says what was done in words (issue 15): 质押登记：受理申请, 质押登记 #1, not pledge.file."""

from __future__ import annotations

from ipdesk.gui.audit.audit_page import AuditPage
from ipdesk.gui.audit.labels import action_words, entity_words
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
