"""The office keys in the settings area (administrators): every key the register knows with its validity
period, and the audited key acts — rotate, import a private key, retire, set or remove the passphrase."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.shared.problems import DomainError
from ipdesk.gui import messages
from ipdesk.gui.common.files import error_text, import_dir, remember_import_dir
from ipdesk.gui.common.models.badges import TONES
from ipdesk.gui.common.models.row_list import RowListModel
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import current_lang
from ipdesk.gui.icons import icon
from ipdesk.gui.ops import report_failure, run_op
from ipdesk.gui.tasks import TaskRunner, runner


def _when(value: Any) -> str:
    if not value:
        return ""
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.strftime("%Y-%m-%d %H:%M")


class KeyPeriodsModel(RowListModel):
    """The register's keys (a few rows: the office's across rotations, other offices' trusted ones)."""

    columns = (
        ("key_id", "密钥编号", "Key id"),
        ("office", "类型", "Kind"),
        ("label", "名称", "Label"),
        ("valid_from", "启用时间", "Valid from"),
        ("valid_until", "停用时间", "Valid until"),
    )

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            en = self.lang == "en"
            if key == "office":
                return ("Office key" if en else "本机构密钥") if row["office"] else ("Trusted" if en else "受信任")
            if key == "valid_until":
                if not row["office"]:
                    return ""
                return _when(row["valid_until"]) or ("current" if en else "当前使用")
            if key == "valid_from":
                return _when(row["valid_from"])
            return str(row.get(key) or "")
        if role == Qt.ItemDataRole.ToolTipRole and key == "key_id":
            return str(row.get("public_pem", ""))
        if role == Qt.ItemDataRole.ForegroundRole and key == "valid_until" and row["office"]:
            from PySide6.QtGui import QColor

            return QColor(TONES["ok" if not row["valid_until"] else "muted"][1])
        return None

    def key_id(self, index: QModelIndex | QPersistentModelIndex) -> str:
        return str(self.row_data(index.row())["key_id"]) if index.isValid() else ""


