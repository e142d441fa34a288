"""The office-wide settings in the settings area, against a real SQLite database: office name, number
formats and service levels; the holiday calendar editor; the signing key.

``docs/screenshots/settings.png`` (and ``settings-holidays.png``) are written when ``IPDESK_SCREENSHOTS=1``
(always into the test's temp folder, so the grab itself is tested).
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from ipdesk.domain.office.workdays import WorkCalendar
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.gui import i18n
from ipdesk.gui.office.holiday_views import HOLIDAY, WORKDAY
from ipdesk.gui.office.office_settings import format_problem, format_warning, settings_problems
from ipdesk.gui.office.settings_page import SettingsPage
from ipdesk.services.office.settings import OfficeSettings, shipped_calendar
from ipdesk.services.workstation import Workstation
from tests.gui.helpers.loading import settle as settle_reads
from tests.gui.helpers.screenshots import SHOT_WIDTH, save_screenshot
from tests.helpers.factories import ADMIN, application_data, pledge_world

ROOT = Path(__file__).resolve().parents[3]
RECEIVED = date(2026, 11, 16)  # a Monday; no holiday in the shipped table until 2026-11-30


@pytest.fixture
def ws(sqlite_workstation: Workstation) -> Workstation:
    return sqlite_workstation


@pytest.fixture(autouse=True)
def answers_yes(message_mock: Any) -> list[tuple[str, str]]:
    return message_mock.said  # type: ignore[no-any-return]


def settle(qtbot: Any, ms: int = 30) -> None:
    settle_reads(qtbot)  # every background read and the reads it started
    qtbot.wait(ms)


def texts(widget: Any) -> list[str]:
    return [widget.item(i).text() for i in range(widget.count())]


def make_page(qtbot: Any, ws: Any) -> SettingsPage:
    page = SettingsPage(ws)
    qtbot.addWidget(page)
    page.resize(1180, 860)
    page.show()
    settle(qtbot)
    return page


def test_office_name_and_sla_days_are_saved_and_used_by_a_new_pledge(qtbot, ws):
    page = make_page(qtbot, ws)
    form = page.office_form
    assert form.office_name.text() == "国家知识产权局" and form.sla_patent.value() == 5
    assert "尚未与官方原文核对" in form.findChild(type(form.status), "slaNote").text()

    form.office_name.line_edit.clear()
    qtbot.keyClicks(form.office_name.line_edit, "Jiangsu IP Office")
    form.sla_patent.setValue(7)
    form.correction_days.setValue(45)
    assert form.dirty and "未保存" in form.status.text()
    page.tabs.setCurrentWidget(page.office_tab)
    with qtbot.waitSignal(form.saved, timeout=10_000):
        qtbot.keyClick(form.sla_patent, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S
    settle(qtbot)

    saved = ws.office.settings()
    assert saved.office_name == "Jiangsu IP Office"
    assert (saved.sla_patent_days, saved.correction_days) == (7, 45)
    assert saved.sla_trademark_days == 2 and saved.registration_no_format == "Y{year}98{seq:07d}"
    assert not form.dirty and "已保存" in form.status.text()

    world = pledge_world(ws)
    record = ws.pledges.file(ADMIN, application_data(world), received=RECEIVED)
    calendar = ws.office.calendar()
    assert record.sla_deadline == calendar.add_workdays(RECEIVED, 7) == date(2026, 11, 25)

    again = make_page(qtbot, ws)  # re-read from the database
    assert again.office_form.office_name.text() == "Jiangsu IP Office"
    assert again.office_form.sla_patent.value() == 7


@pytest.mark.parametrize(
    ("fmt", "says"),
    [
        ("Y{year}98", "{seq}"),
        ("", "请填写"),
        ("Y{year}{seq:07d", "花括号"),
        ("Y{yr}{seq}", "{yr}"),
        ("Y{year}{seq:07q}", "格式写法有误"),
        ("Y{year}" + "0" * 40 + "{seq}", "40"),
    ],
)
def test_format_problems(fmt, says):
    assert says in format_problem(fmt)


def test_good_formats_and_the_year_warning():
    assert format_problem("Y{year}98{seq:07d}") == "" and format_warning("Y{year}98{seq:07d}") == ""
    assert format_problem("DJ-{seq:05d}") == ""
    assert "{year}" in format_warning("DJ-{seq:05d}")


def test_a_bad_number_format_is_refused_and_nothing_is_saved(qtbot, ws, monkeypatch):
    page = make_page(qtbot, ws)
    page.tabs.setCurrentWidget(page.office_tab)
    form = page.office_form
    writes: list[Any] = []
    monkeypatch.setattr(ws.office, "save_settings", lambda actor, s: writes.append(s))

    form.office_name.line_edit.setText("镇江市知识产权局")
    edit = form.formats["registration_no_format"]
    edit.line_edit.clear()
    qtbot.keyClicks(edit.line_edit, "DJ{year}")
    field = form.fields["registration_no_format"]
    assert field.has_error and "{seq}" in field.error_label.text()  # red as soon as it is typed
    assert "—" in edit.preview.text()
    form.formats["notice_serial_format"].setText("N{foo}{seq}")
    form.office_name.line_edit.clear()

    assert form.submit() is False
    settle(qtbot)
    assert writes == []
    assert ws.office.settings() == OfficeSettings(maker_checker=False)  # as the workstation fixture left it
    banner = form.banner.text()
    assert form.banner.isVisible() and "3 处问题" in banner
    assert "登记号格式" in banner and "通知书编号格式" in banner and "登记机关名称" in banner
    assert field.marked_widget.property("error") is True

    edit.setText("DJ{year}{seq:06d}")
    assert not field.has_error and "DJ20" in edit.preview.text()


def test_the_office_timezone_is_edited_here_and_an_unknown_one_is_refused(qtbot, ws):
    page = make_page(qtbot, ws)
    page.tabs.setCurrentWidget(page.office_tab)
    form = page.office_form
    assert form.timezone.text() == "Asia/Shanghai"
    form.timezone.line_edit.clear()
    qtbot.keyClicks(form.timezone.line_edit, "Asia/Beijing")  # not an IANA name
    field = form.fields["timezone"]
    assert field.has_error and "未知的时区“Asia/Beijing”" in field.error_label.text()
    assert "Asia/Shanghai" in field.error_label.text()  # says what to type instead
    assert form.submit() is False
    settle(qtbot)
    assert ws.office.settings().timezone == "Asia/Shanghai" and "时区" in form.banner.text()

    i18n.install_translators("en")
    assert "Unknown timezone “Asia/Beijing”" in settings_problems(form.values())["timezone"]
    i18n.install_translators("zh_CN")

    form.timezone.setText("Asia/Urumqi")
    assert not field.has_error
    with qtbot.waitSignal(form.saved, timeout=10_000):
        assert form.submit()
    settle(qtbot)
    assert ws.office.settings().timezone == "Asia/Urumqi"
    assert str(ws.clock.zone) == "Asia/Urumqi"  # this workstation's dates follow at once


def test_a_clerk_sees_the_settings_read_only_and_a_refusal_is_shown(qtbot, ws):
    ws.actor = Actor("wangli", Role.CLERK)
    page = make_page(qtbot, ws)
    form = page.office_form
    assert not form.editable and not form.save_button.isEnabled()
    assert form.office_name.line_edit.isReadOnly() and "管理员" in form.status.text()
    assert not page.holiday_editor.save_button.isEnabled() and not page.key_panel.import_button.isEnabled()

    form.editable = True  # as if the role changed after the page was built: the service still refuses
    form.office_name.line_edit.setText("某知识产权局")
    with qtbot.waitSignal(form.failed, timeout=10_000) as blocker:
        form.submit()
    assert "无权" in blocker.args[0] and "无权" in form.banner.text()
    assert ws.office.settings().office_name == "国家知识产权局"


# ---- holiday calendar ------------------------------------------------------------------------------------


def test_adding_a_holiday_makes_it_a_day_off(qtbot, ws):
    page = make_page(qtbot, ws)
    editor = page.holiday_editor
    page.tabs.setCurrentWidget(page.holiday_tab)
    day = date(2026, 3, 10)  # a Tuesday
    assert ws.office.calendar().is_workday(day)

    editor.holiday_list.date_edit.setText("2026/3/10")
    qtbot.mouseClick(editor.holiday_list.add_button, Qt.MouseButton.LeftButton)
    assert day in editor.holidays and any("2026-03-10" in t for t in texts(editor.holiday_list.list))
    assert editor.view.kinds[day] == HOLIDAY and editor.dirty

    # the same day cannot also be a make-up working day; a weekday cannot be one at all
    assert editor.add_day(day, WORKDAY) is False and "不能既放假又上班" in editor.message.text()
    assert editor.add_day(date(2026, 3, 11), WORKDAY) is False and "周六或周日" in editor.message.text()
    assert editor.add_day(date(2026, 3, 14), WORKDAY) is True  # a Saturday

    with qtbot.waitSignal(editor.saved, timeout=10_000):
        assert editor.submit()
    calendar = ws.office.calendar()
    assert calendar.is_workday(day) is False
    assert calendar.is_workday(date(2026, 3, 14)) is True
    assert not editor.dirty

    row = next(i for i, t in enumerate(texts(editor.holiday_list.list)) if "2026-03-10" in t)
    editor.holiday_list.list.item(row).setSelected(True)
    assert editor.holiday_list.remove_button.isEnabled()
    qtbot.mouseClick(editor.holiday_list.remove_button, Qt.MouseButton.LeftButton)
    assert day not in editor.holidays and editor.dirty


def test_a_year_outside_the_table_is_marked(qtbot, ws):
    page = make_page(qtbot, ws)
    editor = page.holiday_editor
    editor.year.setValue(2030)
    assert "不在节假日表中" in editor.year_note.text() and "周六、周日" in editor.year_note.text()
    assert editor.view.yearShown() == 2030
    editor.year.setValue(2025)
    assert "在节假日表中" in editor.year_note.text() and "不在" not in editor.year_note.text()
    assert editor.holiday_list.list.count() == len([d for d in shipped_calendar().holidays if d.year == 2025])

    assert editor.add_day(date(2030, 1, 1), HOLIDAY)
    assert editor.year.value() == 2030 and "不在" not in editor.year_note.text()
    editor.holiday_list.list.item(0).setSelected(True)
    editor.remove_selected(HOLIDAY)
    assert 2030 not in editor.years() and "不在节假日表中" in editor.year_note.text()


def test_reset_restores_the_shipped_table(qtbot, ws, answers_yes):
    edited = WorkCalendar.from_json({"years": {"2026": {"holidays": ["2026-03-10"], "workdays": []}}})
    ws.office.save_calendar(ADMIN, edited)
    page = make_page(qtbot, ws)
    page.tabs.setCurrentWidget(page.holiday_tab)
    editor = page.holiday_editor
    assert editor.years() == {2026} and editor.holidays == {date(2026, 3, 10)}

    qtbot.mouseClick(editor.reset_button, Qt.MouseButton.LeftButton)
    assert answers_yes and editor.dirty and "保存后生效" in editor.message.text()
    assert ws.office.calendar() == edited  # nothing written before Save
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.submit()
    assert ws.office.calendar() == shipped_calendar()
    assert ws.office.calendar().meta["2025"]["verified"] is True  # sources kept


def test_export_and_import_json_round_trip(qtbot, ws, tmp_path):
    page = make_page(qtbot, ws)
    editor = page.holiday_editor
    editor.add_day(date(2027, 1, 1), HOLIDAY)
    editor.add_day(date(2027, 2, 6), WORKDAY)  # a Saturday
    before = editor.calendar()
    out = tmp_path / "exported.json"
    assert editor.export_to(out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["years"]["2027"] == {"holidays": ["2027-01-01"], "workdays": ["2027-02-06"]}
    assert set(data["years"]) == {"2024", "2025", "2026", "2027"}

    editor.reset_to_shipped(confirm=False)
    assert 2027 not in editor.years()
    assert editor.import_from(out) and "已导入" in editor.message.text()
    assert editor.calendar() == before and editor.calendar().meta["2024"] == before.meta["2024"]
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        editor.submit()
    assert ws.office.calendar() == before and not ws.office.calendar().is_workday(date(2027, 1, 1))

    shipped = ROOT / "resources" / "data" / "holidays_cn.json"
    assert editor.import_from(shipped) and editor.calendar() == shipped_calendar()

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"years": {"2027": {"holidays": ["2027-02-06"], "workdays": ["2027-02-06"]}}}))
    assert not editor.import_from(bad) and "不是可用的节假日表" in editor.message.text()
    assert editor.calendar() == shipped_calendar()  # left as it was
    assert not editor.import_from(tmp_path / "missing.json")


# ---- signing key -----------------------------------------------------------------------------------------


def test_export_public_key_writes_a_pem_and_a_key_can_be_trusted(qtbot, ws, tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    page = make_page(qtbot, ws)
    panel = page.key_panel
    assert panel.key_label.text() == ws.notices.key.key_id
    out = tmp_path / "office.pem"
    with qtbot.waitSignal(panel.done, timeout=10_000):
        panel.export_to(out)
    assert out.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")
    assert ws.notices.key.key_id in panel.status.text()

    other = (
        Ed25519PrivateKey.generate()
        .public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    theirs = tmp_path / "theirs.pem"
    theirs.write_bytes(other)
    panel.import_from(theirs)  # no label yet: refused on the field
    assert panel.label_edit.has_error
    with qtbot.waitSignal(panel.done, timeout=10_000):
        panel.import_from(theirs, "江苏省知识产权局")
    assert "已信任公钥" in panel.status.text() and "江苏省知识产权局" in panel.status.text()

    junk = tmp_path / "junk.pem"
    junk.write_bytes(b"not a key")
    with qtbot.waitSignal(panel.failed, timeout=10_000):
        panel.import_from(junk, "某机关")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")  # a file where the folder should be: the export fails, said on the panel
    with qtbot.waitSignal(panel.failed, timeout=10_000):
        panel.export_to(blocker / "office.pem")
    assert "not-a-folder" in panel.status.text()


# ---- screenshot ------------------------------------------------------------------------------------------


def test_screenshots(qtbot, ws, tmp_path):
    ws.office.save_settings(ADMIN, replace(OfficeSettings(), office_name="镇江市知识产权局"))
    page = make_page(qtbot, ws)
    page.resize(SHOT_WIDTH, 900)
    page.tabs.setCurrentWidget(page.office_tab)
    form = page.office_form
    form.formats["notice_serial_format"].setText("N{year}{seq}{x}")
    settle(qtbot)
    save_screenshot(page, "settings.png", tmp_path)

    page.tabs.setCurrentWidget(page.holiday_tab)
    editor = page.holiday_editor
    editor.year.setValue(2026)
    editor.view.setCurrentPage(2026, 2)
    settle(qtbot)
    save_screenshot(page, "settings-holidays.png", tmp_path)


def test_sign_in_and_decision_settings_are_saved_and_checked_by_the_service(qtbot, ws):
    page = make_page(qtbot, ws)
    form = page.office_form
    assert (form.idle_lock_minutes.value(), form.lockout_attempts.value()) == (15, 5)
    assert form.password_min_length.value() == 10 and not form.maker_checker.isChecked()  # the fixture's
    form.lockout_attempts.setValue(0)  # outside 1–20: the service says so, in the UI language
    form.password_min_length.setValue(4)
    before = ws.office.settings()
    with qtbot.waitSignal(form.failed, timeout=10_000):
        form.submit()
    settle(qtbot)
    assert ws.office.settings() == before  # nothing written
    assert "1–20" in form.fields["lockout_attempts"].error_label.text()
    assert "8–64" in form.fields["password_min_length"].error_label.text()
    assert "连续登录失败锁定次数" in form.banner.text()
    form.lockout_attempts.setValue(3)
    form.password_min_length.setValue(12)
    form.idle_lock_minutes.setValue(30)
    form.maker_checker.setChecked(True)
    assert form.dirty
    with qtbot.waitSignal(form.saved, timeout=10_000):
        form.submit()
    saved = ws.office.settings()
    assert (saved.lockout_attempts, saved.password_min_length, saved.idle_lock_minutes) == (3, 12, 30)
    assert saved.maker_checker is True


def test_a_unit_after_one_is_singular_in_english(qtbot, ws):
    from ipdesk.gui import i18n

    i18n.install_translators("en")
    form = make_page(qtbot, ws).office_form
    form.sla_trademark.setValue(1)
    form.sla_patent.setValue(5)
    form.lockout_attempts.setValue(1)
    assert form.sla_trademark.text() == "1 working day" and form.sla_patent.text() == "5 working days"
    assert form.lockout_attempts.text() == "1 attempt"
    form.sla_trademark.setValue(2)
    assert form.sla_trademark.text() == "2 working days"
