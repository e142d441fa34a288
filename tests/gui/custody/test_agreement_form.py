"""新建托管协议 on the 托管 page and 纳入托管… on the rights register (several selected rights): keyboard save,
checks under the fields as typed, a refusal of the service (a right already in custody) under its field with
nothing written."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QKeySequence

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.gui import i18n
from ipdesk.gui.custody.agreement_form import AgreementForm, split_rights
from ipdesk.gui.custody.custody_page import CustodyPage
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, add_party, invention_data, make_uscc

CUSTODIAN = Actor("tuoguan", Role.CUSTODIAN)
FIRST, SECOND = "ZL 201710601862.3", "ZL 201610000010.4"


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    from ipdesk.gui.common.widgets.form_dialog import FormDialog

    monkeypatch.setattr(FormDialog, "confirm_discard", lambda self: True)


@pytest.fixture
def ws(sqlite_workstation: Workstation) -> Workstation:
    firm = add_party(sqlite_workstation)
    sqlite_workstation.rights.create(ADMIN, invention_data([firm.id]))  # type: ignore[list-item]
    sqlite_workstation.rights.create(ADMIN, invention_data(  # type: ignore[list-item]
        [firm.id], number=SECOND, filing_date="2016-09-01", grant_date="2019-01-01"))
    sqlite_workstation.actor = CUSTODIAN
    return sqlite_workstation


@pytest.fixture
def custodian(ws: Workstation) -> Any:
    return ws.parties.create(ADMIN, {"kind": "enterprise", "name": "镇江知识产权托管中心", "uscc": make_uscc(77)})


def test_split_rights_keeps_the_space_inside_a_number() -> None:
    assert split_rights(f"{FIRST}、{SECOND}，") == [FIRST, SECOND]


def test_the_page_creates_an_agreement_from_the_keyboard(qtbot, ws, custodian) -> None:  # type: ignore[no-untyped-def]
    page = CustodyPage(ws, "zh")
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.summary.text() != "正在读取…", timeout=5000)
    assert page.new_button.isVisibleTo(page) and page.agreements.rowCount() == 0
    page.open_agreement_form([FIRST, SECOND])
    form = page.form
    assert isinstance(form, AgreementForm) and form.isVisible()
    assert form.focusWidget() is form.custodian.line_edit  # keyboard-first: the custodian comes first
    assert form.starts_on.iso_text() == ws.clock.today().isoformat()
    form.custodian.set_party(custodian)
    qtbot.keyClicks(form.fee_budget, "5000")
    assert form.save_button.shortcut() == QKeySequence(QKeySequence.StandardKey.Save)
    with qtbot.waitSignal(form.saved, timeout=10_000) as saved:
        form.save_button.animateClick()  # what Ctrl+S triggers
    agreement = saved.args[0]
    assert agreement.custodian == "镇江知识产权托管中心" and agreement.right_numbers == (SECOND, FIRST)
    assert str(agreement.fee_budget) == "5000.00" and agreement.ends_on is None
    qtbot.waitUntil(lambda: page.agreements.rowCount() == 1, timeout=5000)


def test_a_custodian_typed_by_name_is_found_on_saving(qtbot, ws, custodian) -> None:  # type: ignore[no-untyped-def]
    form = AgreementForm(ws, [FIRST])
    qtbot.addWidget(form)
    form.show()
    form.custodian.line_edit.setText("镇江知识产权托管中心")
    with qtbot.waitSignal(form.saved, timeout=10_000) as saved:
        form.submit()
    assert saved.args[0].custodian_id == custodian.id


def test_checks_show_under_the_fields_as_typed(qtbot, ws) -> None:  # type: ignore[no-untyped-def]
    form = AgreementForm(ws)
    qtbot.addWidget(form)
    form.show()
    form.starts_on.setText("2026-05-01")
    form.ends_on.setText("2026-04-30")
    form.fee_budget.setText("-1")
    form.submit()
    for name in ("custodian", "rights", "ends_on", "fee_budget"):
        assert form.fields[name].has_error, name
    assert "早于起始日" in form.fields["ends_on"].error_label.text()
    assert form.banner.isVisible() and form.isVisible() and ws.custody.agreements() == []
    i18n.install_translators("en")
    try:
        form.validate_now(show_all=True)
        assert "before it starts" in form.fields["ends_on"].error_label.text()
    finally:
        i18n.install_translators("zh_CN")


def test_a_right_already_in_custody_is_refused_under_the_field(qtbot, ws, custodian) -> None:  # type: ignore[no-untyped-def]
    ws.custody.create_agreement(CUSTODIAN, {"custodian_id": custodian.id, "starts_on": "2026-01-01",
                                            "reference": "TG-1", "rights": [FIRST]})
    form = AgreementForm(ws, [SECOND, FIRST])
    qtbot.addWidget(form)
    form.show()
    form.custodian.set_party(custodian)
    form.submit()
    qtbot.waitUntil(lambda: form.fields["rights"].has_error, timeout=5000)
    assert "已在托管中（协议 TG-1）" in form.fields["rights"].error_label.text()
    assert form.isVisible() and len(ws.custody.agreements()) == 1


def test_a_custodian_who_is_nobody_is_refused_under_the_field(qtbot, ws) -> None:  # type: ignore[no-untyped-def]
    form = AgreementForm(ws, [FIRST])
    qtbot.addWidget(form)
    form.show()
    form.custodian.line_edit.setText("无此机构")
    form.submit()
    qtbot.waitUntil(lambda: form.fields["custodian"].has_error, timeout=5000)
    assert "无此机构" in form.fields["custodian"].error_label.text() and ws.custody.agreements() == []


class _Host:
    def __init__(self, ws: Workstation) -> None:
        self.workstation, self.lang = ws, "zh"


def test_the_rights_register_puts_several_selected_rights_into_custody(qtbot, ws, custodian) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QItemSelectionModel

    from ipdesk.gui.areas import build_rights
    from tests.gui.helpers.loading import settle as settle_reads

    page = build_rights(_Host(ws))  # type: ignore[arg-type]
    assert page is not None
    qtbot.addWidget(page)
    page.show()
    settle_reads(qtbot, page)
    action = page.action("custody")
    assert action.text() == "纳入托管…" and not action.isEnabled()  # nothing selected yet
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in (0, 1):
        page.table.selectionModel().select(page.model.index(row, 0), flags)
    qtbot.waitUntil(action.isEnabled, timeout=5000)
    action.trigger()
    form = page.custody_form
    assert sorted(form.values()["rights"]) == sorted([FIRST, SECOND])
    form.custodian.set_party(custodian)
    with qtbot.waitSignal(form.saved, timeout=10_000) as saved:
        form.submit()
    assert sorted(saved.args[0].right_numbers) == sorted([FIRST, SECOND])


def test_the_action_is_only_for_who_may_manage_custody(qtbot, ws) -> None:  # type: ignore[no-untyped-def]
    from ipdesk.gui.areas import build_rights

    ws.actor = Actor("shenji", Role.AUDITOR)
    page = build_rights(_Host(ws))  # type: ignore[arg-type]
    qtbot.addWidget(page)
    with pytest.raises(KeyError):
        page.action("custody")
