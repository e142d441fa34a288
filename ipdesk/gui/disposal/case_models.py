"""The 处置 area's tables: the cases (stage, deadline coloured when passed, who is responsible), a case's
timeline, its settlement (each waterfall line and each party's share) and a fund's ledger."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ipdesk.domain.disposal.stages import FACT_LABELS, ROUTES, STAGES, Stage
from ipdesk.domain.disposal.waterfall import HEAD_LABELS, Head
from ipdesk.domain.funds.schemes import party_label
from ipdesk.gui.common.models.lazy_table import BadgeToneRole
from ipdesk.gui.common.models.row_list import RowListModel
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.formatting import format_date, format_money

_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

STEP_LABELS: dict[str, tuple[str, str]] = {
    "open": ("启动处置", "opened"), "advance": ("完成阶段", "stage completed"), "reverse": ("撤回", "undone"),
    "recovery": ("事后收回", "recovery"),
}
ENTRY_LABELS: dict[str, tuple[str, str]] = {
    "contribution": ("注资", "contribution"), "compensation": ("补偿", "compensation"),
    "recovery": ("收回", "recovery"),
}


def stage_label(stage: Stage | str, lang: str) -> str:
    return pick(STAGES[Stage(stage)].label, lang)


def case_tone(case: Any) -> str:
    if case.closed_on is not None:
        return "muted"
    if case.overdue_days > 0:
        return "bad"
    return "warn" if case.stage_due_on is not None and case.stage_due_on == case.as_of else "info"


class CasesModel(RowListModel):
    """Case no., pledge, stage, deadline, responsible, route, price (rows: ``CaseRecord``)."""

    columns = (
        ("case_no", "案件编号", "Case no."), ("pledge_no", "质押登记号", "Pledge"), ("pledgors", "出质人", "Pledgor"),
        ("stage", "阶段", "Stage"), ("due", "阶段期限", "Stage due"), ("responsible", "经办人", "Responsible"),
        ("route", "处置方式", "Route"), ("price", "成交价（元）", "Price (yuan)"),
    )

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        case = row["case"]
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "due":
                if case.stage_due_on is None:
                    return "—"
                late = self.lang_text("（逾期 {n} 天）", " ({n} days late)").format(n=case.overdue_days)
                return format_date(case.stage_due_on) + (late if case.overdue_days else "")
            return {
                "case_no": case.case_no, "pledge_no": case.pledge_no, "pledgors": case.pledgor_names,
                "stage": stage_label(case.stage, self.lang), "responsible": case.responsible,
                "route": pick(ROUTES[case.route].label, self.lang) if case.route else "—",
                "price": format_money(case.price) if case.price is not None else "—",
            }.get(key)
        if role == BadgeToneRole and key == "stage":
            return case_tone(case)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if key == "price" else _LEFT
        return None

    def lang_text(self, zh: str, en: str) -> str:
        return en if self.lang == "en" else zh


#: What a step's facts say, in the order shown; ids and dates the row shows already are left out.
_SHOWN: dict[str, tuple[str, str]] = {
    **FACT_LABELS, "amount": ("金额", "amount"), "shares": ("分担方收回", "credited back"),
    "to_fund": ("计入资金池", "to the fund"), "trigger": ("注销原因", "cancelled as"),
}
_MONEY_FACTS = {"market_value", "forced_value", "price", "amount", "to_fund"}


def _facts_text(facts: dict[str, Any] | None, lang: str) -> str:
    if not facts:
        return ""
    parts = []
    for key, label in _SHOWN.items():
        value = facts.get(key)
        if value in (None, "", [], {}):
            continue
        if key == "route" and value in ROUTES:
            value = pick(ROUTES[value].label, lang)
        elif key == "trigger":
            value = "质权实现" if lang != "en" else "pledge realised"
        elif key == "shares" and isinstance(value, dict):
            value = "，".join(f"{party_label(p, lang)} {format_money(v)}" for p, v in value.items())
        elif key in _MONEY_FACTS:
            value = format_money(value)
        parts.append(f"{pick(label, lang)}：{value}")
    if facts.get("transactions"):
        parts.append(("已登记转让 {n} 项" if lang != "en" else "transfers recorded: {n}")
                     .format(n=len(facts["transactions"])))
    return "；".join(str(p) for p in parts)


class TimelineModel(RowListModel):
    """A case's steps, oldest first (rows: the timeline dicts of ``CaseRecord.steps``)."""

    columns = (("on", "日期", "Date"), ("act", "事项", "Act"), ("stages", "阶段", "Stage"),
               ("due", "期限", "Due"), ("responsible", "经办人", "Responsible"), ("facts", "内容", "Details"),
               ("actor", "操作人", "By"))

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "act":
                return pick(STEP_LABELS.get(row["kind"]), self.lang, row["kind"])
            if key == "stages":
                to = stage_label(row["to"], self.lang)
                return f"{stage_label(row['from'], self.lang)} → {to}" if row.get("from") and row["from"] != row[
                    "to"] else to
            if key == "facts":
                text = _facts_text(row.get("facts"), self.lang)
                return "；".join(t for t in (row.get("reason") or "", text) if t)
            if key == "due":
                return row.get("due") or "—"
            return str(row.get(key) or "")
        if role == BadgeToneRole and key == "act":
            return {"reverse": "warn", "recovery": "ok"}.get(row["kind"])
        return None


