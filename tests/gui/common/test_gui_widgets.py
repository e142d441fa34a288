"""Widgets: inline field errors, money and date editors, the debounced search bar, the form dialog."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from ipdesk.domain.shared.problems import Problem, ValidationError
from ipdesk.gui.common.widgets import DateEdit, FieldEdit, FormDialog, MoneyEdit, SearchBar
from ipdesk.gui.formatting import format_money, parse_date, parse_money


def test_field_edit_shows_one_red_line_and_border(qtbot):
    field = FieldEdit()
    qtbot.addWidget(field)
    field.show()
    field.set_problems([Problem("required", "name", {"label": "名称"})])
    assert field.error_label.isVisible()
    assert field.error_label.text() == "名称不能为空"
    assert field.line_edit.property("error") is True
    field.set_problems(["第一个问题", "第二个问题"])
    assert field.error_label.text().startswith("第一个问题") and "+1" in field.error_label.text()
    assert "第二个问题" in field.error_label.toolTip()
    field.set_problems([])
    assert not field.error_label.isVisible()
    assert field.line_edit.property("error") is False


@pytest.mark.parametrize(
    ("typed", "value", "shown"),
    [
        ("1234567.5", Decimal("1234567.50"), "1,234,567.50"),
        ("1,000", Decimal("1000.00"), "1,000.00"),
        ("１２３．４", Decimal("123.40"), "123.40"),
        ("", None, ""),
    ],
)
def test_money_edit(qtbot, typed, value, shown):
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    edit.setText(typed)
    assert edit.value() == value
    edit.editingFinished.emit()
    assert edit.text() == shown
    assert edit.raw_text() == ("" if value is None else f"{value:.2f}")
    assert edit.alignment() & Qt.AlignmentFlag.AlignRight


def test_money_edit_validator_blocks_letters_and_third_decimal(qtbot):
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "12a.345")
    assert edit.text() == "12.34"


def test_money_formatting_helpers():
    assert format_money(Decimal("1234567.125")) == "1,234,567.13"
    assert format_money(Decimal("12345678"), wan=True) == "1,234.57"
    assert parse_money("¥1,234.5") == Decimal("1234.50")
    with pytest.raises(ValueError):
        parse_money("12.345")


def test_date_edit_accepts_common_forms_and_empty(qtbot):
    edit = DateEdit()
    qtbot.addWidget(edit)
    assert edit.date() is None and edit.iso_text() == ""
    for typed in ("2017/7/25", "2017年7月25日", "20170725", "2017-07-25"):
        edit.setText(typed)
        edit.line_edit.editingFinished.emit()
        assert edit.text() == "2017-07-25"
        assert edit.date() == date(2017, 7, 25)
    edit.setText("2023-02-30")
    with pytest.raises(ValueError):
        edit.date()
    assert edit.iso_text() == "2023-02-30"  # left as typed for the service to explain
    with pytest.raises(ValueError):
        parse_date("yesterday")


def test_date_edit_calendar_popup_picks_a_date(qtbot):
    edit = DateEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.setDate(date(2020, 3, 10))
    edit.show_calendar()
    assert edit.calendar is not None
    from PySide6.QtCore import QDate

    edit.calendar.clicked.emit(QDate(2021, 6, 1))
    assert edit.text() == "2021-06-01"


def test_search_bar_debounces_and_enter_flushes(qtbot):
    bar = SearchBar(delay_ms=100)
    qtbot.addWidget(bar)
    got = []
    bar.search_changed.connect(got.append)
    bar.insert("图")  # QTest cannot type CJK; insert() edits like typing does
    bar.insert("像")
    assert got == []  # not per keystroke
    qtbot.waitUntil(lambda: got == ["图像"], timeout=1000)
    bar.setText("银行")
    qtbot.keyClick(bar, Qt.Key.Key_Return)
    assert got == ["图像", "银行"]
    qtbot.keyClick(bar, Qt.Key.Key_Escape)
    assert bar.text() == "" and got[-1] == ""


def test_search_bar_ctrl_f_focuses(qtbot):
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    host = QWidget()
    layout = QVBoxLayout(host)
    other = QLineEdit()
    layout.addWidget(other)
    bar = SearchBar(host, shortcut_parent=host)
    layout.addWidget(bar)
    qtbot.addWidget(host)
    with qtbot.waitActive(host):
        host.show()
        host.activateWindow()
    other.setFocus()
    bar.setText("abc")
    qtbot.keyClick(other, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(bar.hasFocus, timeout=1000)
    assert bar.selectedText() == "abc"


class NameForm(FormDialog):
    """A minimal form: name required, code must be 3 digits; save records what it was asked to write."""

    def __init__(self, refuse: bool = False):
        super().__init__(title="测试表单")
        self.name = FieldEdit()
        self.code = FieldEdit()
        self.add_field("name", "名称：", self.name)
        self.add_field("code", "代码：", self.code)
        self.written: list[dict] = []
        self.refuse = refuse
        self.mark_clean()

    def values(self):
        return {"name": self.name.text().strip(), "code": self.code.text().strip()}

    def problems(self, data):
        out = []
        if not data["name"]:
            out.append(Problem("required", "name", {"label": "名称"}))
        if not (data["code"].isdigit() and len(data["code"]) == 3):
            out.append(Problem("bad_code", "code"))
        return out

    def confirm_discard(self):  # a real one would block the test in a modal message box
        return True

    def save(self, data):
        if self.refuse:
            raise ValidationError(Problem("stale"))
        self.written.append(data)
        return data


@pytest.fixture
def form(qtbot):
    dialog = NameForm()
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_form_validates_touched_fields_as_you_type(qtbot, form):
    qtbot.keyClicks(form.code.line_edit, "12")
    qtbot.waitUntil(lambda: form.fields["code"].has_error, timeout=1000)
    assert not form.fields["name"].has_error  # untouched: not shouted at yet
    qtbot.keyClicks(form.code.line_edit, "3")
    qtbot.waitUntil(lambda: not form.fields["code"].has_error, timeout=1000)


def test_save_stays_enabled_lists_every_problem_and_writes_nothing(qtbot, form):
    assert form.save_button.isEnabled()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.written == []
    assert form.banner.isVisible()
    assert "2 处问题" in form.banner.text()
    assert form.fields["name"].has_error and form.fields["code"].has_error
    assert form.isVisible()


def test_ctrl_s_saves_when_everything_is_right(qtbot, form):
    form.name.setText("镇江恒顺")
    form.code.setText("321")
    with qtbot.waitSignal(form.saved, timeout=3000) as sig:
        qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert sig.args == [{"name": "镇江恒顺", "code": "321"}]
    assert form.written == [{"name": "镇江恒顺", "code": "321"}]
    assert not form.isVisible()


def test_a_refusal_from_the_service_is_shown_like_validation(qtbot):
    form = NameForm(refuse=True)
    qtbot.addWidget(form)
    form.show()
    form.name.setText("甲")
    form.code.setText("123")
    form.submit()
    qtbot.waitUntil(lambda: form.banner.isVisible(), timeout=3000)
    assert "记录已被他人修改" in form.banner.text()
    assert form.isVisible() and form.buttons.isEnabled()


def test_escape_with_unsaved_changes_asks_first(qtbot, form, monkeypatch):
    answers = []
    monkeypatch.setattr(form, "confirm_discard", lambda: answers.append("asked") or False)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert answers == [] and not form.isVisible()  # nothing typed: closes at once

    form.show()
    form.name.line_edit.insert("甲")
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    assert answers == ["asked"] and form.isVisible()  # kept editing
    monkeypatch.setattr(form, "confirm_discard", lambda: True)
    form.close()
    assert not form.isVisible()


# ---- the keyboard rules every form follows (ipdesk.gui.common.keyboard) --------------------------------


def test_form_keyboard_rules_enter_moves_on_ctrl_s_saves_tab_leaves_notes(qtbot):
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    form = NameForm()
    notes = QPlainTextEdit()
    form.add_row("备注", notes)
    form.save_button.setText("受理并保存")  # a renamed Save button keeps Ctrl+S (the dialog owns the shortcut)
    qtbot.addWidget(form)
    form.show()
    form.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.name.line_edit, timeout=3000)  # first field
    qtbot.keyClicks(form.name.line_edit, "Hengshun")
    qtbot.keyClick(form.name.line_edit, Qt.Key.Key_Return)
    assert form.written == [] and form.isVisible()  # Enter never submits
    assert QApplication.focusWidget() is form.code.line_edit  # it moves on
    qtbot.keyClicks(form.code.line_edit, "321")
    qtbot.keyClick(form.code.line_edit, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is notes
    qtbot.keyClick(notes, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert notes.toPlainText() == "\t"  # Ctrl+Tab types a tab
    qtbot.keyClick(notes, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not notes and notes.toPlainText() == "\t"  # Tab leaves
    with qtbot.waitSignal(form.saved, timeout=3000):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.written == [{"name": "Hengshun", "code": "321"}]


def test_problems_list_appears_below_the_fields_without_moving_them(qtbot, form):
    top = form.name.mapTo(form, form.name.rect().topLeft())
    form.submit()
    assert form.banner.isVisible()
    assert form.name.mapTo(form, form.name.rect().topLeft()) == top
    assert form.banner.geometry().top() > form.fields["code"].geometry().bottom()
