"""FormDialog: the base of every add/edit form — validate as you type, save only when nothing is wrong.

Behaviour (UX.md, Forms):

* each edit re-validates (debounced) through :meth:`FormDialog.problems`, usually a service's
  ``validate(data)``; a field the user has touched shows its problems in red under it;
* Save stays enabled; pressing it shows every remaining problem (on the fields and in a list at the top)
  and focuses the first one; nothing is written until all are fixed;
* a save runs :meth:`FormDialog.save` as an operation (:func:`ipdesk.gui.ops.run_op`: the single writer
  thread, its changes broadcast to the pages); a refusal from the service comes back as problems on the
  fields, exactly like validation;
* Esc or closing with unsaved changes asks first;
* the keyboard rules of :mod:`ipdesk.gui.common.keyboard`: the focus starts in the first field, Enter moves
  on (never submits), Ctrl+S saves (also after a form renamed its Save button), Tab leaves a multi-line
  field; the list of remaining problems sits above the buttons, so the form never moves down when it appears.

Subclasses implement ``values()``, ``problems(data)`` and ``save(data)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.shared.problems import DomainError, Problem
from ipdesk.gui import messages
from ipdesk.gui.common import keyboard
from ipdesk.gui.common.widgets.field_edit import ERROR_COLOR, ErrorField
from ipdesk.gui.i18n import current_lang
from ipdesk.gui.ops import run_op
from ipdesk.gui.tasks import TaskRunner, runner

VALIDATE_DELAY_MS = 200


class FormDialog(QDialog):
    """Base class for forms. See the module docstring for the behaviour.

    Attributes:
        fields: field name → :class:`ErrorField`, in the order added (= tab order = reading order).
        banner: the list of remaining problems shown after Save was pressed.

    Signals:
        saved(result): the service's return value after a successful save (the dialog then accepts).
    """

    saved = Signal(object)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        title: str = "",
        task_runner: TaskRunner | None = None,
        validator: Callable[[dict[str, Any]], list[Problem]] | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.fields: dict[str, ErrorField] = {}
        self.result_value: Any = None
        self._validator = validator
        self._runner = task_runner or runner()
        self._touched: set[str] = set()
        self._show_all = False
        self._dirty = False
        self._saving = False
        self._last_problems: list[Problem] = []

        outer = QVBoxLayout(self)
        self.banner = QLabel()
        self.banner.setObjectName("formBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(
            f"QLabel#formBanner {{ color: {ERROR_COLOR}; background: #fdecea; border: 1px solid #f5c2c0;"
            " border-radius: 4px; padding: 6px 8px; }"
        )
        self.banner.hide()
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        outer.addLayout(self.form)
        outer.addStretch(1)
        outer.addWidget(self.banner)  # below the fields: showing it never pushes the form down
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        self.save_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        self.save_button.setToolTip(self.tr("保存（Ctrl+S）"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(VALIDATE_DELAY_MS)
        self._timer.timeout.connect(self.validate_now)
        self._shown_once = False

    # ---- building ------------------------------------------------------------------------------------

    def add_field(self, name: str, label: str, editor: QWidget, *, hint: str = "") -> ErrorField:
        """Add ``editor`` as field ``name`` with a label; its edits trigger validation."""
        field = editor if isinstance(editor, ErrorField) else ErrorField(editor)
        if hint:
            field.editor.setToolTip(hint)
        self.fields[name] = field
        self.form.addRow(label, field)
        self.connect_changes(name, field.editor)
        return field

    def add_row(self, label: str, widget: QWidget) -> None:
        self.form.addRow(label, widget)

    def connect_changes(self, name: str, editor: QWidget) -> None:
        """Route an editor's change signal to validation and the unsaved-changes flag."""
        for signal_name in ("textChanged", "valueChanged", "currentIndexChanged", "toggled", "changed"):
            signal = getattr(editor, signal_name, None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(lambda *_a, n=name: self.edited(n))
                return

    def edited(self, name: str) -> None:
        self._touched.add(name)
        self._dirty = True
        self._timer.start()

    def mark_clean(self) -> None:
        """Call after loading the initial values: they are not unsaved changes."""
        self._dirty = False
        self._touched.clear()
        self._timer.stop()

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    # ---- to implement --------------------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The form's data as the service expects it (strings, lists)."""
        raise NotImplementedError

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        """Everything wrong with ``data`` (the validate-as-you-type callback)."""
        return list(self._validator(data)) if self._validator else []

    def save(self, data: dict[str, Any]) -> Any:
        """Write ``data``; runs in the writer thread (no widgets!). Raise DomainError to refuse."""
        raise NotImplementedError

    # ---- behaviour -----------------------------------------------------------------------------------

    def validate_now(self, show_all: bool | None = None) -> list[Problem]:
        """Validate, show problems on touched fields (all fields once Save was pressed); return them."""
        if show_all:
            self._show_all = True
        self._timer.stop()
        try:
            problems = self.problems(self.values())
        except DomainError as exc:
            problems = exc.problems
        self.show_problems(problems)
        return problems

    def show_problems(self, problems: Sequence[Problem]) -> None:
        self._last_problems = list(problems)
        lang = current_lang()
        by_field: dict[str, list[Problem]] = {}
        for p in problems:
            by_field.setdefault(p.field, []).append(p)
        for name, field in self.fields.items():
            visible = self._show_all or name in self._touched
            field.set_problems(by_field.get(name, []) if visible else [], lang)
        if self._show_all and problems:
            head = self.tr("还有 {n} 处问题需要修改，修改后才能保存：").format(n=len(problems))
            items = "".join(
                f"<li>{_escape(self._label_of(p))}{_escape(p.message(lang))}</li>" for p in problems
            )
            self.banner.setText(f"{head}<ul style='margin:2px 0 0 -20px'>{items}</ul>")
        self.banner.setVisible(self._show_all and bool(problems))

    def submit(self) -> None:
        """Save pressed: refuse with the full list of problems, or save in the writer thread."""
        if self._saving:
            return
        problems = self.validate_now(show_all=True)
        if problems:
            self._focus_first(problems)
            return
        data = self.values()
        if not self.confirm_save(data):
            return
        self._set_saving(True)
        run_op(self, lambda: self.save(data), on_done=self._saved, form=self,
               on_failed=lambda _exc: self._set_saving(False), title=self.windowTitle(), task_runner=self._runner)

    def confirm_save(self, data: dict[str, Any]) -> bool:
        """Asked once nothing is wrong, before writing: a form that records a decision says what will happen
        and asks (cancellation); an ordinary form saves at once."""
        return True

    def _saved(self, result: Any) -> None:
        self._set_saving(False)
        self.result_value = result
        self._dirty = False
        self.saved.emit(result)
        self.accept()

    def show_refusal(self, problems: Sequence[Problem]) -> None:
        """A refusal from the service: shown like validation problems (nothing was written)."""
        self._show_all = True
        self.show_problems(problems)
        self._focus_first(problems)

    def _set_saving(self, saving: bool) -> None:
        self._saving = saving
        self.buttons.setEnabled(not saving)

    def _focus_first(self, problems: Sequence[Problem]) -> None:
        for name, field in self.fields.items():
            if any(p.field == name for p in problems):
                field.editor.setFocus()
                return

    def _label_of(self, problem: Problem) -> str:
        field = self.fields.get(problem.field)
        if field is None:
            return ""
        label = self.form.labelForField(field)
        text = label.text().rstrip("：:* ") if isinstance(label, QLabel) else ""
        text = text.removesuffix(" *")
        return f"{text}：" if text and current_lang() == "zh" else f"{text}: " if text else ""

    # ---- keyboard ------------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        keyboard.prepare(self)
        # QAbstractButton.setText drops a button's shortcut: a form that renamed its Save button keeps Ctrl+S
        if self.save_button.shortcut().isEmpty():
            self.save_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Save))
        if not self._shown_once:
            self._shown_once = True
            self.focus_first_field()

    def focus_first_field(self) -> None:
        keyboard.focus_first(f.editor for f in self.fields.values())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not keyboard.handle_enter(self, event):  # Enter moves on; it never presses Save
            super().keyPressEvent(event)

    # ---- closing -------------------------------------------------------------------------------------

    def confirm_discard(self) -> bool:
        """Ask whether to throw away unsaved changes (tests replace this)."""
        return messages.ask(self, self.windowTitle(), self.tr("有未保存的修改。要放弃这些修改吗？"),
                            yes=self.tr("放弃修改"), no=self.tr("继续编辑"), destructive=True)

    def reject(self) -> None:
        if self._saving:
            return
        if self._dirty and not self.confirm_discard():
            return
        self._dirty = False
        super().reject()


def form_label(text: str, required: bool = False, lang: str = "zh") -> str:
    """``名称 *：`` / ``Name *:`` — the label of a form row; the star marks a required field."""
    return text + (" *" if required else "") + ("：" if lang == "zh" else ":")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