class SettlementModel(RowListModel):
    """The waterfall: each head with what was owed and what the proceeds paid, then the surplus and the
    shortfall (rows: ``(label, owed, paid)`` dicts)."""

    columns = (("label", "项目", "Line"), ("owed", "应受偿（元）", "Owed (yuan)"),
               ("paid", "实际受偿（元）", "Paid (yuan)"))
    numbered = False

    def set_settlement(self, lines: dict[str, Any] | None) -> None:
        if not lines:
            self.set_rows([])
            return
        rows = [{"label": pick(HEAD_LABELS[Head(h)], self.lang), "owed": lines["claim"][h],
                 "paid": lines["waterfall"][h]} for h in lines["order"]]
        w = lines["waterfall"]
        rows.append({"label": self.tr("返还出质人的余额"), "owed": "", "paid": w["surplus_to_pledgor"]})
        rows.append({"label": self.tr("未受偿（债务人仍应清偿）"), "owed": "", "paid": w["shortfall"]["total"]})
        self.set_rows(rows)

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return row["label"] if key == "label" else (format_money(row[key]) if row[key] != "" else "")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _LEFT if key == "label" else _RIGHT
        return None


class SharesModel(RowListModel):
    """Each party's share of the loss (rows: ``{"party", "amount"}``)."""

    columns = (("party", "分担方", "Party"), ("amount", "分担金额（元）", "Share (yuan)"))

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return party_label(row["party"], self.lang) if key == "party" else format_money(row["amount"])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if key == "amount" else _LEFT
        return None


class LedgerModel(RowListModel):
    """A fund's ledger: each entry with the balance after it (rows: ``Entry``)."""

    columns = (("on", "日期", "Date"), ("kind", "事项", "Entry"), ("amount", "金额（元）", "Amount (yuan)"),
               ("balance", "余额（元）", "Balance (yuan)"), ("case", "处置案件", "Case"),
               ("party", "出资方", "Paid by"))

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        e = row["entry"]
        if role == Qt.ItemDataRole.DisplayRole:
            return {"on": format_date(e.on), "kind": pick(ENTRY_LABELS[e.kind], self.lang),
                    "amount": format_money(e.signed), "balance": format_money(e.balance), "case": e.case_ref or "—",
                    "party": e.party or "—"}.get(key)
        if role == BadgeToneRole and key == "kind":
            return {"contribution": "ok", "compensation": "warn", "recovery": "info"}[e.kind]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if key in ("amount", "balance") else _LEFT
        return None
