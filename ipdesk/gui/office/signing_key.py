"""The office's signing key in the settings area: its id, export of the public key, import of another
office's key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.shared.permissions import Action
from ipdesk.domain.shared.problems import DomainError
from ipdesk.gui.common.files import error_text, import_dir, last_dir, remember_dir, remember_import_dir
from ipdesk.gui.common.models.badges import TONES
from ipdesk.gui.common.pages.base import may
from ipdesk.gui.common.widgets.field_edit import FieldEdit
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import current_lang
from ipdesk.gui.icons import icon
from ipdesk.gui.ops import report_failure, run_op
from ipdesk.gui.tasks import TaskRunner, runner


class SigningKeyPanel(QWidget):
    """The office's signing key: its id, export of the public key, import of another office's key.

    Signals:
        done(message): an export or an import finished (the message says what happened).
        failed(message): it did not (nothing was trusted or written).
    """

    done = Signal(str)
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
        self.key_id = ""
        self.editable = may(workstation.actor, Action.ADMINISTER)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)

        own = QGroupBox(self.tr("本机登记机关签章密钥"))
        of = QFormLayout(own)
        self.key_label = QLabel("…")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setStyleSheet("font-family: monospace; font-size: 11pt;")
        of.addRow(self.tr("密钥编号："), self.key_label)
        explain = QLabel(
            self.tr(
                "通知书和查询证明用这把 Ed25519 私钥签名，私钥只保存在本机数据目录中。"
                "把公钥（PEM 文件）交给需要核验本机通知书的其他登记机关或工作站，对方导入后即可核验。"
            )
        )
        explain.setWordWrap(True)
        explain.setStyleSheet("color: #607d8b;")
        of.addRow("", explain)
        self.export_button = QPushButton(icon("export"), self.tr("导出公钥…"))
        self.export_button.clicked.connect(self.export_dialog)
        row = QHBoxLayout()
        row.addWidget(self.export_button)
        row.addStretch(1)
        of.addRow("", row)
        outer.addWidget(own)

        trust = QGroupBox(self.tr("导入受信任的公钥"))
        tf = QFormLayout(trust)
        self.label_edit = FieldEdit(placeholder=self.tr("例如：江苏省知识产权局"))
        self.label_edit.line_edit.setToolTip(self.tr("核验对方出具的通知书时显示的出具机关名称"))
        self.label_edit.textChanged.connect(lambda _t: self.label_edit.set_problems([]))
        tf.addRow(self.tr("出具机关名称："), self.label_edit)
        self.import_button = QPushButton(icon("import"), self.tr("选择公钥文件并导入…"))
        self.import_button.clicked.connect(self.import_dialog)
        row2 = QHBoxLayout()
        row2.addWidget(self.import_button)
        row2.addStretch(1)
        tf.addRow("", row2)
        info = QLabel(
            self.tr("导入后，用该公钥签名的通知书核验为“真实有效”。只有管理员可以导入；操作记入审计日志。")
        )
        info.setWordWrap(True)
        info.setStyleSheet("color: #607d8b;")
        tf.addRow("", info)
        if not self.editable:
            self.import_button.setEnabled(False)
            self.label_edit.line_edit.setReadOnly(True)
        outer.addWidget(trust)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.status)
        outer.addStretch(1)

    def set_key_id(self, key_id: str) -> None:
        self.key_id = key_id
        self.key_label.setText(key_id or "—")

    # ---- export --------------------------------------------------------------------------------------

    def export_dialog(self) -> None:
        name = f"ipdesk-public-key-{self.key_id or 'office'}.pem"
        path, _f = QFileDialog.getSaveFileName(
            self, self.tr("导出公钥"), str(Path(last_dir()) / name), self.tr("PEM 公钥 (*.pem)")
        )
        if path:
            self.export_to(Path(path if path.lower().endswith(".pem") else path + ".pem"))

    def export_to(self, path: Path) -> None:
        notices = self.workstation.notices

        def done(kid: str) -> None:
            remember_dir(path)
            self.set_key_id(kid)
            self._say(self.tr("已导出公钥 {key_id} 到 {path}").format(key_id=kid, path=path), "ok")
            self.done.emit(self.status.text())

        def failed(exc: BaseException, _tb: str) -> None:  # a file, not the database: a read's failure
            if isinstance(exc, (DomainError, OSError)):
                self._failed(exc)
            else:
                report_failure(self, exc)

        self._runner.run(lambda: notices.export_public_key(path), on_result=done, on_error=failed,
                         name="export public key")

    # ---- import --------------------------------------------------------------------------------------

    def import_dialog(self) -> None:
        if not self._label_ok():
            return
        path, _f = QFileDialog.getOpenFileName(
            self, self.tr("导入受信任的公钥"), import_dir(), self.tr("PEM 公钥 (*.pem);;所有文件 (*)")
        )
        if path:
            self.import_from(Path(path))

    def _label_ok(self) -> bool:
        if self.label_edit.text().strip():
            return True
        self.label_edit.set_problems([self.tr("请填写出具机关名称，核验时显示")])
        self.label_edit.setFocus()
        return False

    def import_from(self, path: Path, label: str | None = None) -> None:
        """Trust the public key in ``path`` under ``label`` (default: the label field)."""
        if label is not None:
            self.label_edit.setText(label)
        if not self._label_ok():
            return
        label_text = self.label_edit.text().strip()
        notices, actor = self.workstation.notices, self.workstation.actor

        def work() -> Any:
            return notices.trust_key(actor, path.read_bytes(), label_text)

        def done(trusted: Any) -> None:
            remember_import_dir(path)
            self._say(self.tr("已信任公钥 {key_id}（{label}）").format(key_id=trusted.value, label=label_text), "ok")
            self.label_edit.setText("")
            self.done.emit(self.status.text())

        # a refusal or an unreadable file is said on the panel, not in a box
        run_op(self, work, on_done=done, on_refused=self._failed, expected=(OSError,), title="trust public key",
               task_runner=self._runner)

    def _failed(self, exc: BaseException) -> None:
        reason = (
            exc.strerror if isinstance(exc, OSError) and exc.strerror else error_text(exc, current_lang())
        )
        where = getattr(exc, "filename", None) if isinstance(exc, OSError) else None
        text = self.tr("失败：{reason}").format(reason=f"{where}：{reason}" if where else reason)
        self._say(text, "bad")
        self.failed.emit(text)

    def _say(self, text: str, tone: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {TONES[tone][1]};")
