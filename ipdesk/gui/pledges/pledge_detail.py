"""The detail pane of a pledge: parties, rights, debt, dates, and the WHOLE history — every event of the
pledge (application, each examination run with its findings, correction notices, cures, declarations,
registration, changes, extensions, cancellation) followed by the audit entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from ipdesk.domain.audit.summaries import summary_in
from ipdesk.domain.pledges.application import (
    CANCELLATION_TRIGGER_LABELS,
    CLAUSE_LABELS,
    DEBT_TYPE_LABELS,
    DOCUMENT_LABELS,
    GUARANTEE_SCOPE_LABELS,
    Clause,
    GuaranteeScope,
)
from ipdesk.domain.pledges.lifecycle import current_outcome
from ipdesk.domain.pledges.record import PledgeRecord
from ipdesk.domain.registry.rights import KIND_LABELS, RightKind
from ipdesk.domain.shared.messages import render
from ipdesk.gui.common.pages.detail_pane import (
    DetailPane,
    DetailSection,
    add_sections,
    fill_facts,
    load_sections,
    present_sections,
    section_title,
    vbox,
)
from ipdesk.gui.common.pages.history import HistoryView
from ipdesk.gui.common.rich_text import badge_html, esc, keep_together, pick
from ipdesk.gui.common.workstation import Workstation
from ipdesk.gui.formatting import format_date, format_money
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.pledges.presentation import (
    FAMILY_LABELS,
    FINDING_TONES,
    OUTCOME_TONES,
    PLEDGE_STATUS_TONES,
    field_label,
    finding_status_label,
    localised_finding,
    outcome_label,
    status_label,
    value_label,
)

EVENT_TITLES: dict[str, tuple[str, str]] = {
    "applied": ("受理申请", "Application filed"),
    "examined": ("审查", "Examination"),
    "correction_notice": ("补正通知", "Correction notice"),
    "cured": ("收到补正材料", "Correction received"),
    "waiver": ("记录当事人声明", "Declaration recorded"),
    "other_ground": ("增加其他理由", "Ground added"),
    "registered": ("准予登记", "Registered"),
    "refused": ("不予登记", "Refused"),
    "withdrawn": ("撤回", "Withdrawn"),
    "changed": ("变更登记", "Changed"),
    "extended": ("延期登记", "Extended"),
    "cancelled": ("注销登记", "Cancelled"),
    "transfer_consented": ("转让（质权人同意）", "Transfer with the pledgee's consent"),
    "licence_consented": ("许可（质权人同意）", "Licence with the pledgee's consent"),
}
EVENT_TONES = {"registered": "ok", "refused": "bad", "correction_notice": "info", "cancelled": "muted",
               "withdrawn": "muted", "examined": "info"}


class PledgeDetailPane(DetailPane):
    """One pledge. After :meth:`present` the loaded record, events and current outcome are kept.

    Signals:
        loaded(): a record was presented (the page re-evaluates which actions apply).
    """

    loaded = Signal()

    def __init__(self, workstation: Workstation, lang: str | None = None, parent: QWidget | None = None, *,
                 sections: Sequence[DetailSection] = ()):
        lang = ui_lang(lang)
        super().__init__(parent)
        self.workstation = workstation
        self.lang = lang
        self.record: PledgeRecord | None = None
        self.events: list[dict[str, Any]] = []
        self.outcome: str | None = None
        layout = vbox(self.body)
        self.heading = QLabel()
        self.heading.setObjectName("pledgeHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold; color: #263238;")
        layout.addWidget(self.heading)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        layout.addWidget(section_title(self.tr("当事人")))
        self.parties = QFormLayout()
        layout.addLayout(self.parties)
        layout.addWidget(section_title(self.tr("被担保债权")))
        self.debt = QFormLayout()
        layout.addLayout(self.debt)
        layout.addWidget(section_title(self.tr("出质权利")))
        self.rights = QLabel()
        self.rights.setObjectName("pledgeRights")
        self.rights.setTextFormat(Qt.TextFormat.RichText)
        self.rights.setWordWrap(True)
        self.rights.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.rights)
        self.sections = add_sections(self, layout, sections)  # later contexts: the valuation and LTV line
        layout.addWidget(section_title(self.tr("日期")))
        self.dates = QFormLayout()
        layout.addLayout(self.dates)
        layout.addWidget(section_title(self.tr("材料与合同条款")))
        self.papers = QLabel()
        self.papers.setWordWrap(True)
        self.papers.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.papers)
        layout.addWidget(section_title(self.tr("办理过程")))
        self.timeline = QVBoxLayout()
        self.timeline.setSpacing(6)
        layout.addLayout(self.timeline)
        layout.addWidget(section_title(self.tr("审计记录")))
        self.history = HistoryView(field_label, lang)
        layout.addWidget(self.history)
        layout.addStretch(1)

    # ---- DetailPane ------------------------------------------------------------------------------

    def load(self, record_id: Any) -> dict[str, Any]:  # worker thread
        pledges = self.workstation.pledges
        for _attempt in range(3):  # record and events from the same moment (a write may land in between)
            record = pledges.get(record_id)
            events = pledges.events(record_id)
            if pledges.get(record_id).version == record.version:
                break
        app = record.application
        names: dict[int, str] = {}
        for pid in (app.agent_id, app.debtor_id):
            if pid is not None:
                try:
                    names[pid] = self.workstation.parties.get(pid).name
                except Exception:
                    names[pid] = f"#{pid}"
        return {"record": record, "events": events, "history": pledges.history(record_id),
                "names": names, "sections": load_sections(self.sections, record_id)}

    def clear(self, several: int = 0) -> None:
        self.record = None
        self.events = []
        self.outcome = None
        super().clear(several)

    def present(self, data: dict[str, Any]) -> None:
        if not shiboken6.isValid(self.heading):  # the page closed while the record was being read
            return
        record: PledgeRecord = data["record"]
        self.record = record
        self.events = list(data["events"])
        self.outcome = current_outcome(self.events)
        lang = self.lang
        app = record.application
        self.heading.setText(record.registration_no or record.application_no)
        badges = [badge_html(status_label(record.status, lang), PLEDGE_STATUS_TONES.get(record.status, "muted")),
                  badge_html(pick(FAMILY_LABELS.get(record.family), lang, record.family), "muted", mark=False)]
        if self.outcome:
            badges.append(badge_html(self.tr("最近审查：{o}").format(o=outcome_label(self.outcome, lang)),
                                     OUTCOME_TONES.get(self.outcome, "muted")))
        if record.is_read_only:
            badges.append(badge_html(self.tr("只读"), "muted"))
        if record.pending is not None:  # maker-checker: a decision prepared, not yet confirmed
            badges.append(badge_html(self.tr("待审核：{kind}（{user} 提交）").format(
                kind=render(f"decision.kind.{record.pending.kind.value}", {}, lang),
                user=record.pending.prepared_by), "warn"))
        self.status.setText("&nbsp;&nbsp;".join(badges))

        names = data.get("names", {})
        fill_facts(self.parties, [
            (self.tr("出质人"), ("、" if lang == "zh" else "; ").join(record.pledgor_names)),
            (self.tr("质权人"), record.pledgee_name),
            (self.tr("债务人"), names.get(app.debtor_id, "") if app.debtor_id else self.tr("同出质人")),
            (self.tr("代理人"), names.get(app.agent_id, "") if app.agent_id else ""),
        ], lang)
        scope = ("、" if lang == "zh" else ", ").join(
            pick(GUARANTEE_SCOPE_LABELS[s], lang) for s in GuaranteeScope if s in app.guarantee_scope)
        fill_facts(self.debt, [
            (self.tr("债权种类"), pick(DEBT_TYPE_LABELS[app.debt_type], lang)),
            (self.tr("担保债权数额"), self.tr("{amount} 元").format(amount=format_money(app.secured_amount))),
            (self.tr("债务履行期限"), format_date(app.performance_deadline)),
            (self.tr("质押期限届满日"), format_date(app.pledge_term_end)),
            (self.tr("担保范围"), scope),
        ], lang)
        rows = []
        for r in record.rights:
            try:
                kind = pick(KIND_LABELS[RightKind(r.kind)], lang)
            except ValueError:
                kind = r.kind
            number = esc(keep_together(r.display_number))  # never "ZL" on one line and the digits on the next
            rows.append(f"<tr><td style='white-space:nowrap'><b>{number}</b>&nbsp;&nbsp;</td>"
                        f"<td>{esc(kind)}&nbsp;&nbsp;</td><td>{esc(r.title)}</td></tr>")
        self.rights.setText("<table cellspacing='0' cellpadding='1'>" + "".join(rows) + "</table>")
        present_sections(self.sections, data.get("sections") or [None] * len(self.sections), record)
        trigger = (pick(CANCELLATION_TRIGGER_LABELS[record.cancellation_trigger], lang)
                   if record.cancellation_trigger else "")
        fill_facts(self.dates, [
            (self.tr("申请号"), record.application_no),
            (self.tr("申请日"), format_date(app.application_date)),
            (self.tr("办结期限"), format_date(record.sla_deadline) if record.status.is_pending else ""),
            (self.tr("补正期限"), format_date(record.correction_deadline)),
            (self.tr("登记号"), record.registration_no or ""),
            (self.tr("登记日（生效日）"), format_date(record.registered_on)),
            (self.tr("不予登记日"), format_date(record.refused_on)),
            (self.tr("注销日"), format_date(record.cancelled_on)),
            (self.tr("注销原因"), trigger),
        ], lang)
        sep = "、" if lang == "zh" else "; "
        docs = sep.join(pick(DOCUMENT_LABELS[d], lang) for d in sorted(app.documents)) or "—"
        clauses = sep.join(pick(CLAUSE_LABELS[c], lang) for c in sorted(app.clauses)) or "—"
        warn = ""
        if Clause.FORFEITURE in app.clauses:
            warn = "<br>" + badge_html(self.tr("合同含流质条款"), "bad")
        waivers = "".join(f"<br>{esc(code)}：{esc(text)}" for code, text in app.waivers.items())
        received, contents, declared = self.tr("已收材料："), self.tr("合同条款："), self.tr("当事人声明：")
        self.papers.setText(f"<b>{esc(received)}</b>{esc(docs)}<br><b>{esc(contents)}</b>{esc(clauses)}{warn}"
                            + (f"<br><b>{esc(declared)}</b>{waivers}" if waivers else ""))
        self._timeline(self.events)
        self.history.set_entries(data["history"])
        self.show_body()
        self.loaded.emit()

    # ---- the events ------------------------------------------------------------------------------

    def _timeline(self, events: list[dict[str, Any]]) -> None:
        while self.timeline.count():
            item = self.timeline.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        display = {r.number: r.display_number for r in self.record.rights} if self.record else {}
        for event in reversed(events):  # newest first, like the audit entries
            label = QLabel(self.event_html(event, display))
            label.setObjectName(f"event_{event['kind']}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            tone = EVENT_TONES.get(event["kind"], "muted")
            color = {"ok": "#2e7d32", "bad": "#c62828", "info": "#1f5f99"}.get(tone, "#cfd8dc")
            label.setStyleSheet(f"border-left: 3px solid {color}; padding-left: 6px;")
            self.timeline.addWidget(label)
        if not events:
            self.timeline.addWidget(QLabel(self.tr("没有记录")))

    def event_html(self, event: dict[str, Any], display: dict[str, str]) -> str:
        lang = self.lang
        kind = event["kind"]
        title = pick(EVENT_TITLES.get(kind), lang, summary_in(event.get("summary") or "", lang) or kind)
        when = format_date(event.get("on")) or format_date(event.get("at"))
        head = f"<b>{esc(when)}</b>&nbsp;&nbsp;<b>{esc(title)}</b>&nbsp;&nbsp;{esc(event.get('actor', ''))}"
        payload = event.get("payload") or {}
        lines: list[str] = []
        summary = event.get("summary") or ""
        if summary and summary != title and kind not in ("examined", "registered", "cancelled", "waiver",
                                                         "correction_notice", "refused"):
            lines.append(esc(summary_in(summary, lang)))
        if kind == "examined" and isinstance(payload, dict):
            outcome = payload.get("outcome", "")
            lines.append(badge_html(outcome_label(outcome, lang), OUTCOME_TONES.get(outcome, "muted")))
            lines.extend(self._findings_html(payload.get("findings", []), display, only_open=False))
        elif kind == "correction_notice" and isinstance(payload, dict):
            lines.append(esc(self.tr("补正期限：{date}").format(date=payload.get("deadline", ""))))
            lines.extend(f"· {esc(localised_finding(f, lang)[1])}" for f in payload.get("items", []))
        elif kind == "refused" and isinstance(payload, dict):
            lines.extend(self._findings_html(payload.get("grounds", []), display, only_open=True))
        elif kind == "registered" and isinstance(payload, dict):
            lines.append(esc(self.tr("登记号 {no}，自 {date} 起生效").format(
                no=payload.get("registration_no", ""), date=format_date(event.get("on")))))
        elif kind == "changed" and isinstance(payload, dict):
            for c in payload.get("changes", []):
                f = c.get("field", "")
                lines.append(f"{esc(field_label(f, lang))}：{esc(value_label(f, c.get('before'), lang))}"
                             f" → {esc(value_label(f, c.get('after'), lang))}")
        elif kind == "extended" and isinstance(payload, dict):
            before, after = payload.get("before", {}), payload.get("after", {})
            for f in ("performance_deadline", "pledge_term_end"):
                if before.get(f) != after.get(f):
                    old, new = esc(before.get(f) or "—"), esc(after.get(f) or "—")
                    lines.append(f"{esc(field_label(f, lang))}：{old} → {new}")
        elif kind == "cured" and isinstance(payload, dict):
            before, after = payload.get("before", {}), payload.get("after", {})
            for f in ("documents", "clauses"):
                added = sorted(set(after.get(f, [])) - set(before.get(f, [])))
                removed = sorted(set(before.get(f, [])) - set(after.get(f, [])))
                if added:
                    lines.append(f"{esc(field_label(f, lang))} +：{esc(value_label(f, added, lang))}")
                if removed:
                    lines.append(f"{esc(field_label(f, lang))} −：{esc(value_label(f, removed, lang))}")
        elif kind == "waiver" and isinstance(payload, dict):
            lines.append(f"{esc(payload.get('code', ''))}：“{esc(payload.get('declaration', ''))}”")
        elif kind == "cancelled" and isinstance(payload, dict):
            lines.append(esc(value_label("trigger", payload.get("trigger", ""), lang)))
        body = "<br>".join(lines)
        return head + (f"<div style='color:#37474f; margin-left:8px'>{body}</div>" if body else "")

    def _findings_html(self, findings: list[dict[str, Any]], display: dict[str, str], only_open: bool) -> list[str]:
        lines = []
        shown = [f for f in findings if not only_open or f.get("status") != "passed"]
        passed = sum(1 for f in findings if f.get("status") == "passed")
        for f in shown:
            if f.get("status") == "passed":
                continue
            status = f.get("status", "")
            right = display.get(f.get("right", ""), f.get("right", ""))
            lines.append(
                f"{badge_html(finding_status_label(status, self.lang), FINDING_TONES.get(status, 'muted'))} "
                f"<b>{esc(f.get('code', ''))}</b> {esc(right)} {esc(localised_finding(f, self.lang)[1])}"
            )
        if passed and not only_open:
            lines.append(esc(self.tr("另有 {n} 项通过").format(n=passed)))
        return lines
