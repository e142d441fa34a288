"""The holiday calendar editor: public holidays (法定节假日) and make-up working days (调休上班日) per year.

The service-level clock counts working days with this table (``workstation.office.calendar()``); a year
not in the table has only weekends as days off. Edits are made on a working copy and written through
``office.save_calendar`` (administrators only; audited by the service). Import and export use the format
of the table shipped in ``resources/data/holidays_cn.json``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.office.workdays import WorkCalendar
from ipdesk.domain.shared.permissions import Action
from ipdesk.gui import messages
from ipdesk.gui.common.files import error_text, import_dir, last_dir, remember_dir, remember_import_dir
from ipdesk.gui.common.models.badges import TONES
from ipdesk.gui.common.pages.base import may
from ipdesk.gui.common.rich_text import esc
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import current_lang
from ipdesk.gui.icons import icon
from ipdesk.gui.office.holiday_views import (
    HOLIDAY,
    KIND_TONES,
    WORKDAY,
    DayList,
    HolidayCalendarView,
    weekday_name,
)
from ipdesk.gui.office.office_settings import BANNER_STYLE, NOTE_STYLE
from ipdesk.gui.ops import run_op
from ipdesk.gui.tasks import TaskRunner, runner
from ipdesk.services.notices.service import atomic_write
from ipdesk.services.office.settings import shipped_calendar


def calendar_problems(holidays: set[date], workdays: set[date]) -> list[str]:
    """Everything wrong with a table (empty when it may be saved): a day both off and working, or a
    make-up working day that is not a Saturday or Sunday (a weekday is a working day anyway)."""
    out = [
        QCoreApplication.translate(
            "HolidayEditor", "{day} 同时列为法定节假日和调休上班日：一天只能是其中之一"
        ).format(day=d.isoformat())
        for d in sorted(holidays & workdays)
    ]
    out += [
        QCoreApplication.translate(
            "HolidayEditor", "调休上班日 {day} 是{weekday}：调休上班日应是周六或周日"
        ).format(day=d.isoformat(), weekday=weekday_name(d))
        for d in sorted(workdays)
        if d.weekday() < 5
    ]
    return out


class HolidayEditor(QWidget):
    """Edit the office's holiday calendar; see the module docstring.

    Attributes:
        holidays, workdays: the working copy (all years).
        loaded: the calendar as last read from or written to the service.

    Signals:
        saved(calendar): written through the service.
        failed(message): the service refused; nothing was written.
    """

    saved = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        workstation: Workstation,
        *,
        task_runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.workstation = workstation
        self._runner = task_runner or runner()
        self.editable = may(workstation.actor, Action.ADMINISTER)
        self.holidays: set[date] = set()
        self.workdays: set[date] = set()
        self.meta: dict[str, dict[str, Any]] = {}
        self.loaded: WorkCalendar | None = None
        self.dirty = False
        self.saving = False
        self._syncing = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(QLabel(self.tr("年份：")))
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(workstation.clock.today().year)
        self.year.valueChanged.connect(self._year_changed)
        head.addWidget(self.year)
        self.years_label = QLabel()
        self.years_label.setStyleSheet("color: #607d8b;")
        head.addSpacing(12)
        head.addWidget(self.years_label, 1)
        outer.addLayout(head)
        self.year_note = QLabel()
        self.year_note.setObjectName("yearNote")
        self.year_note.setWordWrap(True)
        self.year_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.year_note)

        grid = QGridLayout()
        self.holiday_list = DayList(self.tr("法定节假日"), HOLIDAY)
        self.workday_list = DayList(self.tr("调休上班日"), WORKDAY)
        self.holiday_list.setToolTip(self.tr("放假的日子（含放假期间的周末）"))
        self.workday_list.setToolTip(self.tr("因调休而上班的周六、周日"))
        grid.addWidget(self.holiday_list, 0, 0)
        grid.addWidget(self.workday_list, 0, 1)
        right = QVBoxLayout()
        self.view = HolidayCalendarView()
        self.view.clicked.connect(self._picked)
        self.view.currentPageChanged.connect(self._page_changed)
        right.addWidget(self.view, 1)
        h_bg, h_fg = TONES[KIND_TONES[HOLIDAY]]
        w_bg, w_fg = TONES[KIND_TONES[WORKDAY]]
        legend = QLabel(
            self.tr(
                "<span style='background:{h_bg}; color:{h_fg}'>&nbsp;休&nbsp;</span> 法定节假日　"
                "<span style='background:{w_bg}; color:{w_fg}'>&nbsp;班&nbsp;</span> 调休上班日　"
                "点击日期可填入左侧的日期栏"
            ).format(h_bg=h_bg, h_fg=h_fg, w_bg=w_bg, w_fg=w_fg)
        )
        legend.setWordWrap(True)
        right.addWidget(legend)
        grid.addLayout(right, 0, 2)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(2, 3)
        outer.addLayout(grid, 1)

        self.message = QLabel()
        self.message.setObjectName("calendarMessage")
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.message)

        buttons = QHBoxLayout()
        self.import_button = QPushButton(icon("import"), self.tr("导入 JSON…"))
        self.import_button.setToolTip(
            self.tr("读入一份节假日表（与软件附带的 holidays_cn.json 格式相同），替换当前编辑的表")
        )
        self.import_button.clicked.connect(self.import_dialog)
        self.export_button = QPushButton(icon("export"), self.tr("导出 JSON…"))
        self.export_button.setToolTip(self.tr("把当前编辑的表（含未保存的修改）写成 JSON 文件"))
        self.export_button.clicked.connect(self.export_dialog)
        self.reset_button = QPushButton(icon("refresh"), self.tr("恢复为随软件提供的节假日表"))
        self.reset_button.clicked.connect(lambda: self.reset_to_shipped())
        self.revert_button = QPushButton(self.tr("撤销修改"))
        self.revert_button.clicked.connect(self.revert)
        self.save_button = QPushButton(icon("calendar"), self.tr("保存节假日表"))
        self.save_button.setToolTip(self.tr("保存（Ctrl+S）；此后计算的办结期限使用新表"))
        self.save_button.clicked.connect(self.submit)
        for b in (self.import_button, self.export_button, self.reset_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)

        self.holiday_list.add_button.clicked.connect(lambda: self.add_from_field(HOLIDAY))
        self.workday_list.add_button.clicked.connect(lambda: self.add_from_field(WORKDAY))
        self.holiday_list.remove_button.clicked.connect(lambda: self.remove_selected(HOLIDAY))
        self.workday_list.remove_button.clicked.connect(lambda: self.remove_selected(WORKDAY))
        if not self.editable:
            for w in (
                self.holiday_list.add_button,
                self.workday_list.add_button,
                self.import_button,
                self.reset_button,
                self.revert_button,
                self.save_button,
                self.holiday_list.date_edit,
                self.workday_list.date_edit,
            ):
                w.setEnabled(False)
            self.holiday_list.remove_button.hide()
            self.workday_list.remove_button.hide()
            self._say(self.tr("只有管理员可以修改节假日表。"), "muted")
        self._refresh()

    # ---- the working copy ----------------------------------------------------------------------------

    def load(self, calendar: WorkCalendar) -> None:
        """Show ``calendar`` as read from the service (the new baseline for unsaved changes)."""
        self._set_copy(calendar)
        self.loaded = calendar
        self.dirty = False
        self._refresh()

    def _set_copy(self, calendar: WorkCalendar) -> None:
        self.holidays = set(calendar.holidays)
        self.workdays = set(calendar.adjusted_workdays)
        self.meta = {str(y): dict(calendar.meta.get(str(y), {})) for y in calendar.years}

    def years(self) -> set[int]:
        return {int(y) for y in self.meta} | {d.year for d in self.holidays | self.workdays}

    def calendar(self) -> WorkCalendar:
        """The working copy as a :class:`WorkCalendar` (what Save writes and Export exports)."""
        return WorkCalendar(
            frozenset(self.holidays),
            frozenset(self.workdays),
            frozenset(self.years()),
            {y: dict(m) for y, m in self.meta.items()},
        )

    def problems(self) -> list[str]:
        return calendar_problems(self.holidays, self.workdays)

    def _changed(self) -> None:
        self.dirty = self.loaded is None or self.calendar() != self.loaded
        self._refresh()

    # ---- editing -------------------------------------------------------------------------------------

    def add_from_field(self, kind: str) -> bool:
        box = self.holiday_list if kind == HOLIDAY else self.workday_list
        try:
            day = box.date_edit.date()
        except ValueError:
            day = None
        if day is None:
            self._say(self.tr("请输入或选择日期（yyyy-MM-dd）"), "bad")
            box.date_edit.setFocus()
            return False
        return self.add_day(day, kind)

    def add_day(self, day: date, kind: str) -> bool:
        """Add ``day`` as a holiday or a make-up working day; refused (with a message) if it cannot be."""
        if kind == HOLIDAY:
            if day in self.workdays:
                self._say(
                    self.tr(
                        "{day} 已列为调休上班日：同一天不能既放假又上班。请先从调休上班日中删除。"
                    ).format(day=day.isoformat()),
                    "bad",
                )
                return False
            target = self.holidays
        else:
            if day in self.holidays:
                self._say(
                    self.tr(
                        "{day} 已列为法定节假日：同一天不能既放假又上班。请先从法定节假日中删除。"
                    ).format(day=day.isoformat()),
                    "bad",
                )
                return False
            if day.weekday() < 5:
                self._say(
                    self.tr("{day} 是{weekday}，本来就是工作日：调休上班日应是周六或周日。").format(
                        day=day.isoformat(), weekday=weekday_name(day)
                    ),
                    "bad",
                )
                return False
            target = self.workdays
        if day in target:
            self._say(self.tr("{day} 已在列表中").format(day=day.isoformat()), "muted")
            return False
        target.add(day)
        self.meta.setdefault(str(day.year), {})
        self._show_year(day)
        self._changed()
        what = self.tr("法定节假日") if kind == HOLIDAY else self.tr("调休上班日")
        self._say(
            self.tr("已添加 {day}（{what}），保存后生效").format(day=day.isoformat(), what=what), "warn"
        )
        return True

    def remove_days(self, days: list[date], kind: str) -> None:
        target = self.holidays if kind == HOLIDAY else self.workdays
        for d in days:
            target.discard(d)
        for year in {d.year for d in days}:  # a year the user only touched by mistake leaves the table again
            if not self.meta.get(str(year)) and not any(
                d.year == year for d in self.holidays | self.workdays
            ):
                self.meta.pop(str(year), None)
        self._changed()
        if days:
            self._say(self.tr("已删除 {n} 天，保存后生效").format(n=len(days)), "warn")

    def remove_selected(self, kind: str) -> None:
        box = self.holiday_list if kind == HOLIDAY else self.workday_list
        self.remove_days(box.selected_days(), kind)

    def reset_to_shipped(self, confirm: bool = True) -> None:
        """Replace the working copy with the table shipped with ipdesk (written when saved)."""
        if confirm and not messages.ask(
            self,
            self.tr("恢复节假日表"),
            self.tr("用随软件提供的节假日表替换当前的表？本机关所做的修改将丢失（保存后才写入数据库）。"),
        ):
            return
        self._set_copy(shipped_calendar())
        self._changed()
        self._say(
            self.tr("已恢复为随软件提供的节假日表（{years}），保存后生效").format(years=self._years_text()),
            "warn",
        )

    def revert(self) -> None:
        if self.loaded is not None:
            self.load(self.loaded)
            self._say(self.tr("已恢复为保存的节假日表"), "muted")

    # ---- import and export ---------------------------------------------------------------------------

    def import_dialog(self) -> None:
        path, _f = QFileDialog.getOpenFileName(
            self, self.tr("导入节假日表"), import_dir(), self.tr("JSON 文件 (*.json);;所有文件 (*)")
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, path: Path) -> bool:
        """Read a table in the shipped format into the working copy (replacing it); saved on Save."""
        try:
            with open(path, encoding="utf-8") as fh:
                calendar = WorkCalendar.from_json(json.load(fh))
        except OSError as exc:
            self._say(
                self.tr("无法读取 {path}：{reason}").format(path=path, reason=exc.strerror or exc), "bad"
            )
            return False
        except (ValueError, TypeError, AttributeError) as exc:  # bad JSON, a bad date, a day both off and on
            self._say(self.tr("{path} 不是可用的节假日表：{reason}").format(path=path, reason=exc), "bad")
            return False
        if not calendar.years:
            self._say(self.tr("{path} 中没有任何年份的节假日").format(path=path), "bad")
            return False
        remember_import_dir(path)
        self._set_copy(calendar)
        self._changed()
        self._say(
            self.tr("已导入 {path}（{years}），保存后生效").format(path=path, years=self._years_text()),
            "warn",
        )
        return True

    def export_dialog(self) -> None:
        path, _f = QFileDialog.getSaveFileName(
            self,
            self.tr("导出节假日表"),
            str(Path(last_dir()) / "holidays_cn.json"),
            self.tr("JSON 文件 (*.json)"),
        )
        if path:
            self.export_to(Path(path if path.lower().endswith(".json") else path + ".json"))

    def export_to(self, path: Path) -> bool:
        data = json.dumps(self.calendar().to_json(), ensure_ascii=False, indent=2) + "\n"
        try:
            atomic_write(path, data.encode("utf-8"))
        except OSError as exc:
            self._say(
                self.tr("无法写入 {path}：{reason}").format(path=path, reason=exc.strerror or exc), "bad"
            )
            return False
        remember_dir(path)
        self._say(
            self.tr("已导出{years}的节假日表到 {path}").format(years=self._years_text(), path=path), "ok"
        )
        return True

    # ---- saving --------------------------------------------------------------------------------------

    def submit(self) -> bool:
        """Save pressed: list every problem (nothing written), or write in the writer thread."""
        if self.saving or not self.editable:
            return False
        problems = self.problems()
        if problems:
            items = "".join(f"<li>{esc(p)}</li>" for p in problems)
            self.message.setText(
                self.tr("还有 {n} 处问题需要修改，修改后才能保存（没有写入）：").format(n=len(problems))
                + f"<ul style='margin:2px 0 0 -20px'>{items}</ul>"
            )
            self.message.setStyleSheet(f"QLabel#calendarMessage {{ {BANNER_STYLE} }}")
            return False
        calendar, office, actor = self.calendar(), self.workstation.office, self.workstation.actor
        self.saving = True
        self.save_button.setEnabled(False)
        self._say(self.tr("正在保存…"), "info")
        # a refusal is said in the editor (on_failed), not in a box; a crash also in the crash dialog
        run_op(self, lambda: office.save_calendar(actor, calendar), on_done=lambda _r: self._saved(calendar),
               on_refused=lambda _exc: None, on_failed=self._save_failed, title="save holiday calendar",
               task_runner=self._runner)
        return True

    def _saved(self, calendar: WorkCalendar) -> None:
        self.saving = False
        self.save_button.setEnabled(self.editable)
        self.load(calendar)
        self._say(self.tr("已保存节假日表。此后计算的办结期限使用新表；已算出的期限不变。"), "ok")
        self.saved.emit(calendar)

    def _save_failed(self, exc: BaseException) -> None:
        self.saving = False
        self.save_button.setEnabled(self.editable)
        message = self.tr("没有保存：{reason}").format(reason=error_text(exc, current_lang()))
        self._say(message, "bad")
        self.failed.emit(message)

    # ---- showing -------------------------------------------------------------------------------------

    def _years_text(self) -> str:
        years = sorted(self.years())
        if not years:
            return self.tr("没有任何年份")
        sep = "、" if current_lang() == "zh" else ", "
        return self.tr("{years} 年").format(years=sep.join(str(y) for y in years))

    def _show_year(self, day: date) -> None:
        if self.year.value() != day.year:
            self.year.setValue(day.year)
        self.view.setCurrentPage(day.year, day.month)

    def _year_changed(self, year: int) -> None:
        if not self._syncing:
            self._syncing = True
            try:
                self.view.setCurrentPage(year, self.view.monthShown())
            finally:
                self._syncing = False
        self._refresh()

    def _page_changed(self, year: int, _month: int) -> None:
        if not self._syncing and year != self.year.value():
            self._syncing = True
            try:
                self.year.setValue(year)
            finally:
                self._syncing = False

    def _picked(self, qdate: QDate) -> None:
        day = date(qdate.year(), qdate.month(), qdate.day())
        if self.editable:
            self.holiday_list.date_edit.setDate(day)
            self.workday_list.date_edit.setDate(day)

    def _refresh(self) -> None:
        year = self.year.value()
        hs = sorted(d for d in self.holidays if d.year == year)
        ws = sorted(d for d in self.workdays if d.year == year)
        self.holiday_list.show_days(hs, self.tr("法定节假日（{n} 天）").format(n=len(hs)))
        self.workday_list.show_days(ws, self.tr("调休上班日（{n} 天）").format(n=len(ws)))
        self.view.set_days(self.holidays, self.workdays)
        unsaved = self.tr("（有未保存的修改）") if self.dirty else ""
        self.years_label.setText(self.tr("表中年份：{years}").format(years=self._years_text()) + unsaved)
        if year in self.years():
            meta = self.meta.get(str(year), {})
            source = str(meta.get("source", "")) or self.tr("本机关录入")
            verified = meta.get("verified")
            check = "" if verified is None else (self.tr("，已核对") if verified else self.tr("，未核对"))
            self.year_note.setText(
                self.tr("✓ {year} 年在节假日表中。来源：{source}{check}").format(
                    year=year, source=source, check=check
                )
            )
            self.year_note.setToolTip(str(meta.get("note", "")))
            bg, fg = TONES["ok"]
            self.year_note.setStyleSheet(
                f"QLabel#yearNote {{ background: {bg}; color: {fg}; border-radius: 4px; padding: 4px 8px; }}"
            )
        else:
            self.year_note.setText(
                self.tr(
                    "⚠ {year} 年不在节假日表中：计算办结期限时只把周六、周日当作休息日，法定节假日和调休都不考虑。"
                    "国务院办公厅公布该年的放假安排后，请在这里录入。"
                ).format(year=year)
            )
            self.year_note.setToolTip("")
            self.year_note.setStyleSheet(f"QLabel#yearNote {{ {NOTE_STYLE} }}")
        self.revert_button.setEnabled(self.editable and self.dirty)

    def _say(self, text: str, tone: str) -> None:
        self.message.setText(esc(text))
        self.message.setStyleSheet(f"QLabel#calendarMessage {{ color: {TONES[tone][1]}; padding: 2px; }}")
