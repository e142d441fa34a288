"""The valuation settings tab on a real SQLite database: the stored values shown, a bad cap or an out-of-range
validity refused under its field with nothing written, a good change saved through the service; read-only for
anyone but the administrator; reached as a tab of the settings area."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.valuation.settings import ValuationSettings, cap_field
from ipdesk.gui import i18n
from ipdesk.gui.areas import settings_tabs
from ipdesk.gui.office.settings_page import SettingsPage
from ipdesk.gui.valuation.valuation_settings import ValuationSettingsForm
from ipdesk.services.workstation import Workstation
from tests.gui.helpers.loading import settle
from tests.helpers.factories import ADMIN


def shown(qtbot, ws: Workstation) -> ValuationSettingsForm:
    form = ValuationSettingsForm(ws, "zh")
    qtbot.addWidget(form)
    form.reload()
    qtbot.waitUntil(lambda: form.loaded is not None, timeout=10_000)
    return form


def test_the_stored_settings_are_shown(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    ws.valuation.save_settings(ADMIN, ValuationSettings(validity_months=6, term_buffer_months=24,
                                                        ltv_caps={"invention": Decimal("45.5")}))
    form = shown(qtbot, ws)
    assert form.validity_months.value() == 6 and form.term_buffer_months.value() == 24
    assert form.caps["invention"].text() == "45.5" and form.caps["utility_model"].text() == "30"
    assert not form.dirty and form.save_button.isEnabled()


def test_bad_input_is_shown_under_its_field_and_nothing_is_written(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    form = shown(qtbot, ws)
    assert form.validity_months.value() == 12  # the default: one year
    form.validity_months.setValue(0)
    form.caps["trademark"].setText("abc")
    form.caps["design"].setText("101")
    assert form.dirty and "个月" in form.fields["validity_months"].error_label.text()  # shown as typed
    assert form.submit() is False
    assert "评估有效期应为 1–120 个月" in form.fields["validity_months"].error_label.text()
    assert "trademark 的质押率上限" in form.fields[cap_field("trademark")].error_label.text()
    assert "design 的质押率上限" in form.fields[cap_field("design")].error_label.text()
    assert not form.fields[cap_field("invention")].has_error and not form.banner.isHidden()
    settle(qtbot)
    assert ws.valuation.settings() == ValuationSettings()
    i18n.install_translators("en")
    try:
        form.submit()
        assert "must be 1-120 months" in form.fields["validity_months"].error_label.text()
    finally:
        i18n.install_translators("zh_CN")


def test_a_change_is_saved_through_the_service(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    form = shown(qtbot, ws)
    form.validity_months.setValue(18)
    form.term_buffer_months.setValue(36)
    form.caps["invention"].setText("40%")
    with qtbot.waitSignal(form.saved, timeout=10_000):
        assert form.submit() is True
    stored = ws.valuation.settings()
    assert stored.validity_months == 18 and stored.term_buffer_months == 36
    assert stored.ltv_caps["invention"] == Decimal("40") and stored.ltv_caps["trademark"] == Decimal("50")
    assert not form.dirty and "已保存" in form.status.text() and form.caps["invention"].text() == "40"


def test_a_refusal_of_the_service_is_shown_and_nothing_is_written(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    form = shown(qtbot, ws)
    ws.actor = Actor("wangli", Role.CLERK)  # lost the duty after the form was opened
    form.caps["invention"].setText("35")
    form.submit()
    qtbot.waitUntil(lambda: not form.saving, timeout=10_000)
    assert not form.banner.isHidden() and "没有保存" in form.status.text()
    assert ws.valuation.settings() == ValuationSettings()


def test_only_the_administrator_edits(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    ws.actor = Actor("wangli", Role.CLERK)
    form = shown(qtbot, ws)
    assert not form.save_button.isEnabled() and form.caps["invention"].line_edit.isReadOnly()
    assert form.submit() is False and "只有管理员" in form.status.text()


def test_the_settings_area_has_the_tab_and_ctrl_s_saves_it(qtbot, sqlite_workstation):
    ws = sqlite_workstation
    page = SettingsPage(ws, extra_tabs=settings_tabs(ws, "zh"))
    qtbot.addWidget(page)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert "评估与质押率" in titles
    tab, form = page.extra_tabs[0]
    qtbot.waitUntil(lambda: form.loaded is not None, timeout=10_000)
    page.tabs.setCurrentWidget(tab)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page, timeout=3000)
    form.term_buffer_months.setValue(6)
    with qtbot.waitSignal(form.saved, timeout=10_000):
        qtbot.keyClick(form.term_buffer_months, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert ws.valuation.settings().term_buffer_months == 6
