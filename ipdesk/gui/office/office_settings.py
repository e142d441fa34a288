"""Office-wide settings in the settings area: the office name, number formats, service levels, and the
office's signing key. They live in the shared database (``workstation.office``), so every workstation on
the same database uses them; only an administrator may change them (the service checks and audits).

Forms follow UX.md: each field is checked as it is typed (red border, one line saying what is expected);
Save stays enabled and, when pressed, lists every remaining problem and writes nothing until all are
fixed; the write runs in the single writer thread.
"""

from __future__ import annotations

import string
from dataclasses import replace
from zoneinfo import available_timezones

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.shared.clock import is_known_zone
from ipdesk.domain.shared.permissions import Action
from ipdesk.gui.common.clock import office_clock
from ipdesk.gui.common.files import error_text
from ipdesk.gui.common.models.badges import TONES
from ipdesk.gui.common.pages.base import may
from ipdesk.gui.common.rich_text import esc
from ipdesk.gui.common.widgets.field_edit import ERROR_COLOR, ErrorField, FieldEdit
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import current_lang
from ipdesk.gui.icons import icon
from ipdesk.gui.ops import run_op
from ipdesk.gui.tasks import TaskRunner, runner
from ipdesk.services.office.settings import OfficeSettings, format_number

#: the longest number the register stores (application_no, registration_no, notice serial: String(40))
MAX_NUMBER_LENGTH = 40
#: the number fields of :class:`OfficeSettings` in form order
FORMAT_FIELDS = ("registration_no_format", "application_no_format", "notice_serial_format")
_FIELDS = {"year", "seq"}
NOTE_STYLE = (
    f"background: {TONES['warn'][0]}; color: {TONES['warn'][1]}; border: 1px solid #e6c36a;"
    " border-radius: 4px; padding: 6px 8px;"
)
BANNER_STYLE = (
    f"color: {ERROR_COLOR}; background: #fdecea; border: 1px solid #f5c2c0; border-radius: 4px; padding: 6px 8px;"
)


def format_problem(fmt: str) -> str:
    """What is wrong with a number format ("" when it can be used): it must contain ``{seq}``, may
    contain ``{year}``, nothing else in braces, and must give a number of at most 40 characters."""
    if not fmt.strip():
        return QCoreApplication.translate("OfficeSettings", "请填写编号格式，例如 {example}").format(
            example="Y{year}98{seq:07d}"
        )
    try:
        parsed = list(string.Formatter().parse(fmt))
    except ValueError:
        return QCoreApplication.translate("OfficeSettings", "花括号不成对：字段写作 {seq} 或 {padded}").format(
            seq="{seq}", padded="{seq:07d}"
        )
    names = [name for _lit, name, _spec, _conv in parsed if name is not None]
    unknown = [n for n in names if n not in _FIELDS]
    if unknown:
        return QCoreApplication.translate(
            "OfficeSettings", "不认识的字段 {field}：只能使用 {year}（年份）和 {seq}（序号）"
        ).format(field="{" + unknown[0] + "}", year="{year}", seq="{seq}")
    if "seq" not in names:
        return QCoreApplication.translate(
            "OfficeSettings", "编号格式必须包含 {seq}（当年的序号），否则每个编号都相同"
        ).format(seq="{seq}")
    try:
        first = format_number(fmt, 9999, 1)
        longest = format_number(fmt, 9999, 9_999_999)
        format_number(fmt, 9999, 2)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        return QCoreApplication.translate(
            "OfficeSettings", "格式写法有误（{reason}）：序号写作 {seq}，补零写作 {padded}"
        ).format(reason=str(exc), seq="{seq}", padded="{seq:07d}")
    if first == format_number(fmt, 9999, 2):
        return QCoreApplication.translate(
            "OfficeSettings", "编号格式必须包含 {seq}（当年的序号），否则每个编号都相同"
        ).format(seq="{seq}")
    if len(longest) > MAX_NUMBER_LENGTH:
        return QCoreApplication.translate(
            "OfficeSettings", "编号最长 {limit} 个字符，这个格式会生成 {n} 个字符"
        ).format(limit=MAX_NUMBER_LENGTH, n=len(longest))
    return ""


