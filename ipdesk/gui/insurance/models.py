"""Policies, claims and the subsidy summary as tables (money with two places, statuses as badges)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt

from ipdesk.domain.insurance.products import CLAIM_STATUS_LABELS, PRODUCT_LABELS, ClaimStatus
from ipdesk.gui.common.models.lazy_table import BadgeToneRole
from ipdesk.gui.common.models.row_list import RowListModel
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.formatting import format_date, format_money

POLICY_STATUS = {"pending": (("未起保", "not started"), "info"), "active": (("保障中", "in force"), "ok"),
                 "expired": (("已到期", "expired"), "muted")}
CLAIM_TONES = {ClaimStatus.ENTERED: "info", ClaimStatus.CHECKED: "info", ClaimStatus.APPROVED: "warn",
               ClaimStatus.REJECTED: "muted", ClaimStatus.PAID: "ok"}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_MONEY = {"limit", "premium", "subsidy", "insured_pays", "remaining", "claimed", "approved", "paid"}


class PoliciesModel(RowListModel):
    columns = (
        ("policy_no", "保单号", "Policy no."), ("product", "险种", "Product"), ("insurer", "保险人", "Insurer"),
        ("insured", "被保险人", "Insured"), ("rights", "专利数", "Rights"), ("limit", "赔偿限额（元）", "Limit"),
        ("premium", "保费（元）", "Premium"), ("subsidy", "补贴（元）", "Subsidy"),
        ("insured_pays", "企业自付（元）", "Firm pays"), ("term", "保险期间", "Term"), ("status", "状态", "Status"),
        ("remaining", "剩余限额（元）", "Limit left"),
    )

    def set_policies(self, policies: Sequence[Any]) -> None:
        self.set_rows([{"policy": p} for p in policies])

    def policy(self, row: int) -> Any:
        return self.row_data(row)["policy"]

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        p = row["policy"]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "policy_no": p.policy_no, "product": pick(PRODUCT_LABELS[p.product], self.lang),
                "insurer": p.insurer_name, "insured": p.insured_name, "rights": str(len(p.rights)),
                "limit": format_money(p.limit_total), "premium": format_money(p.premium),
                "subsidy": format_money(p.subsidy), "insured_pays": format_money(p.insured_pays),
                "term": f"{format_date(p.start)} – {format_date(p.end)}",
                "status": pick(POLICY_STATUS[p.status][0], self.lang), "remaining": format_money(p.remaining()),
            }.get(key)
        if role == BadgeToneRole and key == "status":
            return POLICY_STATUS[p.status][1]
        if role == Qt.ItemDataRole.ToolTipRole and key == "rights":
            return "\n".join(display for _, display in p.rights)
        if role == Qt.ItemDataRole.TextAlignmentRole and (key in _MONEY or key == "rights"):
            return _RIGHT
        return None


class ClaimsModel(RowListModel):
    columns = (
        ("claim_no", "理赔编号", "Claim no."), ("right", "专利", "Right"), ("on", "报案日", "Filed"),
        ("claimed", "索赔（元）", "Claimed"), ("approved", "核定赔付（元）", "Approved"),
        ("paid", "已赔付（元）", "Paid"),
        ("status", "状态", "Status"), ("case", "案情", "Case"),
    )

    def set_claims(self, claims: Sequence[Any]) -> None:
        self.set_rows([{"claim": c} for c in claims])

    def claim(self, row: int) -> Any:
        return self.row_data(row)["claim"]

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        c = row["claim"]
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "claim_no": c.claim_no, "right": c.right or "—", "on": format_date(c.filed_on),
                "claimed": format_money(c.claimed),
                "approved": format_money(c.approved) if c.approved is not None else "—",
                "paid": format_money(c.paid) if c.paid is not None else "—",
                "status": pick(CLAIM_STATUS_LABELS[c.status], self.lang), "case": c.case_text,
            }.get(key)
        if role == BadgeToneRole and key == "status":
            return CLAIM_TONES[c.status]
        if role == Qt.ItemDataRole.TextAlignmentRole and key in _MONEY:
            return _RIGHT
        return None


class SubsidyModel(RowListModel):
    columns = (
        ("holder", "投保企业", "Policyholder"), ("policies", "保单数", "Policies"),
        ("premium", "保费（元）", "Premium"),
        ("subsidy", "补贴（元）", "Subsidy"), ("insured_pays", "企业自付（元）", "Firm pays"),
    )

    def cell(self, row: dict[str, Any], key: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            value = row.get(key)
            if key in _MONEY:
                from decimal import Decimal

                return format_money(Decimal(value))
            return str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and key != "holder":
            return _RIGHT
        return None
