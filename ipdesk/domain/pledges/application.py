"""Pledge applications as plain values: status, secured debt, guarantee scope, documents, contract clauses.

What a clerk enters for a new pledge lives in :class:`PledgeApplication`. Two pure functions work on it:

- :func:`required_documents` — the document checklist, adapted to the case (agent, co-owned right,
  valuation, foreign-language ID, copyrights/marks, prior licences, waived grounds);
- :func:`ipdesk.domain.pledges.validation.validate_application` — every malformed-input problem at once
  (amount, dates, rights, parties, waivers), so nothing half-valid reaches the register; its words are
  registered here.

The examination against the refusal grounds is :mod:`ipdesk.domain.pledges.examination.engine`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from ipdesk.domain.pledges.lifecycle import PledgeStatus as PledgeStatus  # re-exported: callers import it from here
from ipdesk.domain.registry.rights import Right, RightKind
from ipdesk.domain.shared.messages import register, register_labels

CURRENCY = "CNY"
MAX_AMOUNT = Decimal(1000000000000)  # 1 万亿元: anything above is a typing error, not a loan

# Grounds the parties may waive by a recorded declaration (专利权质押登记办法 第十一条第（十）、（十一）项).
WAIVABLE_CODES = frozenset({"P10", "P11"})

PLEDGE_STATUS_LABELS: dict[PledgeStatus, tuple[str, str]] = {
    PledgeStatus.DRAFT: ("草稿", "Draft"),
    PledgeStatus.APPLIED: ("已受理", "Applied"),
    PledgeStatus.CORRECTION: ("待补正", "Awaiting correction"),
    PledgeStatus.REGISTERED: ("已登记", "Registered"),
    PledgeStatus.REFUSED: ("不予登记", "Refused"),
    PledgeStatus.CANCELLED: ("已注销", "Cancelled"),
    PledgeStatus.WITHDRAWN: ("已撤回", "Withdrawn"),
}


class DebtType(enum.StrEnum):
    """Type of the secured debt (被担保债权的种类)."""

    LOAN = "loan"  # 借款
    GUARANTEE = "guarantee"  # 担保 / 反担保 (counter-guarantee to a guarantee agency)
    OTHER = "other"


DEBT_TYPE_LABELS: dict[DebtType, tuple[str, str]] = {
    DebtType.LOAN: ("借款", "Loan"),
    DebtType.GUARANTEE: ("担保/反担保", "Guarantee / counter-guarantee"),
    DebtType.OTHER: ("其他", "Other"),
}


class GuaranteeScope(enum.StrEnum):
    """Items the pledge secures (民法典第三百八十九条; all of them unless the parties agree otherwise)."""

    PRINCIPAL = "principal"  # 主债权
    INTEREST = "interest"  # 利息
    PENALTY = "penalty"  # 违约金
    DAMAGES = "damages"  # 损害赔偿金
    REALISATION_COSTS = "realisation_costs"  # 实现质权的费用
    CUSTODY_COSTS = "custody_costs"  # 保管质押财产的费用


GUARANTEE_SCOPE_LABELS: dict[GuaranteeScope, tuple[str, str]] = {
    GuaranteeScope.PRINCIPAL: ("主债权", "Principal"),
    GuaranteeScope.INTEREST: ("利息", "Interest"),
    GuaranteeScope.PENALTY: ("违约金", "Penalty"),
    GuaranteeScope.DAMAGES: ("损害赔偿金", "Damages"),
    GuaranteeScope.REALISATION_COSTS: ("实现质权的费用", "Costs of realising the pledge"),
    GuaranteeScope.CUSTODY_COSTS: ("保管质押财产的费用", "Custody costs"),
}

DEFAULT_SCOPE = frozenset(GuaranteeScope)


class Document(enum.StrEnum):
    """Documents filed with an application (patents Art. 7; marks: CNIPA guide; copyrights Art. 6)."""

    APPLICATION_FORM = "application_form"
    PLEDGE_CONTRACT = "pledge_contract"
    ID_OR_COMMITMENT = "id_or_commitment"  # identity documents of both parties, or their 承诺书
    POWER_OF_ATTORNEY = "power_of_attorney"
    CO_OWNERS_CONSENT = "co_owners_consent"
    VALUATION_REPORT = "valuation_report"
    ID_TRANSLATION = "id_translation"  # Chinese translation of a foreign-language ID
    MAIN_CONTRACT = "main_contract"
    LICENCE_CONTRACTS = "licence_contracts"  # copyrights licensed before the pledge
    WAIVER_DECLARATION = "waiver_declaration"  # the parties' declaration for a waived ground


DOCUMENT_LABELS: dict[Document, tuple[str, str]] = {
    Document.APPLICATION_FORM: (
        "质押登记申请表（双方签字或盖章）",
        "Application form signed by both parties",
    ),
    Document.PLEDGE_CONTRACT: ("质押合同", "Pledge contract"),
    Document.ID_OR_COMMITMENT: ("双方身份证明或承诺书", "Identity documents or commitment letter"),
    Document.POWER_OF_ATTORNEY: ("委托书（写明委托权限）", "Power of attorney"),
    Document.CO_OWNERS_CONSENT: ("全体共有人同意出质的证明", "Co-owners' consent"),
    Document.VALUATION_REPORT: ("资产评估报告", "Valuation report"),
    Document.ID_TRANSLATION: ("外文身份证明的中文译文", "Chinese translation of the foreign-language ID"),
    Document.MAIN_CONTRACT: ("主合同", "Main contract"),
    Document.LICENCE_CONTRACTS: ("已有的许可使用合同", "Existing licence contracts"),
    Document.WAIVER_DECLARATION: ("当事人仍要求登记的声明", "The parties' declaration for a waived ground"),
}


class Clause(enum.StrEnum):
    """Contents of the pledge contract the clerk ticks off (patents Art. 8; copyrights Art. 7)."""

    PARTIES = "parties"  # names and addresses of the parties
    DEBT = "debt"  # type and amount of the secured debt
    DEADLINE = "deadline"  # the debtor's performance deadline
    RIGHTS_LIST = "rights_list"  # the pledged rights (number, title, dates / term of protection)
    GUARANTEE_SCOPE = "guarantee_scope"
    PLEDGE_TERM = "pledge_term"  # duration of the pledge (copyrights Art. 7)
    FORFEITURE = "forfeiture"  # 流质: right passes to the pledgee on default — a defect (民法典 428)
    ANNUAL_FEE_PAYER = "annual_fee_payer"
    TRANSFER_LICENSING = "transfer_licensing"
    INVALIDATION_HANDLING = "invalidation_handling"
    DISPOSAL_METHOD = "disposal_method"


CLAUSE_LABELS: dict[Clause, tuple[str, str]] = {
    Clause.PARTIES: ("当事人的姓名或名称、地址", "Names and addresses of the parties"),
    Clause.DEBT: ("被担保债权的种类和数额", "Type and amount of the secured debt"),
    Clause.DEADLINE: ("债务人履行债务的期限", "The debtor's performance deadline"),
    Clause.RIGHTS_LIST: ("出质权利的清单（号码、名称、日期或保护期）", "List of the pledged rights"),
    Clause.GUARANTEE_SCOPE: ("质押担保的范围", "Scope of the guarantee"),
    Clause.PLEDGE_TERM: ("质押的期限", "Duration of the pledge"),
    Clause.FORFEITURE: ("流质条款（到期不还则权利归质权人）", "Forfeiture clause (流质)"),
    Clause.ANNUAL_FEE_PAYER: ("质押期间年费的缴纳", "Who pays annual fees during the pledge"),
    Clause.TRANSFER_LICENSING: ("质押期间的转让和许可", "Transfer and licensing during the pledge"),
    Clause.INVALIDATION_HANDLING: ("专利被宣告无效时的处理", "Handling of invalidation"),
    Clause.DISPOSAL_METHOD: ("质押财产的处置方式", "Disposal method"),
}

# Mandatory contract contents per family of rights.
MANDATORY_CLAUSES: dict[str, frozenset[Clause]] = {
    # 专利权质押登记办法（2021）第八条
    "patent": frozenset(
        {Clause.PARTIES, Clause.DEBT, Clause.DEADLINE, Clause.RIGHTS_LIST, Clause.GUARANTEE_SCOPE}
    ),
    # 注册商标专用权质押登记程序规定 (contract contents; article number unverified, see docs/examination.md)
    "trademark": frozenset(
        {Clause.PARTIES, Clause.DEBT, Clause.DEADLINE, Clause.RIGHTS_LIST, Clause.GUARANTEE_SCOPE}
    ),
    # 著作权质权登记办法 第七条: also the scope *and duration* of the pledge
    "copyright": frozenset(
        {
            Clause.PARTIES,
            Clause.DEBT,
            Clause.DEADLINE,
            Clause.RIGHTS_LIST,
            Clause.GUARANTEE_SCOPE,
            Clause.PLEDGE_TERM,
        }
    ),
}


class CancellationTrigger(enum.StrEnum):
    """Why a registered pledge is cancelled (注销) — DOMAIN §1, 2010 Art. 18."""

    REPAID = "repaid"  # paid on time, or repaid early
    REALISED = "realised"  # the pledge right was enforced
    WAIVED = "waived"  # the pledgee waived the pledge
    MAIN_CONTRACT_VOID = "main_contract_void"  # main contract void or revoked
    EXTINGUISHED_BY_LAW = "extinguished_by_law"  # otherwise extinguished by law


CANCELLATION_TRIGGER_LABELS: dict[CancellationTrigger, tuple[str, str]] = {
    CancellationTrigger.REPAID: ("债务人按期履行债务或出质人提前清偿", "Debt repaid (on time or early)"),
    CancellationTrigger.REALISED: ("质权已经实现", "Pledge right realised"),
    CancellationTrigger.WAIVED: ("质权人放弃质权", "Pledgee waived the pledge"),
    CancellationTrigger.MAIN_CONTRACT_VOID: (
        "主合同无效或被撤销致使质押合同无效或被撤销",
        "Main contract void or revoked",
    ),
    CancellationTrigger.EXTINGUISHED_BY_LAW: ("法律规定质权消灭的其他情形", "Otherwise extinguished by law"),
}


def family(kind: RightKind) -> str:
    """``"patent"``, ``"trademark"`` or ``"copyright"``: which set of rules governs a right kind."""
    if kind.is_patent:
        return "patent"
    if kind.is_copyright:
        return "copyright"
    return "trademark"


@dataclass(frozen=True)
class OtherGround:
    """A refusal ground a clerk adds by hand (P12 / TM8 / CR7 "other"), with the reason in words.

    ``right_number`` ties it to one right (the ground then belongs to that right's kind); ``family``
    ("patent", "trademark", "copyright") picks the kind for an application-level ground; if both are
    empty the first kind present in the application (patent, trademark, copyright) is used.
    """

    reason: str
    right_number: str = ""
    family: str = ""


@dataclass(frozen=True)
class PledgeApplication:
    """A pledge application as entered by the clerk (a plain value, checked by ``validate_application``).

    Attributes:
        pledgor_ids: one or more pledgors (a co-owned right may be pledged by several co-owners together).
        debtor_id: the debtor if different from the pledgor (e.g. a third-party pledge); see ``debtor``.
        secured_amount: yuan, Decimal with at most 2 places; currency is always CNY.
        performance_deadline: the debtor's deadline (债务人履行债务的期限).
        pledge_term_end: the pledge registration term for marks / the pledge duration for copyrights.
        right_numbers: canonical numbers (see :mod:`ipdesk.domain.registry.identifiers`), in the order entered.
        documents: documents received; clauses: contents the contract contains (``FORFEITURE`` is a defect).
        licensed_before: a pledged copyright was licensed before the pledge (licence contracts required).
        waivers: ``{ground code: the parties' declaration}`` for waivable grounds (P10, P11).
        other_grounds: refusal grounds the clerk added by hand, each with its reason.
    """

    application_date: date
    pledgor_ids: tuple[int, ...]
    pledgee_id: int
    debt_type: DebtType
    secured_amount: Decimal
    performance_deadline: date
    right_numbers: tuple[str, ...]
    debtor_id: int | None = None
    agent_id: int | None = None
    currency: str = CURRENCY
    pledge_term_end: date | None = None
    guarantee_scope: frozenset[GuaranteeScope] = DEFAULT_SCOPE
    documents: frozenset[Document] = frozenset()
    clauses: frozenset[Clause] = frozenset()
    valuation_declared: bool = False
    foreign_language_id: bool = False
    licensed_before: bool = False
    waivers: Mapping[str, str] = field(default_factory=dict, hash=False)
    other_grounds: tuple[OtherGround, ...] = ()
    notes: str = ""

    def __post_init__(self) -> None:
        # Accept lists, sets and plain strings from parsers; store immutable, typed collections.
        set_ = object.__setattr__
        set_(self, "pledgor_ids", tuple(self.pledgor_ids))
        set_(self, "right_numbers", tuple(self.right_numbers))
        set_(self, "debt_type", DebtType(self.debt_type))
        set_(self, "guarantee_scope", frozenset(GuaranteeScope(s) for s in self.guarantee_scope))
        set_(self, "documents", frozenset(Document(d) for d in self.documents))
        set_(self, "clauses", frozenset(Clause(c) for c in self.clauses))
        set_(self, "waivers", dict(self.waivers))
        set_(
            self,
            "other_grounds",
            tuple(g if isinstance(g, OtherGround) else OtherGround(str(g)) for g in self.other_grounds),
        )

    @property
    def debtor(self) -> int | None:
        """The debtor: ``debtor_id`` if given, else the first pledgor (the usual own-debt pledge)."""
        if self.debtor_id is not None:
            return self.debtor_id
        return self.pledgor_ids[0] if self.pledgor_ids else None

    def waiver_for(self, code: str) -> str:
        """The recorded declaration waiving ``code``, or ``""``."""
        return (self.waivers.get(code) or "").strip()

    def with_documents(self, *docs: Document) -> PledgeApplication:
        return replace(self, documents=self.documents | set(docs))

    def with_clauses(self, *clauses: Clause) -> PledgeApplication:
        return replace(self, clauses=self.clauses | set(clauses))

    def without_clauses(self, *clauses: Clause) -> PledgeApplication:
        return replace(self, clauses=self.clauses - set(clauses))


# --- the document checklist --------------------------------------------------------------------------


def co_owners_not_pledging(app: PledgeApplication, right: Right) -> tuple[int, ...]:
    """Registered co-owners of ``right`` who are not among the pledgors (their consent is needed)."""
    if len(right.owners) < 2:
        return ()
    pledgors = set(app.pledgor_ids)
    return tuple(o.party_id for o in right.owners if o.party_id not in pledgors)


def required_documents(
    app: PledgeApplication, rights: Iterable[Right] | Mapping[str, Right]
) -> set[Document]:
    """The documents this application needs; the checklist adapts to the case.

    Always: application form, pledge contract, ID documents or commitment letter. Plus:
    agent → power of attorney; a co-owned right with a co-owner who is not a pledgor → co-owners'
    consent (co-owners who sign as pledgors consent by signing); valuation declared → valuation report;
    foreign-language ID → translation; a trademark or copyright → main contract; a copyright licensed
    before → licence contracts; a recorded waiver → the parties' declaration.
    """
    rights_list = list(rights.values()) if isinstance(rights, Mapping) else list(rights)
    docs = {Document.APPLICATION_FORM, Document.PLEDGE_CONTRACT, Document.ID_OR_COMMITMENT}
    families = {family(r.kind) for r in rights_list}
    if app.agent_id is not None:
        docs.add(Document.POWER_OF_ATTORNEY)
    if any(co_owners_not_pledging(app, r) for r in rights_list):
        docs.add(Document.CO_OWNERS_CONSENT)
    if app.valuation_declared:
        docs.add(Document.VALUATION_REPORT)
    if app.foreign_language_id:
        docs.add(Document.ID_TRANSLATION)
    if families & {"trademark", "copyright"}:
        docs.add(Document.MAIN_CONTRACT)
    if "copyright" in families and app.licensed_before:
        docs.add(Document.LICENCE_CONTRACTS)
    if any(app.waiver_for(code) for code in app.waivers):
        docs.add(Document.WAIVER_DECLARATION)
    return docs


#: clauses that only some families' contracts have (a trademark contract has no 专利被宣告无效时的处理);
#: the others apply to every family
CLAUSE_FAMILIES: dict[Clause, frozenset[str]] = {
    Clause.ANNUAL_FEE_PAYER: frozenset({"patent"}),
    Clause.INVALIDATION_HANDLING: frozenset({"patent"}),
}


def clauses_for(families: Iterable[str]) -> list[Clause]:
    """The clauses a contract for rights of ``families`` may have, in checklist order (none known yet: all)."""
    fams = set(families)
    return [c for c in Clause if not fams or c not in CLAUSE_FAMILIES or CLAUSE_FAMILIES[c] & fams]


def mandatory_clauses(rights: Iterable[Right] | Mapping[str, Right]) -> set[Clause]:
    """The union of the mandatory contract contents of every kind of right in the application."""
    rights_list = list(rights.values()) if isinstance(rights, Mapping) else list(rights)
    out: set[Clause] = set()
    for fam in {family(r.kind) for r in rights_list}:
        out |= MANDATORY_CLAUSES[fam]
    return out


# --- validation of malformed input ---------------------------------------------------------------------

register(
    {
        "pledge.amount_not_number": (
            "担保债权数额应为数字：{value}",
            "the secured amount must be a number: {value}",
        ),
        "pledge.amount_not_positive": (
            "担保债权数额必须大于零：{value}",
            "the secured amount must be greater than zero: {value}",
        ),
        "pledge.amount_decimals": (
            "担保债权数额最多保留两位小数（到分）：{value}",
            "the secured amount may have at most 2 decimals (fen): {value}",
        ),
        "pledge.amount_too_large": (
            "担保债权数额过大，请检查单位（元）：{value}",
            "the secured amount is implausibly large; check the unit (yuan): {value}",
        ),
        "pledge.currency": (
            "币种只能是人民币（CNY），而不是 {value}",
            "the currency must be CNY, not {value}",
        ),
        "pledge.application_in_future": (
            "申请日 {date} 晚于今天 {today}",
            "the application date {date} is after today {today}",
        ),
        "pledge.application_too_early": (
            "申请日 {date} 早于 {earliest}：当时尚无可出质的知识产权（专利法自 1985 年起施行），请检查年份",
            "the application date {date} is before {earliest}, when no such right could be pledged yet "
            "(the Patent Law dates from 1985): check the year",
        ),
        "pledge.application_before_right": (
            "申请日 {date} 早于 {number} 的{since_label} {since}：权利尚未取得，不能出质",
            "the application date {date} is before the {since_label} of {number} ({since}): the right did not "
            "exist yet and cannot have been pledged",
        ),
        "pledge.deadline_before_application": (
            "债务履行期限 {deadline} 早于申请日 {date}",
            "the performance deadline {deadline} is before the application date {date}",
        ),
        "pledge.term_before_application": (
            "质押期限届满日 {term_end} 早于申请日 {date}",
            "the pledge term end {term_end} is before the application date {date}",
        ),
        "pledge.no_pledgor": ("至少需要一个出质人", "at least one pledgor is required"),
        "pledge.duplicate_pledgor": ("出质人重复：{party}", "pledgor listed twice: {party}"),
        "pledge.unknown_party": (
            "{role}不在当事人名录中：{party}",
            "{role_en} is not a known party: {party}",
        ),
        "pledge.pledgee_is_pledgor": (
            "质权人不能同时是出质人：{party}",
            "the pledgee cannot also be a pledgor: {party}",
        ),
        "pledge.pledgee_is_debtor": (
            "质权人不能同时是债务人：{party}",
            "the pledgee cannot also be the debtor: {party}",
        ),
        "pledge.no_rights": ("至少要出质一项权利", "at least one right must be pledged"),
        "pledge.bad_right_number": (
            "第 {index} 项权利号码无效：{value}",
            "right no. {index} is not valid: {value}",
        ),
        # The number as typed and why it is wrong (nested problems, in the reader's language).
        "pledge.bad_number_value": ("{raw}（{why}）", "{raw} ({why})"),
        "pledge.duplicate_right": ("权利重复出质：{number}", "the same right is listed twice: {number}"),
        "pledge.unknown_right": (
            "登记簿中没有这项权利：{number}（可先登记该权利）",
            "the right is not in the register: {number} (add it to the register first)",
        ),
        "pledge.no_scope": ("担保范围不能为空", "the guarantee scope must not be empty"),
        "pledge.waiver_not_allowed": (
            "“{code}”不是可以声明放弃的事由（只有 P10、P11 可以）",
            "'{code}' cannot be waived (only P10 and P11 can)",
        ),
        "pledge.waiver_empty": (
            "对“{code}”的声明内容不能为空",
            "the declaration waiving '{code}' must not be empty",
        ),
        "pledge.other_ground_empty": (
            "手工添加的不予登记理由不能为空",
            "a refusal ground added by hand needs a reason",
        ),
        "pledge.other_ground_right": (
            "手工添加的理由所指的权利不在本申请中：{number}",
            "the right named by a hand-added ground is not in this application: {number}",
        ),
        "pledge.other_ground_family": (
            "理由所属类别应为 patent、trademark 或 copyright：{value}",
            "the ground's family must be patent, trademark or copyright: {value}",
        ),
    }
)

# How refusals name a pledge and the date a legal date may not precede ("未找到质押：7", "日期 … 早于登记日 …"):
# the catalogue says them in English too.
register_labels({"质押": "pledge", "质押登记": "pledge registration", "登记日": "registration date"})