def format_warning(fmt: str) -> str:
    """A usable format that may still surprise: without ``{year}`` the numbers repeat every year."""
    if format_problem(fmt) or "{year" in fmt:
        return ""
    return QCoreApplication.translate(
        "OfficeSettings", "不含 {year}：序号每年从 1 重新开始，明年的编号会与今年的重复而无法保存"
    ).format(year="{year}")


def settings_problems(s: OfficeSettings) -> dict[str, str]:
    """Field name → what is wrong, for every problem of ``s`` (empty when it may be saved)."""
    out: dict[str, str] = {}
    if not s.office_name.strip():
        out["office_name"] = QCoreApplication.translate("OfficeSettings", "请填写登记机关名称（印在每份通知书上）")
    elif len(s.office_name.strip()) > 100:
        out["office_name"] = QCoreApplication.translate("OfficeSettings", "登记机关名称最多 100 个字")
    if not is_known_zone(s.timezone.strip()):
        out["timezone"] = QCoreApplication.translate(
            "OfficeSettings", "未知的时区“{zone}”：请填写 IANA 时区名，例如 Asia/Shanghai"
        ).format(zone=s.timezone.strip())
    for name in FORMAT_FIELDS:
        problem = format_problem(getattr(s, name))
        if problem:
            out[name] = problem
    return out


class FormatEdit(QWidget):
    """A number format typed in a line edit, with a preview of the number it gives underneath."""

    textChanged = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.line_edit = QLineEdit()
        self.line_edit.setPlaceholderText("Y{year}98{seq:07d}")
        self.line_edit.textChanged.connect(self.textChanged)
        self.line_edit.textChanged.connect(self._update_preview)
        self.preview = QLabel()
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        layout.addWidget(self.line_edit)
        layout.addWidget(self.preview)
        self.setFocusProxy(self.line_edit)
        self._update_preview()

    def text(self) -> str:
        return self.line_edit.text()

    def setText(self, text: str) -> None:
        self.line_edit.setText(text)

    def setReadOnly(self, read_only: bool) -> None:
        self.line_edit.setReadOnly(read_only)

    def _update_preview(self) -> None:
        fmt = self.text()
        year = office_clock().today().year
        if format_problem(fmt):
            self.preview.setText(self.tr("编号示例：—"))
            self.preview.setStyleSheet("color: #90a4ae;")
            return
        warning = format_warning(fmt)
        text = self.tr("编号示例：{year} 年第 1 号为 {first}，第 2 号为 {second}").format(
            year=year, first=format_number(fmt, year, 1), second=format_number(fmt, year, 2)
        )
        self.preview.setText(text + ("\n⚠ " + warning if warning else ""))
        self.preview.setStyleSheet(f"color: {TONES['warn'][1]};" if warning else "color: #455a64;")


def _spin(low: int, high: int, suffix: str, one: str = "") -> QSpinBox:
    """A number with its unit; ``one`` is the unit after 1 where the language has a singular (1 working day)."""
    box = QSpinBox()
    box.setRange(low, high)
    box.setSuffix(suffix)
    if one and one != suffix:
        box.valueChanged.connect(lambda value: box.setSuffix(one if value == 1 else suffix))
        box.setSuffix(one if box.value() == 1 else suffix)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    box.setMinimumWidth(150)
    box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return box


