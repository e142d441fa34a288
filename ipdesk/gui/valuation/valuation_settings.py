"""The valuation settings as a tab of the settings area: how long a valuation holds (default one year), the
loan-to-value cap per kind of right (defaults DOMAIN §12) and the remaining-term buffer.

They live in the shared database (``ValuationService.settings``); only an administrator may change them (the
service checks and audits). Each field is checked as it is typed and shows its problem under it; Save lists
every remaining problem and writes nothing until all are fixed; a refusal of the service comes back under the
field it names. The spin boxes allow values outside the permitted range on purpose, so that the coded refusal
says what is allowed instead of a silent clamp. ``ipdesk.gui.areas`` hands the form to the settings page (the
office context knows nothing of valuation).
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.registry.rights import KIND_LABELS, RightKind
from ipdesk.domain.shared.permissions import Action
from ipdesk.domain.shared.problems import Problem
from ipdesk.domain.valuation.settings import ValuationSettings, cap_field, settings_from_text
from ipdesk.gui.common.models.badges import TONES
from ipdesk.gui.common.pages.base import may
from ipdesk.gui.common.rich_text import esc, pick
from ipdesk.gui.common.widgets.field_edit import ERROR_COLOR, ErrorField, FieldEdit
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import current_lang, ui_lang
from ipdesk.gui.ops import report_failure, run_op
from ipdesk.gui.tasks import TaskRunner, runner

BANNER_STYLE = (
    f"color: {ERROR_COLOR}; background: #fdecea; border: 1px solid #f5c2c0; border-radius: 4px; padding: 6px 8px;"
)


def _spin(suffix: str) -> QSpinBox:
    box = QSpinBox()
    box.setRange(-999, 9999)  # wider than allowed: the service's coded refusal names the range
    box.setSuffix(suffix)
    box.setAlignment(Qt.AlignmentFlag.AlignRight)
    box.setMinimumWidth(150)
    box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return box


class ValuationSettingsForm(QWidget):
    """Edits :class:`ValuationSettings`.

    Attributes:
        title: the settings tab's name.
        fields: field name (``validity_months``, ``term_buffer_months``, ``ltv_caps.<kind>``) → its editor.

    Signals:
        saved(settings): written through the service.
    """

    saved = Signal(object)

    def __init__(self, workstation: Workstation, lang: str | None = None, *, task_runner: TaskRunner | None = None,
                 parent: QWidget | None = None):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.setObjectName("ValuationSettingsForm")
        self.title = self.tr("评估与质押率")
        self.workstation = workstation
        self.lang = lang
        self._runner = task_runner or runner()
        self.loaded: ValuationSettings | None = None
        self.dirty = False
        self.saving = False
        self._loading = False
        self._reading = False
        self._touched: set[str] = set()
        self._show_all = False
        self.editable = may(workstation.actor, Action.ADMINISTER)
        self.fields: dict[str, ErrorField] = {}
        self.setMaximumWidth(1000)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.banner = QLabel()
        self.banner.setObjectName("valuationBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(f"QLabel#valuationBanner {{ {BANNER_STYLE} }}")
        self.banner.hide()
        outer.addWidget(self.banner)

        terms = QGroupBox(self.tr("评估有效期与期限余量"))
        tf = QFormLayout(terms)
        months = self.tr(" 个月")
        self.validity_months = _spin(months)
        self._add(tf, "validity_months", self.tr("评估有效期："), self.validity_months,
                  self.tr("评估报告未写明有效期时，自评估基准日起有效的月数（1–120，默认 12 个月即一年）"))
        self.term_buffer_months = _spin(months)
        self._add(tf, "term_buffer_months", self.tr("期限余量："), self.term_buffer_months,
                  self.tr("质押权利的期限届满日须晚于债务履行期限加上这些月数，否则提示（0–240）"))
        outer.addWidget(terms)

        caps = QGroupBox(self.tr("质押率上限（占评估价值的百分比）"))
        cf = QFormLayout(caps)
        self.caps: dict[str, FieldEdit] = {}
        for kind in RightKind:
            edit = FieldEdit(placeholder="0–100")
            edit.line_edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.line_edit.setFixedWidth(110)
            self.caps[kind.value] = edit
            self._add(cf, cap_field(kind.value), pick(KIND_LABELS[kind], lang) + ("：" if lang == "zh" else ":"),
                      edit, self.tr("担保金额除以当前评估价值不得超过的百分比，最多两位小数"))
        note = QLabel(self.tr("参考（DOMAIN §12）：发明专利 25%–50%，实用新型 15%–30%，商标不超过 50%；"
                              "没有全国统一标准，请按本机关合作银行的做法填写。修改后质押详情中的质押率提示立即按新上限计算。"))
        note.setWordWrap(True)
        note.setStyleSheet("color: #607d8b;")
        cf.addRow(note)
        outer.addWidget(caps)
        outer.addStretch(1)

        buttons = QHBoxLayout()
        self.status = QLabel()
        self.status.setWordWrap(True)
        buttons.addWidget(self.status, 1)
        self.revert_button = QPushButton(self.tr("撤销修改"))
        self.revert_button.clicked.connect(self.revert)
        buttons.addWidget(self.revert_button)
        self.save_button = QPushButton(self.tr("保存评估设置"))
        self.save_button.setObjectName("saveValuationSettings")
        self.save_button.setToolTip(self.tr("保存（Ctrl+S）；所有工作站立即使用新设置"))
        self.save_button.clicked.connect(self.submit)
        buttons.addWidget(self.save_button)
        outer.addLayout(buttons)
        if not self.editable:
            self.validity_months.setReadOnly(True)
            self.term_buffer_months.setReadOnly(True)
            for edit in self.caps.values():
                edit.line_edit.setReadOnly(True)
            self.save_button.setEnabled(False)
            self.revert_button.setEnabled(False)
            self._set_status(self.tr("只有管理员可以修改评估设置。"), "muted")

    def _add(self, form: QFormLayout, name: str, label: str, editor: QWidget, hint: str) -> None:
        field = editor if isinstance(editor, ErrorField) else ErrorField(editor)
        field.editor.setToolTip(hint)
        self.fields[name] = field
        form.addRow(label, field)
        signal = getattr(editor, "textChanged", None) or getattr(editor, "valueChanged", None)
        if signal is not None:
            signal.connect(lambda *_a, n=name: self._edited(n))

    # ---- values --------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the stored settings off the GUI thread (unsaved changes are kept)."""
        if self._reading or self.dirty:
            return
        self._reading = True
        service = self.workstation.valuation

        def loaded(settings: ValuationSettings) -> None:
            if not shiboken6.isValid(self):
                return
            self._reading = False
            if not self.dirty:
                self.load(settings)

        def failed(exc: BaseException, _tb: str) -> None:
            if shiboken6.isValid(self):
                self._reading = False
                report_failure(self, exc)

        self._runner.run(service.settings, on_result=loaded, on_error=failed, name="read valuation settings")

    def load(self, settings: ValuationSettings) -> None:
        """Show ``settings``; they become the baseline for "unsaved changes"."""
        self._loading = True
        try:
            self.validity_months.setValue(settings.validity_months)
            self.term_buffer_months.setValue(settings.term_buffer_months)
            for kind, edit in self.caps.items():
                cap = settings.ltv_caps.get(kind)
                edit.setText("" if cap is None else f"{cap.normalize():f}")
        finally:
            self._loading = False
        self.loaded = settings
        self.dirty = False
        self._touched.clear()
        self._show_all = False
        self._show([])

    def text_values(self) -> tuple[int, int, dict[str, str]]:
        return (int(self.validity_months.value()), int(self.term_buffer_months.value()),
                {kind: edit.text() for kind, edit in self.caps.items()})

    def problems(self) -> list[Problem]:
        return settings_from_text(*self.text_values())[1]

    # ---- behaviour -----------------------------------------------------------------------------------

    def _edited(self, name: str) -> None:
        if self._loading:
            return
        self._touched.add(name)
        settings = settings_from_text(*self.text_values())[0]
        self.dirty = self.loaded is None or settings != self.loaded
        self._show(self.problems())
        self._set_status(self.tr("有未保存的修改") if self.dirty else "", "warn" if self.dirty else "")

    def _show(self, problems: list[Problem]) -> None:
        lang = current_lang()
        for name, field in self.fields.items():
            visible = self._show_all or name in self._touched
            field.set_problems([p for p in problems if p.field == name] if visible else [], lang)
        if self._show_all and problems:
            head = self.tr("还有 {n} 处问题需要修改，修改后才能保存（没有写入任何设置）：").format(n=len(problems))
            items = "".join(f"<li>{esc(p.message(lang))}</li>" for p in problems)
            self.banner.setText(f"{head}<ul style='margin:2px 0 0 -20px'>{items}</ul>")
        self.banner.setVisible(self._show_all and bool(problems))

    def submit(self) -> bool:
        """Save pressed: show every problem (nothing written) or write in the writer thread."""
        if self.saving or not self.editable:
            return False
        self._show_all = True
        settings, problems = settings_from_text(*self.text_values())
        self._show(problems)
        if settings is None:
            self._focus_first(problems)
            self._set_status(self.tr("设置有误，没有保存。"), "bad")
            return False
        service, actor = self.workstation.valuation, self.workstation.actor
        self._set_saving(True)
        run_op(self, lambda: service.save_settings(actor, settings), on_done=lambda _c: self._saved(settings),
               on_refused=lambda exc: self._refused(exc), on_failed=lambda _e: self._set_saving(False),
               title=self.title, task_runner=self._runner)
        return True

    def _saved(self, settings: ValuationSettings) -> None:
        self._set_saving(False)
        self.load(settings)
        self._set_status(self.tr("已保存。新的评估和质押率提示使用这些设置。"), "ok")
        self.saved.emit(settings)

    def _refused(self, exc: Any) -> None:
        """The service's coded refusal (e.g. no longer an administrator), under the fields it names."""
        problems = list(getattr(exc, "problems", []))
        self._show_all = True
        self._show(problems)
        if not any(p.field in self.fields for p in problems):
            self.banner.setText(esc("；".join(p.message(current_lang()) for p in problems) or str(exc)))
            self.banner.show()
        self._set_status(self.tr("没有保存。"), "bad")

    def _focus_first(self, problems: list[Problem]) -> None:
        for name, field in self.fields.items():
            if any(p.field == name for p in problems):
                field.editor.setFocus()
                return

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
        self.status.setStyleSheet(f"color: {TONES.get(tone, ('', '#455a64'))[1]};")
