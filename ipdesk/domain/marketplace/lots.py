"""Lots: a right or a package of rights for sale, or a licence offer; their own checks (values, the reserve,
the licence's terms) and who may list a pledged right (Civil Code 444)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem

register({
    "market.reserve_above_assessed": ("保留价 {reserve} 元高于评估价 {assessed} 元，须说明理由",
                                      "the reserve {reserve} yuan is above the assessed value {assessed} yuan: "
                                      "give a reason"),
    "market.no_rights": ("标的至少包含一项权利", "a lot needs at least one right"),
    "market.right_twice": ("权利 {number} 在标的中出现两次", "right {number} is in the lot twice"),
    "market.right_lapsed": ("{number} 的法律状态为“{status}”，不能挂牌",
                            "{number} is {status_en} and cannot be listed"),
    "market.pledged_needs_case": ("{number} 已质押给 {pledgee}（登记号 {registration_no}）：只能由该质押的处置案件"
                                  "挂牌，或经质权人同意（民法典第四百四十四条）",
                                  "{number} is pledged to {pledgee} ({registration_no}): only the disposal case of "
                                  "that pledge may list it, or the pledgee must consent (Civil Code 444)"),
    "market.pledged_elsewhere": ("{number} 已质押给 {pledgee}（登记号 {registration_no}），卖方 {seller} 不是其质权人",
                                 "{number} is pledged to {pledgee} ({registration_no}); the seller {seller} is not "
                                 "its pledgee"),
    "market.licence_terms": ("许可标的须写明许可方式（独占、排他、普通）与使用费方式（一次性、提成或两者）",
                             "a licence offer needs its kind (exclusive, sole, non-exclusive) and its royalty "
                             "(lump sum, running or both)"),
    "market.licence_royalty": ("使用费方式为“{royalty}”时须填写{label}", "a {royalty} royalty needs the {label_en}"),
})


class LotKind(enum.StrEnum):
    SALE = "sale"
    LICENCE = "licence"


class LicenceKind(enum.StrEnum):
    EXCLUSIVE = "exclusive"  # 独占许可
    SOLE = "sole"  # 排他许可
    NON_EXCLUSIVE = "non_exclusive"  # 普通许可


class Royalty(enum.StrEnum):
    LUMP_SUM = "lump_sum"
    RUNNING = "running"
    BOTH = "both"


class LotStatus(enum.StrEnum):
    LISTED = "listed"  # no auction yet, or the last one failed
    AUCTION = "auction"  # an auction is scheduled or running
    SOLD = "sold"  # a deal stands
    UNSOLD = "unsold"  # every round allowed has failed (以物抵债 or withdraw)
    WITHDRAWN = "withdrawn"


LOT_KIND_LABELS = {LotKind.SALE: ("转让", "Sale"), LotKind.LICENCE: ("许可", "Licence")}
LOT_STATUS_LABELS = {
    LotStatus.LISTED: ("挂牌中", "Listed"), LotStatus.AUCTION: ("竞价中", "In auction"),
    LotStatus.SOLD: ("已成交", "Sold"),
    LotStatus.UNSOLD: ("未成交", "Unsold"), LotStatus.WITHDRAWN: ("已撤回", "Withdrawn"),
}


@dataclass(frozen=True)
class LicenceTerms:
    kind: LicenceKind
    royalty: Royalty
    field_of_use: str = ""
    territory: str = ""
    term_months: int | None = None
    lump_sum: Decimal | None = None
    running_percent: Decimal | None = None

    def problems(self) -> list[Problem]:
        out: list[Problem] = []
        if self.royalty in (Royalty.LUMP_SUM, Royalty.BOTH) and self.lump_sum is None:
            out.append(Problem("market.licence_royalty", "lump_sum", {"royalty": self.royalty.value,
                                                                      "label": "一次性使用费", "label_en": "lump sum"}))
        if self.royalty in (Royalty.RUNNING, Royalty.BOTH) and self.running_percent is None:
            out.append(Problem("market.licence_royalty", "running_percent", {
                "royalty": self.royalty.value, "label": "提成比例", "label_en": "running royalty rate"}))
        return out


def value_problems(assessed: Decimal, reserve: Decimal | None, reserve_reason: str) -> list[Problem]:
    """The lot's values: positive, and a reserve above the assessed value only with a reason."""
    out: list[Problem] = []
    if assessed <= 0:
        out.append(Problem("market.positive", "assessed_value", {"label": "评估价", "value": f"{assessed:.2f}"}))
    if reserve is not None and reserve <= 0:
        out.append(Problem("market.positive", "reserve", {"label": "保留价", "value": f"{reserve:.2f}"}))
    if reserve is not None and reserve > assessed and not reserve_reason.strip():
        out.append(Problem("market.reserve_above_assessed", "reserve",
                           {"reserve": f"{reserve:.2f}", "assessed": f"{assessed:.2f}"}))
    return out


@dataclass(frozen=True)
class PledgeOnRight:
    """The registered pledge a right in a lot is under."""

    number: str
    registration_no: str
    pledgee_id: int
    pledgee: str


def pledge_problem(p: PledgeOnRight, *, seller_id: int | None, seller: str, seller_is_creditor: bool,
                   case_ref: str | None, pledgee_consent: bool) -> Problem | None:
    """Civil Code 444: a pledged right is listed by its pledge's disposal case, by its pledgee (Art. 436) or
    with the pledgee's consent; a seller who is another pledgee is listing a right pledged elsewhere."""
    params = {"number": p.number, "pledgee": p.pledgee, "registration_no": p.registration_no, "seller": seller}
    if seller_id is not None and seller_id == p.pledgee_id:
        return None
    if case_ref or pledgee_consent:
        return None
    if seller_is_creditor:  # a bank or agency selling as a pledgee, but not this right's pledgee
        return Problem("market.pledged_elsewhere", "rights", params)
    return Problem("market.pledged_needs_case", "rights", params)
