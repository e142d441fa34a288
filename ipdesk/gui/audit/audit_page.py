"""The audit area: the tamper-evident log, newest first, searchable, with a chain verification."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QWidget

from ipdesk.gui import messages
from ipdesk.gui.audit.labels import ACTIONS, ENTITIES, SUMMARIES
from ipdesk.gui.common.pages.register_page import RegisterPage
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.ops import report_failure
from ipdesk.gui.tasks import run_with_progress_dialog
from ipdesk.services.paging import PageSource, Query


class SortableOnly:
    """A PageSource adapter declaring only the columns its SQL really sorts on as sortable."""

    def __init__(self, source: PageSource, sortable: Sequence[str]):
        self._source = source
        self.columns = [replace(c, sortable=c.key in sortable) for c in source.columns]

    def count(self, query: Query) -> int:
        return self._source.count(query)

    def page(self, query: Query, offset: int, limit: int) -> list[dict[str, Any]]:
        return self._source.page(query, offset, limit)


class AuditPage(RegisterPage):
    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None):
        lang = ui_lang(lang)
        self.workstation = workstation
        super().__init__(
            "audit",
            SortableOnly(workstation.audit, ["seq"]),
            title=self.tr("审计日志"),
            lang=lang,
            default_sort=("seq", True),
            # in words, not pledge.register / pledge#42; summaries in the UI language
            labels={"action": ACTIONS, "entity": ENTITIES, "summary": SUMMARIES},
            search_placeholder=self.tr("搜索摘要或用户名…"),
            parent=parent,
        )
        self.add_action(
            "verify",
            self.tr("校验审计链"),
            "audit",
            self.verify,
            tip=self.tr("重新计算每条记录的哈希，检查日志是否被改动"),
        )

    def verify(self) -> None:
        def done(report: Any) -> None:
            if report.ok:
                messages.tell(
                    self,
                    self.tr("审计链完好"),
                    self.tr("已校验 {n} 条审计记录，未发现改动。").format(n=report.entries),
                )
            else:
                messages.tell(
                    self,
                    self.tr("审计链被破坏"),
                    self.tr(
                        "第 {seq} 条记录起审计链不一致：{reason}\n请立即联系系统管理员，并保留数据库备份。"
                    ).format(seq=report.first_bad_seq, reason=report.reason),
                    warning=True,
                )

        run_with_progress_dialog(
            self,
            self.tr("正在校验审计链…"),
            lambda _p: self.workstation.audit.verify(),
            on_result=done,
            on_error=lambda e, _tb: report_failure(self, e),
            cancellable=False,
        )
