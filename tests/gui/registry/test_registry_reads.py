"""Registry lookups as the user types run in the reader pool: the party picker's search and the right form's
"is this number already registered" never block the window, and stale answers are dropped."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from ipdesk.gui.registry.party_picker import PartyPicker
from ipdesk.gui.registry.right_form import RightForm
from tests.gui.helpers.loading import settle
from tests.gui.helpers.slow import Slow, Ticker, slow_desk
from tests.helpers.factories import ADMIN, add_party, invention_data

SLOW = 0.3


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch):
    from ipdesk.gui.common.widgets.form_dialog import FormDialog

    monkeypatch.setattr(FormDialog, "confirm_discard", lambda self: True)


def test_the_party_picker_searches_off_the_gui_thread_and_shows_the_latest_text(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    add_party(ws, "江苏恒顺新材料科技有限公司", 1)
    add_party(ws, "镇江市高新技术研究院有限公司", 2)
    parties = Slow(ws.parties, find=lambda text, limit=30: SLOW if text == "有限公司" else 0.0)
    ticker = Ticker()
    started = time.monotonic()
    picker = PartyPicker(slow_desk(ws, parties=parties), text="有限公司")  # both match, slowly
    qtbot.addWidget(picker)
    assert time.monotonic() - started < SLOW / 2 and picker.searching
    assert picker.results.count() == 0 and "正在查找" in picker.hint.text()
    picker.search.setText("镇江")  # typed on before the first answer came
    picker.search.flush()
    settle(qtbot)
    qtbot.wait(SLOW * 1000 + 100)
    assert [picker.results.item(i).text().split()[0] for i in range(picker.results.count())] == [
        "镇江市高新技术研究院有限公司"]
    assert ticker.ticks >= 5
    ticker.stop()


def test_the_right_form_says_a_number_is_taken_once_the_register_answers(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    owner = add_party(ws)
    ws.rights.create(ADMIN, invention_data([owner.id]))
    rights = Slow(ws.rights, validate=SLOW)
    form = RightForm(slow_desk(ws, rights=rights))
    qtbot.addWidget(form)
    form.show()
    form.title_edit.setText("另一项发明")
    form.dates["filing_date"].setText("2017-07-25")
    form.dates["grant_date"].setText("2020-03-10")
    form.owners.add_owner(owner.id, owner.name)
    started = time.monotonic()
    form.number.setText("ZL 201710601862.3")  # already registered
    form.number.line_edit.editingFinished.emit()
    assert [p.code for p in form.validate_now()] == []  # nothing wrong that the form can see by itself
    assert time.monotonic() - started < SLOW / 2  # validating as you type did not wait for the register
    assert form.checking
    qtbot.waitUntil(lambda: form.fields["number"].has_error, timeout=5000)
    assert any(p.code == "right.number_taken" for p in form.validate_now())
    assert "ZL 201710601862.3" in form.fields["number"].error_label.text()


def test_the_party_form_says_a_uscc_is_taken_once_the_register_answers(qtbot, sqlite_workstation):
    from ipdesk.gui.registry.party_form import PartyForm

    ws = sqlite_workstation
    taken = add_party(ws, "江苏恒顺新材料科技有限公司", 1)
    form = PartyForm(slow_desk(ws, parties=Slow(ws.parties, validate=SLOW)))
    qtbot.addWidget(form)
    form.show()
    form.edits["name"].setText("另一家公司")
    started = time.monotonic()
    form.edits["uscc"].setText(taken.uscc)
    assert form.validate_now() == []  # nothing the form can see by itself; the register is asked
    assert time.monotonic() - started < SLOW / 2 and form.checking
    qtbot.waitUntil(lambda: form.fields["uscc"].has_error, timeout=5000)
    assert [p.code for p in form.validate_now()] == ["party.uscc_taken"]


@pytest.mark.parametrize("service", ["rights", "parties", "audit"])
def test_models_reading_in_the_pool_pass_the_model_tester(qtbot, qtmodeltester, sqlite_workstation, service):
    from ipdesk.demo.generator import load_demo_data
    from ipdesk.gui.common.models.lazy_table import LazyTableModel
    from ipdesk.gui.tasks import runner
    from ipdesk.services.paging import Query

    ws = sqlite_workstation
    load_demo_data(ws.engine, ADMIN, rights=450, clock=ws.clock)
    source = getattr(ws, service)
    model = LazyTableModel(source, page_size=100, task_runner=runner())
    qtmodeltester.check(model)  # attached from the start: the count's reset and every page's arrival
    settle(qtbot, model)
    assert model.rowCount() == source.count(Query())
    last = model.rowCount() - 1
    model.row_id(last)  # a deep page, read on demand
    settle(qtbot, model)
    assert model.row_id(last) is not None
    model.sort(0, Qt.SortOrder.DescendingOrder)
    settle(qtbot, model)
    qtmodeltester.check(model)
