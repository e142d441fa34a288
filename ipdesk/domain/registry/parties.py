"""Parties: pledgors, pledgees, debtors, agencies, insurers, evaluators; who they are and how identified."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime

from ipdesk.domain.shared.changes import NO_CHANGES, Changes
from ipdesk.domain.shared.messages import register_labels


class PartyKind(enum.StrEnum):
    ENTERPRISE = "enterprise"  # 企业
    BANK = "bank"  # 银行
    GUARANTEE = "guarantee"  # 担保机构
    INSURER = "insurer"  # 保险公司
    EVALUATOR = "evaluator"  # 评估机构
    AGENCY = "agency"  # 专利/商标代理机构
    INSTITUTION = "institution"  # 高校、科研院所、事业单位
    INDIVIDUAL = "individual"  # 自然人
    FOREIGN = "foreign"  # 境外主体


PARTY_KIND_LABELS: dict[PartyKind, tuple[str, str]] = {
    PartyKind.ENTERPRISE: ("企业", "Enterprise"),
    PartyKind.BANK: ("银行", "Bank"),
    PartyKind.GUARANTEE: ("担保机构", "Guarantee agency"),
    PartyKind.INSURER: ("保险公司", "Insurer"),
    PartyKind.EVALUATOR: ("评估机构", "Evaluator"),
    PartyKind.AGENCY: ("代理机构", "IP agency"),
    PartyKind.INSTITUTION: ("高校/科研院所", "University / institute"),
    PartyKind.INDIVIDUAL: ("自然人", "Individual"),
    PartyKind.FOREIGN: ("境外主体", "Foreign party"),
}

# Kinds identified by a USCC (统一社会信用代码); individuals and foreign parties use id_number instead.
USCC_KINDS = frozenset(set(PartyKind) - {PartyKind.INDIVIDUAL, PartyKind.FOREIGN})


@dataclass(frozen=True)
class Party:
    """A party in the register.

    Attributes:
        uscc: normalised 18-character USCC for organisations; ``""`` for individuals / foreign parties.
        id_number: ID card or passport number for individuals and foreign parties.
    """

    id: int | None
    kind: PartyKind
    name: str
    uscc: str = ""
    id_number: str = ""
    address: str = ""
    contact: str = ""
    phone: str = ""
    region: str = ""  # administrative division code (6 digits), for statistics
    notes: str = ""
    version: int = 1
    created_at: datetime | None = None
    updated_at: datetime | None = None
    #: What the command that returned this record changed (empty when read).
    changes: Changes = field(default=NO_CHANGES, compare=False, repr=False)

# How refusals name a party ("未找到当事人：7"): the catalogue says it in English too.
register_labels({"当事人": "party"})