class OfficeKeysPanel(QWidget):
    """The key list and the administrator's key acts, each through ``run_op`` (audited by the service).

    Signals:
        done(message): an act finished (the key list is read again).
        failed(message): it was refused or failed (nothing changed).
    """

    done = Signal(str)
    failed = Signal(str)

    def __init__(self, workstation: Workstation, *, task_runner: TaskRunner | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.workstation = workstation
        self.keys = workstation.notices.keys
        self._runner = task_runner or runner()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        box = QGroupBox(self.tr("密钥管理（管理员）"))
        layout = QVBoxLayout(box)
        self.model = KeyPeriodsModel(parent=self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().hide()
        self.view.setMinimumHeight(140)
        layout.addWidget(self.view)
        row = QHBoxLayout()
        self.rotate_button = QPushButton(icon("refresh"), self.tr("更换签发密钥…"))
        self.rotate_button.clicked.connect(self.rotate_dialog)
        self.import_button = QPushButton(icon("import"), self.tr("导入私钥…"))
        self.import_button.clicked.connect(self.import_dialog)
        self.retire_button = QPushButton(self.tr("停用所选密钥…"))
        self.retire_button.clicked.connect(self.retire_dialog)
        self.protect_button = QPushButton(self.tr("设置或取消口令…"))
        self.protect_button.clicked.connect(self.protect_dialog)
        for button in (self.rotate_button, self.import_button, self.retire_button, self.protect_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        info = QLabel(self.tr(
            "更换或导入后，原密钥停用但仍受信任，它签发的通知书照常核验；停用的密钥不再签发。"
            "每项操作都记入审计日志（原密钥编号与新密钥编号）。设置口令后，首次签发时询问口令"
            "（也可由环境变量 IPDESK_KEY_PASSPHRASE 提供），口令只留在内存中。"))
        info.setWordWrap(True)
        info.setStyleSheet("color: #607d8b;")
        layout.addWidget(info)
        outer.addWidget(box)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(self.status)
        self.view.selectionModel().selectionChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    # ---- the list ------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the key list off the GUI thread."""
        keys = self.keys

        def loaded(periods: list[Any]) -> None:
            if not _alive(self):
                return
            self.model.set_rows([{**p.to_json(), "public_pem": p.public_pem} for p in periods])
            self._update_buttons()

        def failed(exc: BaseException, _tb: str) -> None:
            if _alive(self):
                report_failure(self, exc)

        self._runner.run(keys.periods, on_result=loaded, on_error=failed, name="read office keys")

    def selected_key_id(self) -> str:
        rows = self.view.selectionModel().selectedRows()
        return self.model.key_id(rows[0]) if rows else ""

    def _update_buttons(self) -> None:
        chosen = self.selected_key_id()
        row = next((r for r in self.model.rows() if r["key_id"] == chosen), None)
        self.retire_button.setEnabled(row is not None and (not row["office"] or not row["valid_until"]))

    # ---- the acts ------------------------------------------------------------------------------------

    def rotate(self, passphrase: str | None = None) -> None:
        keys, actor = self.keys, self.workstation.actor
        self._act(lambda: keys.rotate(actor, passphrase), self.tr("已更换签发密钥：新密钥 {key_id}"), "rotate key")

    def import_from(self, path: Path, passphrase: str | None = None) -> None:
        keys, actor = self.keys, self.workstation.actor

        def work() -> Any:
            return keys.import_key(actor, path.read_bytes(), passphrase)

        self._act(work, self.tr("已导入私钥，现用签发密钥 {key_id}"), "import key",
                  on_ok=lambda: remember_import_dir(path))

    def retire(self, key_id: str) -> None:
        keys, actor = self.keys, self.workstation.actor
        self._act(lambda: keys.retire(actor, key_id), self.tr("已停用密钥 {retired}").replace("{retired}", key_id),
                  "retire key")

    def protect(self, passphrase: str | None) -> None:
        keys, actor = self.keys, self.workstation.actor
        said = self.tr("已为签发密钥 {key_id} 设置口令") if passphrase else self.tr("已取消签发密钥 {key_id} 的口令")
        self._act(lambda: keys.protect(actor, passphrase), said, "protect key")

    def _act(self, work: Callable[[], Any], said: str, title: str, on_ok: Callable[[], Any] | None = None) -> None:
        def done(_changes: Any) -> None:
            if on_ok is not None:
                on_ok()
            # the key just installed is in memory (no database read on the GUI thread); a retirement names its own
            current = self.keys.signer() if "{key_id}" in said else None
            self._say(said.format(key_id=current.key_id if current is not None else "—"), "ok")
            self.reload()
            self.done.emit(self.status.text())

        run_op(self, work, on_done=done, on_refused=self._failed, expected=(OSError,), title=title,
               task_runner=self._runner)

    # ---- the dialogs (the acts above take their values; tests call those) -------------------------------

    def rotate_dialog(self) -> None:
        if not messages.ask(self, self.tr("更换签发密钥"),
                            self.tr("生成新的签发密钥并停用现用密钥？已签发的通知书照常核验。"), destructive=True):
            return
        ok, passphrase = self._ask_passphrase(self.tr("新密钥的口令（可留空）"))
        if ok:
            self.rotate(passphrase)

    def import_dialog(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("导入私钥"), import_dir(),
                                               self.tr("PEM 私钥 (*.pem);;所有文件 (*)"))
        if not path:
            return
        ok, passphrase = self._ask_passphrase(self.tr("私钥文件的口令（未加密则留空）"), confirm=False)
        if ok:
            self.import_from(Path(path), passphrase)

    def retire_dialog(self) -> None:
        key_id = self.selected_key_id()
        if key_id and messages.ask(self, self.tr("停用密钥"),
                                   self.tr("停用密钥 {key_id}？此后不再用它签发，已签发的通知书照常核验。")
                                   .replace("{key_id}", key_id), destructive=True):
            self.retire(key_id)

    def protect_dialog(self) -> None:
        ok, passphrase = self._ask_passphrase(self.tr("签发密钥的新口令（留空则取消口令）"))
        if ok:
            self.protect(passphrase)

    def _ask_passphrase(self, label: str, confirm: bool = True) -> tuple[bool, str | None]:
        """(ok, passphrase or None); asked twice when it sets one, so a typo does not lock the key."""
        first, ok = QInputDialog.getText(self, self.tr("口令"), label, QLineEdit.EchoMode.Password)
        if not ok:
            return False, None
        if first and confirm:
            again, ok = QInputDialog.getText(self, self.tr("口令"), self.tr("再次输入口令"),
                                             QLineEdit.EchoMode.Password)
            if not ok:
                return False, None
            if again != first:
                self._failed_text(self.tr("两次输入的口令不一致，未作更改"))
                return False, None
        return True, first or None

    # ---- status --------------------------------------------------------------------------------------

    def _failed(self, exc: BaseException) -> None:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else error_text(exc, current_lang())
        if not isinstance(exc, (DomainError, OSError)):
            reason = str(exc)
        self._failed_text(self.tr("失败：{reason}").format(reason=reason))

    def _failed_text(self, text: str) -> None:
        self._say(text, "bad")
        self.failed.emit(text)

    def _say(self, text: str, tone: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {TONES[tone][1]};")


def _alive(widget: QWidget) -> bool:
    import shiboken6

    return shiboken6.isValid(widget)
