"""The notices issued for a pledge (reprint, verify, revoke), and the notice actions of a pledge register.

Hook-up for the pledge register::

    show_notices_of(page, workstation, pledge_id)       # 通知书记录… (reprint / verify / revoke)
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ipdesk.domain.shared.messages import register as register_messages
from ipdesk.domain.shared.permissions import Action
from ipdesk.domain.shared.problems import Problem
from ipdesk.gui import messages
from ipdesk.gui.common.lookup import LatestRead
from ipdesk.gui.common.pages.base import may
from ipdesk.gui.common.rich_text import esc
from ipdesk.gui.common.widgets.form_dialog import FormDialog
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.formatting import format_date
from ipdesk.gui.notices.batch_dialog import batch_print
from ipdesk.gui.notices.notice_kit import dialog_lang, kind_name
from ipdesk.gui.notices.notice_preview import NoticePreviewDialog, preview_issued, print_notice_for
from ipdesk.gui.tasks import TaskRunner, runner

register_messages(
    {
        "gui.notice.reason": (
            "请写明撤销理由（将记入审计日志）",
            "give the reason for the revocation (it goes into the audit log)",
        ),
    }
)


# ---- the notices of a pledge: reprint, verify, revoke ---------------------------------------------------


class RevokeDialog(FormDialog):
    """撤销通知书 with a reason; the serial then verifies as revoked (with maker-checker on, once an approver
    confirms: ``submit`` names the button so)."""

    def __init__(
        self,
        workstation: Workstation,
        issued: Any,
        *,
        lang: str | None = None,
        parent: QWidget | None = None,
        task_runner: TaskRunner | None = None,
        submit: bool = False,
    ):
        super().__init__(parent, title=self.tr("撤销通知书"), task_runner=task_runner)
        self.setObjectName("RevokeDialog")
        self.submit_for_approval = submit
        self.pending_id: int | None = None  # the decision the revocation awaits (set by save)
        self.workstation, self.issued, self.lang = workstation, issued, dialog_lang(lang)
        heading = QLabel(f"<b>{esc(kind_name(issued.kind, self.lang))} {esc(issued.serial)}</b>")
        self.add_row("", heading)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("例如：登记事项填写错误，已重新出具"))
        self.reason.setFixedHeight(90)
        self.add_field("reason", self.tr("撤销理由 *"), self.reason)
        warn = QLabel(self.tr("撤销后，这份通知书（含已打印的纸件）验证时显示“已撤销”。撤销不能恢复。"))
        warn.setWordWrap(True)
        warn.setStyleSheet("color: #7a4a00;")
        self.add_row("", warn)
        # Maker-checker: the revocation goes to an approver and takes effect when confirmed.
        self.save_button.setText(self.tr("提交审核") if submit else self.tr("撤销"))
        self.resize(520, 260)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"reason": self.reason.toPlainText().strip()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        return [] if data["reason"] else [Problem("gui.notice.reason", "reason")]

    def save(self, data: dict[str, Any]) -> str:
        self.workstation.notices.revoke(self.workstation.actor, self.issued.serial, data["reason"])
        pending = [d.id for d in self.workstation.pledges.decisions() if d.params.get("serial") == self.issued.serial]
        self.pending_id = pending[0] if pending else None  # read by the list once saved (GUI thread)
        return self.issued.serial


class NoticeListDialog(QDialog):
    """The notices issued for one pledge: preview / reprint, verify, and revoke (when the role allows).

    Signals:
        loaded(): the list was read (in the reader pool) and is shown.
    """

    loaded = Signal()

    def __init__(
        self,
        workstation: Workstation,
        pledge_id: int,
        *,
        lang: str | None = None,
        parent: QWidget | None = None,
        task_runner: TaskRunner | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("NoticeListDialog")
        self.setWindowTitle(self.tr("通知书记录"))
        self.workstation, self.pledge_id, self.lang = workstation, pledge_id, dialog_lang(lang)
        self._runner = task_runner or runner()
        self.notices: list[Any] = []
        self.revoke_dialog: RevokeDialog | None = None
        self.maker_checker = False  # the office setting, read with the list: a revocation awaits approval
        self.child: QDialog | None = None
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [self.tr("编号"), self.tr("通知书"), self.tr("出具时间"), self.tr("状态")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self.update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.preview_selected())
        self.empty = QLabel(self.tr("这件质押还没有出具过通知书。"))
        self.empty.setStyleSheet("color: #607d8b;")
        self.empty.hide()
        self.buttons = QDialogButtonBox()
        self.preview_button = self.buttons.addButton(
            self.tr("预览 / 重印…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.verify_button = self.buttons.addButton(self.tr("验证"), QDialogButtonBox.ButtonRole.ActionRole)
        self.revoke_button = self.buttons.addButton(self.tr("撤销…"), QDialogButtonBox.ButtonRole.ActionRole)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("关闭"))
        self.preview_button.clicked.connect(self.preview_selected)
        self.verify_button.clicked.connect(self.verify_selected)
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.buttons.rejected.connect(self.reject)
        self.can_revoke = may(workstation.actor, Action.REVOKE_NOTICE)
        self.revoke_button.setVisible(self.can_revoke)
        if not self.can_revoke:
            self.revoke_button.setToolTip(self.tr("你的角色不能撤销通知书"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.resize(700, 340)
        self._read = LatestRead(self, self._runner)
        self.update_buttons()  # nothing to act on until the list is read
        self.reload()

    @property
    def loading(self) -> bool:
        return self._read.busy

    def reload(self, select: str | None = None) -> None:
        """Read the pledge's notices in the reader pool, then show them (selecting ``select``'s serial)."""
        notices, pledge_id = self.workstation.notices, self.pledge_id
        office = getattr(self.workstation, "office", None)  # a test double may have none

        def read() -> tuple[list[Any], bool]:
            return notices.notices_of(pledge_id), bool(office is not None and office.settings().maker_checker)

        self._read.run(read, lambda found: self._show(*found, select=select), self._failed,
                       name=f"notices of {pledge_id}")

    def _failed(self, exc: BaseException) -> None:
        self.empty.setText(self.tr("读取通知书记录失败：{error}").format(error=str(exc) or type(exc).__name__))
        self.empty.show()

    def _show(self, notices: list[Any], maker_checker: bool = False, *, select: str | None = None) -> None:
        self.notices = notices
        self.maker_checker = maker_checker
        self.table.setRowCount(len(self.notices))
        for row, n in enumerate(self.notices):
            status = self.tr("已撤销") if n.revoked else self.tr("有效")
            mark = "✗ " if n.revoked else "✓ "
            cells = [n.serial, kind_name(n.kind, self.lang), format_date(n.issued_at), mark + status]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col == 3:
                    item.setForeground(Qt.GlobalColor.darkRed if n.revoked else Qt.GlobalColor.darkGreen)
                self.table.setItem(row, col, item)
        self.empty.setText(self.tr("这件质押还没有出具过通知书。"))
        self.empty.setVisible(not self.notices)
        if select is not None:
            self.select_serial(select)
        if self.notices and not self.table.selectedItems():
            self.table.selectRow(len(self.notices) - 1)
        self.update_buttons()
        self.loaded.emit()

    def selected(self) -> Any:
        rows = {i.row() for i in self.table.selectedIndexes()}
        return self.notices[rows.pop()] if len(rows) == 1 else None

    def select_serial(self, serial: str) -> None:
        for row, n in enumerate(self.notices):
            if n.serial == serial:
                self.table.selectRow(row)

    def update_buttons(self) -> None:
        chosen = self.selected()
        self.preview_button.setEnabled(chosen is not None)
        self.verify_button.setEnabled(chosen is not None)
        self.revoke_button.setEnabled(chosen is not None and self.can_revoke and not chosen.revoked)

    def preview_selected(self) -> NoticePreviewDialog | None:
        chosen = self.selected()
        if chosen is None:
            return None
        self.child = preview_issued(self, self.workstation, chosen, lang=self.lang, task_runner=self._runner)
        return self.child  # type: ignore[return-value]

    def verify_selected(self) -> Any:
        from ipdesk.gui.notices.verify_dialog import VerifyDialog

        chosen = self.selected()
        if chosen is None:
            return None
        dialog = VerifyDialog(self.workstation, lang=self.lang, parent=self, task_runner=self._runner)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.payload.setText(chosen.payload)
        dialog.open()
        dialog.verify_text(chosen.payload)
        self.child = dialog
        return dialog

    def _revoked(self, dialog: RevokeDialog, serial: str) -> None:
        pending = dialog.pending_id
        if pending is not None:
            text = self.tr("已提交审核（决定 #{id}）：撤销通知书 {serial}\n审核员确认后撤销生效。")
            messages.tell(self, dialog.windowTitle(), text.format(id=pending, serial=serial))
        self.reload(select=serial)

    def revoke_selected(self) -> RevokeDialog | None:
        chosen = self.selected()
        if chosen is None or not self.can_revoke or chosen.revoked:
            return None
        dialog = RevokeDialog(self.workstation, chosen, lang=self.lang, parent=self, task_runner=self._runner,
                              submit=self.maker_checker)
        dialog.saved.connect(lambda serial: self._revoked(dialog, serial))
        dialog.open()
        self.revoke_dialog = dialog
        return dialog


def show_notices_of(
    parent: QWidget | None,
    workstation: Workstation,
    pledge_id: int,
    *,
    lang: str | None = None,
    task_runner: TaskRunner | None = None,
) -> NoticeListDialog:
    dialog = NoticeListDialog(workstation, pledge_id, lang=lang, parent=parent, task_runner=task_runner)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def add_notice_actions(page: Any, workstation: Workstation) -> None:
    """Give a pledge register page (a ``RegisterPage`` whose row ids are pledge ids) the notice actions:
    打印通知书… (Ctrl+P, the selected pledge), 批量打印… (the selected rows) and 通知书记录… (reprint, verify,
    revoke). The page's ``update_actions`` enables them by the selection and the user's role."""
    lang = getattr(page, "lang", None)

    def allowed() -> bool:
        return may(workstation.actor, Action.PRINT_NOTICES)

    def print_one() -> Any:
        pid = page.current_id()
        return None if pid is None else print_notice_for(page, workstation, pid, lang=lang)

    def notices() -> Any:
        pid = page.current_id()
        return None if pid is None else show_notices_of(page, workstation, pid, lang=lang)

    page.toolbar.addSeparator()
    one = page.add_action(
        "print_notice",
        QCoreApplication.translate("PrintDialogs", "打印通知书…"),
        "print",
        print_one,
        enabled_when=lambda rows: len(rows) == 1 and allowed(),
        tip=QCoreApplication.translate("PrintDialogs", "预览并打印选中质押的通知书（Ctrl+P）"),
    )
    one.setShortcut(QKeySequence(QKeySequence.StandardKey.Print))
    page.add_action(
        "batch_print",
        QCoreApplication.translate("PrintDialogs", "批量打印…"),
        "print",
        lambda: batch_print(page, workstation, page.selected_ids(), lang=lang),
        enabled_when=lambda rows: bool(rows) and allowed(),
        tip=QCoreApplication.translate(
            "PrintDialogs", "把选中的各件质押的通知书打印到一个文件夹或一个合并的 PDF"
        ),
    )
    page.add_action(
        "notices",
        QCoreApplication.translate("PrintDialogs", "通知书记录…"),
        "verify",
        notices,
        enabled_when=lambda rows: len(rows) == 1,
        tip=QCoreApplication.translate("PrintDialogs", "这件质押出具过的通知书：重印、验证、撤销"),
        toolbar=False,
    )
    page.update_actions()