class OfficeSettingsForm(QWidget):
    """The office's shared settings.

    Signals:
        saved(settings): written through the service (``settings`` is what was saved).
        failed(message): the service refused (e.g. not an administrator); nothing was written.
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
        self.loaded: OfficeSettings | None = None
        self._touched: set[str] = set()
        self._show_all = False
        self._loading = False
        self.dirty = False
        self.saving = False
        self.editable = may(workstation.actor, Action.ADMINISTER)

        self.setMaximumWidth(1000)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.banner = QLabel()
        self.banner.setObjectName("officeBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"QLabel#officeBanner {{ {BANNER_STYLE} }}")
        self.banner.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner.hide()
        outer.addWidget(self.banner)

        office = QGroupBox(self.tr("登记机关"))
        form = QFormLayout(office)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, ErrorField] = {}
        self.office_name = FieldEdit(placeholder=self.tr("例如：国家知识产权局"))
        self._add(
            form,
            "office_name",
            self.tr("登记机关名称："),
            self.office_name,
            self.tr("印在每份通知书和查询证明上"),
        )
        self.timezone = FieldEdit(placeholder="Asia/Shanghai")
        zones = QCompleter(sorted(available_timezones()), self.timezone)
        zones.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.timezone.line_edit.setCompleter(zones)
        self._add(
            form,
            "timezone",
            self.tr("时区："),
            self.timezone,
            self.tr("登记、生效、注销、通知书和期限的日期都按此时区的日历计算（IANA 名称，默认 Asia/Shanghai）"),
        )
        self.formats: dict[str, FormatEdit] = {}
        titles = {
            "registration_no_format": self.tr("登记号格式："),
            "application_no_format": self.tr("申请号格式："),
            "notice_serial_format": self.tr("通知书编号格式："),
        }
        for name in FORMAT_FIELDS:
            edit = FormatEdit()
            self.formats[name] = edit
            self._add(
                form,
                name,
                titles[name],
                ErrorField(edit),
                self.tr("{year} 为年份，{seq} 为当年序号（必填），{padded} 表示补零到 7 位").format(
                    year="{year}", seq="{seq}", padded="{seq:07d}"
                ),
            )
        help_text = QLabel(
            self.tr(
                "编号格式中 {year} 为受理或登记的年份，{seq} 为当年的序号（每年从 1 开始），"
                "{padded} 表示序号补零到 7 位。"
                "登记号的格式没有公开规定（公报中可见 Y2022980001234），请按本机关的做法填写。"
            ).format(year="{year}", seq="{seq}", padded="{seq:07d}")
        )
        help_text.setWordWrap(True)
        help_text.setStyleSheet("color: #607d8b;")
        form.addRow("", help_text)
        outer.addWidget(office)

        sla = QGroupBox(self.tr("办结期限与补正期限"))
        sf = QFormLayout(sla)
        workdays, workday = self.tr(" 个工作日"), self.tr(" 个工作日", "one")
        days, day = self.tr(" 天"), self.tr(" 天", "one")
        self.sla_patent = _spin(1, 60, workdays, workday)
        self.sla_trademark = _spin(1, 60, workdays, workday)
        self.sla_copyright = _spin(1, 90, days, day)
        self.correction_days = _spin(1, 365, days, day)
        self.spins = {
            "sla_patent_days": self.sla_patent,
            "sla_trademark_days": self.sla_trademark,
            "sla_copyright_days": self.sla_copyright,
            "correction_days": self.correction_days,
        }
        self._add(
            sf,
            "sla_patent_days",
            self.tr("专利权质押（工作日）："),
            self.sla_patent,
            self.tr("从受理（或补正齐全）之日起计算的工作日数"),
        )
        self._add(
            sf,
            "sla_trademark_days",
            self.tr("商标专用权质押（工作日）："),
            self.sla_trademark,
            self.tr("从受理（或补正齐全）之日起计算的工作日数"),
        )
        self._add(
            sf,
            "sla_copyright_days",
            self.tr("著作权质押（自然日）："),
            self.sla_copyright,
            self.tr("著作权质权登记办法第九条：10 日（自然日；最后一天是休息日的，顺延到下一个工作日）"),
        )
        self._add(
            sf,
            "correction_days",
            self.tr("补正期限（自然日）："),
            self.correction_days,
            self.tr("当事人补正材料的期限，印在补正通知书上"),
        )
        note = QLabel(
            self.tr(
                "⚠ 专利 5 个工作日（2021 年的专利权质押登记办法）和商标 2 个工作日的办结期限尚未与官方原文核对，"
                "因此作为设置提供：请按本机关执行的规定填写。著作权 10 日出自著作权质权登记办法第九条。"
                "修改只影响此后受理或补正的申请；已算出的办结期限不变。"
            )
        )
        note.setObjectName("slaNote")
        note.setWordWrap(True)
        note.setStyleSheet(f"QLabel#slaNote {{ {NOTE_STYLE} }}")
        sf.addRow(note)
        outer.addWidget(sla)
        outer.addWidget(self._users_box())
        outer.addStretch(1)

        buttons = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons.addWidget(self.status, 1)
        self.revert_button = QPushButton(self.tr("撤销修改"))
        self.revert_button.setToolTip(self.tr("恢复为数据库中保存的设置"))
        self.revert_button.clicked.connect(self.revert)
        buttons.addWidget(self.revert_button)
        self.save_button = QPushButton(icon("settings"), self.tr("保存登记机关设置"))
        self.save_button.setToolTip(self.tr("保存（Ctrl+S）；所有工作站立即使用新设置"))
        self.save_button.clicked.connect(self.submit)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        if not self.editable:
            self.maker_checker.setEnabled(False)
            self.admin_decides.setEnabled(False)
            for f in self.fields.values():
                editor = f.editor
                if hasattr(editor, "setReadOnly"):
                    editor.setReadOnly(True)
                elif hasattr(editor, "line_edit"):
                    editor.line_edit.setReadOnly(True)
            self.save_button.setEnabled(False)
            self.revert_button.setEnabled(False)
            self._set_status(self.tr("只有管理员可以修改登记机关设置。"), "muted")

    # ---- building ------------------------------------------------------------------------------------

    def _users_box(self) -> QGroupBox:
        """Sign-in and decisions: the service checks the ranges on save (the spins let a bad value through
        so that its coded refusal, not a silent clamp, says what is allowed)."""
        box = QGroupBox(self.tr("用户、登录与审核"))
        form = QFormLayout(box)
        self.idle_lock_minutes = _spin(0, 9999, self.tr(" 分钟"), self.tr(" 分钟", "one"))
        self.lockout_attempts = _spin(0, 999, self.tr(" 次"), self.tr(" 次", "one"))
        self.password_min_length = _spin(0, 999, self.tr(" 个字符"), self.tr(" 个字符", "one"))
        self.spins.update({"idle_lock_minutes": self.idle_lock_minutes, "lockout_attempts": self.lockout_attempts,
                           "password_min_length": self.password_min_length})
        self._add(form, "idle_lock_minutes", self.tr("空闲锁定："), self.idle_lock_minutes,
                  self.tr("无操作多少分钟后锁定窗口并要求重新输入密码（1–480）"))
        self._add(form, "lockout_attempts", self.tr("连续登录失败锁定："), self.lockout_attempts,
                  self.tr("连续输错密码多少次后锁定账户，须管理员解锁（1–20）"))
        self._add(form, "password_min_length", self.tr("密码最短长度："), self.password_min_length,
                  self.tr("新设置的密码至少多少个字符（8–64）；已有的密码不受影响"))
        self.maker_checker = QCheckBox(
            self.tr("登记、不予登记、注销和撤销通知书须经审核（提交人与审核人不得为同一人）"))
        self._add(form, "maker_checker", self.tr("决定须经审核："), self.maker_checker,
                  self.tr("开启后登记员提交的决定由审核员确认后才生效"))
        self.admin_decides = QCheckBox(self.tr("管理员也可以审查、登记和作出决定（仅限一人办公的情形）"))
        self._add(form, "admin_decides", self.tr("管理员兼办登记："), self.admin_decides,
                  self.tr("默认管理员只管理用户和设置；登记与决定是另一职责。更改在下次登录时生效"))
        return box

    def _add(self, form: QFormLayout, name: str, label: str, editor: QWidget, hint: str = "") -> None:
        field = editor if isinstance(editor, ErrorField) else ErrorField(editor)
        if hint:
            field.editor.setToolTip(hint)
        self.fields[name] = field
        form.addRow(label, field)
        inner = field.editor
        signal = (getattr(inner, "textChanged", None) or getattr(inner, "valueChanged", None)
                  or getattr(inner, "toggled", None))
        if signal is not None:
            signal.connect(lambda *_a, n=name: self._edited(n))

    # ---- values --------------------------------------------------------------------------------------

    def load(self, s: OfficeSettings) -> None:
        """Show ``s`` (as read from the service); it is the new baseline for "unsaved changes"."""
        self._loading = True
        try:
            self.office_name.setText(s.office_name)
            self.timezone.setText(s.timezone)
            for name, edit in self.formats.items():
                edit.setText(getattr(s, name))
            for name, spin in self.spins.items():
                spin.setValue(int(getattr(s, name)))
            self.maker_checker.setChecked(bool(s.maker_checker))
            self.admin_decides.setChecked(bool(s.admin_decides))
        finally:
            self._loading = False
        self.loaded = s
        self.dirty = False
        self._touched.clear()
        self._show_all = False
        self._show(settings_problems(s))

    def values(self) -> OfficeSettings:
        base = self.loaded or OfficeSettings()
        return replace(
            base,
            office_name=self.office_name.text().strip(),
            timezone=self.timezone.text().strip(),
            **{name: edit.text().strip() for name, edit in self.formats.items()},
            **{name: int(spin.value()) for name, spin in self.spins.items()},
            maker_checker=self.maker_checker.isChecked(),
            admin_decides=self.admin_decides.isChecked(),
        )

    def problems(self) -> dict[str, str]:
        return settings_problems(self.values())

    # ---- behaviour -----------------------------------------------------------------------------------

    def _edited(self, name: str) -> None:
        if self._loading:
            return
        self._touched.add(name)
        self.dirty = self.loaded is None or self.values() != self.loaded
        self._show(self.problems())
        if self.dirty:
            self._set_status(self.tr("有未保存的修改"), "warn")
        else:
            self._set_status("", "")

    def _show(self, problems: dict[str, str]) -> None:
        for name, field in self.fields.items():
            visible = self._show_all or name in self._touched
            message = problems.get(name, "") if visible else ""
            field.set_problems([message] if message else [])
        if self._show_all and problems:
            labels = {name: self._label_text(name) for name in problems}
            head = self.tr("还有 {n} 处问题需要修改，修改后才能保存（没有写入任何设置）：").format(n=len(problems))
            items = "".join(f"<li>{esc(labels[n])}{esc(m)}</li>" for n, m in problems.items())
            self.banner.setText(f"{head}<ul style='margin:2px 0 0 -20px'>{items}</ul>")
            self.banner.show()
        elif not problems:
            self.banner.hide()

    def _label_text(self, name: str) -> str:
        field = self.fields[name]
        form = field.parentWidget().layout() if field.parentWidget() else None
        label = form.labelForField(field) if isinstance(form, QFormLayout) else None
        text = label.text().rstrip("：: ") if isinstance(label, QLabel) else ""
        return (f"{text}：" if current_lang() == "zh" else f"{text}: ") if text else ""

    def submit(self) -> bool:
        """Save pressed: list every problem (nothing written) or write in the writer thread."""
        if self.saving or not self.editable:
            return False
        self._show_all = True
        problems = self.problems()
        self._show(problems)
        if problems:
            first = next(iter(problems))
            self.fields[first].editor.setFocus()
            self._set_status(self.tr("设置有误，没有保存。"), "bad")
            return False
        new, office, actor = self.values(), self.workstation.office, self.workstation.actor
        self._set_saving(True)
        # a refusal is said on the form (on_failed), not in a box; a crash also in the crash dialog
        run_op(
            self,
            lambda: office.save_settings(actor, new),
            on_done=lambda _r: self._saved(new),
            on_refused=lambda _exc: None,
            on_failed=self._save_failed,
            title="save office settings",
            task_runner=self._runner,
        )
        return True

    def _saved(self, new: OfficeSettings) -> None:
        self._set_saving(False)
        self.load(new)
        self._set_status(self.tr("已保存。新受理的申请和新出具的通知书使用这些设置。"), "ok")
        self.saved.emit(new)

    def _save_failed(self, exc: BaseException) -> None:
        self._set_saving(False)
        message = error_text(exc, current_lang())
        for problem in getattr(exc, "problems", []):  # the service's coded refusal, under its field
            if problem.field in self.fields:
                self.fields[problem.field].set_problems([problem.message(current_lang())])
        self.banner.setText(self.tr("没有保存：{reason}").format(reason=esc(message)))
        self.banner.show()
        self._set_status(self.tr("没有保存。"), "bad")
        self.failed.emit(message)

    def revert(self) -> None:
        if self.loaded is not None:
            self.load(self.loaded)
            self._set_status(self.tr("已恢复为保存的设置"), "muted")

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        self.save_button.setEnabled(not saving and self.editable)
        if saving:
            self._set_status(self.tr("正在保存…"), "info")

    def _set_status(self, text: str, tone: str) -> None:
        self.status.setText(text)
        fg = TONES.get(tone, ("", "#455a64"))[1]
        self.status.setStyleSheet(f"color: {fg};")
