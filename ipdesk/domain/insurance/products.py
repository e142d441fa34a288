"""The insurance products, the subsidy classes of firms and the claim lifecycle (DOMAIN.md §9)."""

from __future__ import annotations

import enum


class Product(enum.StrEnum):
    ENFORCEMENT = "enforcement"  # 专利执行保险: the insured's costs of suing an infringer
    INFRINGEMENT_LOSS = "infringement_loss"  # 专利被侵权损失保险
    LIABILITY = "liability"  # 侵犯专利权责任保险: the insured's liability for infringing others
    LOAN_GUARANTEE = "loan_guarantee"  # 知识产权质押融资保证保险: the insurer bears a share of the bad debt


PRODUCT_LABELS: dict[Product, tuple[str, str]] = {
    Product.ENFORCEMENT: ("专利执行保险", "Patent enforcement"),
    Product.INFRINGEMENT_LOSS: ("专利被侵权损失保险", "Infringement loss"),
    Product.LIABILITY: ("侵犯专利权责任保险", "Infringement liability"),
    Product.LOAN_GUARANTEE: ("知识产权质押融资保证保险", "Pledge-loan guarantee"),
}


class SubsidyClass(enum.StrEnum):
    """How the subsidy scheme classes the insured firm (the Beijing pilot: SMEs and champion firms)."""

    SME = "sme"  # 中小企业
    CHAMPION = "champion"  # 领军企业 / 示范企业


SUBSIDY_CLASS_LABELS: dict[SubsidyClass, tuple[str, str]] = {
    SubsidyClass.SME: ("中小企业", "SME"),
    SubsidyClass.CHAMPION: ("领军企业", "Champion firm"),
}


class ClaimStatus(enum.StrEnum):
    """entered → checked → approved / rejected → paid (the openIMIS claim lifecycle, DOMAIN.md §9)."""

    ENTERED = "entered"
    CHECKED = "checked"
    APPROVED = "approved"
    REJECTED = "rejected"
    PAID = "paid"


CLAIM_STATUS_LABELS: dict[ClaimStatus, tuple[str, str]] = {
    ClaimStatus.ENTERED: ("已报案", "Entered"),
    ClaimStatus.CHECKED: ("已审核", "Checked"),
    ClaimStatus.APPROVED: ("已核定", "Approved"),
    ClaimStatus.REJECTED: ("已拒赔", "Rejected"),
    ClaimStatus.PAID: ("已赔付", "Paid"),
}

#: The steps a claim may take from each status (a rejection is possible until it is approved).
CLAIM_STEPS: dict[ClaimStatus, frozenset[ClaimStatus]] = {
    ClaimStatus.ENTERED: frozenset({ClaimStatus.CHECKED, ClaimStatus.REJECTED}),
    ClaimStatus.CHECKED: frozenset({ClaimStatus.APPROVED, ClaimStatus.REJECTED}),
    ClaimStatus.APPROVED: frozenset({ClaimStatus.PAID}),
    ClaimStatus.REJECTED: frozenset(),
    ClaimStatus.PAID: frozenset(),
}
