"""Examination against the refusal grounds: each passes and fails; P10/P11 can be waived; DOC → correction."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from ipdesk.domain.pledges.application import (
    MANDATORY_CLAUSES,
    Clause,
    DebtType,
    Document,
    OtherGround,
    PledgeApplication,
)
from ipdesk.domain.pledges.examination.engine import (
    GROUNDS,
    Examination,
    FindingStatus,
    Outcome,
    RegisterSnapshot,
    examine,
    ground_table,
)
from ipdesk.domain.pledges.examination.findings import correction_items
from ipdesk.domain.registry.identifiers.patent import patent_check_digit
from ipdesk.domain.registry.rights import LegalStatus, Owner, Right, RightKind
from ipdesk.domain.registry.trademark_similarity import SimilarityTable, load_similarity_table
from ipdesk.domain.shared.messages import known_codes
from ipdesk.domain.shared.problems import ValidationError
from ipdesk.resources import resource_path

PLEDGOR, PLEDGEE, CO_OWNER, STRANGER, AGENT = 1, 2, 3, 4, 5
AS_OF = date(2025, 6, 10)
BASE_DOCS = frozenset({Document.APPLICATION_FORM, Document.PLEDGE_CONTRACT, Document.ID_OR_COMMITMENT})
ALL_MANDATORY = frozenset().union(*MANDATORY_CLAUSES.values())


def pnum(body: str) -> str:
    return body + patent_check_digit(body)


def owner(pid: int = PLEDGOR, share: str = "100", name: str = "") -> Owner:
    return Owner(
        pid, Decimal(share), name or {1: "青松科技有限公司", 3: "白云研究院", 4: "某某公司"}.get(pid, "")
    )


INVENTION = pnum("201710601862")  # 2017106018623
UTILITY = pnum("202020000001")
TWIN_INVENTION = pnum("202010000001")
MARK = "12345678"
SOFTWARE = "2023SR0123456"


def patent(number: str = INVENTION, **kw) -> Right:
    base = {
        "id": None,
        "kind": RightKind.INVENTION,
        "number": number,
        "display_number": f"ZL {number[:-1]}.{number[-1]}",
        "title": "一种节水灌溉装置",
        "filing_date": date(2017, 8, 1),
        "grant_date": date(2020, 5, 12),
        "owners": (owner(),),
    }
    base.update(kw)
    return Right(**base)


def utility(**kw) -> Right:
    base = {
        "kind": RightKind.UTILITY_MODEL,
        "title": "节水阀",
        "filing_date": date(2020, 3, 2),
        "grant_date": date(2020, 11, 3),
    }
    base.update(kw)
    return patent(UTILITY, **base)


def mark(number: str = MARK, title: str = "青松 QingSong", classes: tuple[int, ...] = (9,), **kw) -> Right:
    base = {
        "id": None,
        "kind": RightKind.TRADEMARK,
        "number": number,
        "display_number": number,
        "title": title,
        "registration_date": date(2018, 5, 7),  # first term ends 2028-05-06
        "nice_classes": classes,
        "owners": (owner(),),
    }
    base.update(kw)
    return Right(**base)


def software(**kw) -> Right:
    base = {
        "id": None,
        "kind": RightKind.SOFTWARE,
        "number": SOFTWARE,
        "display_number": SOFTWARE,
        "title": "青松灌溉控制软件V1.0",
        "registration_date": date(2023, 3, 1),
        "expiry_date": date(2072, 12, 31),
        "owners": (owner(),),
    }
    base.update(kw)
    return Right(**base)


def app(*numbers: str, **kw) -> PledgeApplication:
    base = {
        "application_date": date(2025, 6, 9),
        "pledgor_ids": (PLEDGOR,),
        "pledgee_id": PLEDGEE,
        "debt_type": DebtType.LOAN,
        "secured_amount": Decimal("5000000.00"),
        "performance_deadline": date(2026, 6, 30),
        "pledge_term_end": date(2026, 12, 31),
        "right_numbers": numbers or (INVENTION,),
        "documents": BASE_DOCS | {Document.MAIN_CONTRACT},
        "clauses": ALL_MANDATORY,
    }
    base.update(kw)
    return PledgeApplication(**base)


def run(application: PledgeApplication, *rights: Right, pledged=None, **snap_kw) -> Examination:
    rights = rights or (patent(),)
    return examine(application, RegisterSnapshot.of(rights, pledged, **snap_kw), AS_OF)


def assert_only_failed(ex: Examination, *codes: str) -> None:
    failed = {f.code for f in ex.failed}
    assert failed == set(codes), [f.to_json("en") for f in ex.failed]
    assert ex.outcome is (Outcome.REFUSE if codes else Outcome.REGISTER)


# --- baseline: a clean application of each kind registers -------------------------------------------------


def test_clean_patent_application_registers_with_one_line_per_ground():
    ex = run(app())
    assert ex.outcome is Outcome.REGISTER
    codes = [f.code for f in ex.findings]
    assert codes == [f"P{i}" for i in range(1, 13)] + ["DOC"]
    assert all(f.status is FindingStatus.PASSED for f in ex.findings)
    assert all(f.article for f in ex.findings)
    assert ex.get("P1").article == "《专利权质押登记办法》第十一条第（一）项"
    assert ex.get("P1", INVENTION).right_number == INVENTION
    assert ex.get("P7").right_number == ""  # application-level ground


def test_clean_trademark_and_copyright_applications_register():
    ex = run(app(MARK), mark())
    assert [f.code for f in ex.findings] == [f"TM{i}" for i in range(1, 9)] + ["DOC"]
    assert ex.outcome is Outcome.REGISTER
    ex = run(app(SOFTWARE), software())
    assert [f.code for f in ex.findings] == [f"CR{i}" for i in range(1, 8)] + ["DOC"]
    assert ex.outcome is Outcome.REGISTER


def test_every_finding_has_bilingual_messages_and_json():
    a = app(INVENTION, UTILITY, MARK, SOFTWARE, waivers={"P10": "双方仍要求登记"})
    a = a.with_documents(Document.WAIVER_DECLARATION)
    rights = (patent(), utility(same_day_twin=TWIN_INVENTION), mark(), software())
    ex = run(a, *rights)
    for f in ex.findings:
        assert f.message_code in known_codes(), f.message_code
        assert f"exam.{f.code}" in known_codes()
        zh, en = f.message("zh"), f.message("en")
        assert zh and en and zh != en
        assert "{" not in zh and "{" not in en, (zh, en)
    json.dumps(ex.to_json("zh"), ensure_ascii=False)
    assert ex.to_json("en")["outcome"] == "register"


def test_ground_catalogue_codes_are_stable():
    assert [g["code"] for g in ground_table()] == (
        [f"P{i}" for i in range(1, 13)]
        + [f"TM{i}" for i in range(1, 9)]
        + [f"CR{i}" for i in range(1, 8)]
        + ["DOC"]
    )
    assert {c for c, g in GROUNDS.items() if g.waivable} == {"P10", "P11"}


# --- patents: P1 … P12 ------------------------------------------------------------------------------------

PATENT_FAILURES = [
    ("P1", {"owners": (owner(STRANGER),)}, {}),
    ("P1", {"owners": ()}, {}),
    ("P2", {"legal_status": LegalStatus.TERMINATED}, {}),
    ("P2", {"legal_status": LegalStatus.INVALIDATED}, {}),
    ("P2", {"expiry_date": date(2025, 1, 1)}, {"performance_deadline": date(2024, 12, 1)}),
    ("P3", {"legal_status": LegalStatus.PENDING, "grant_date": None}, {}),
    ("P4", {"legal_status": LegalStatus.LATE_FEE}, {}),
    ("P5", {"ownership_dispute": True}, {}),
    ("P5", {"court_preservation": True}, {}),
    ("P6", {}, {"performance_deadline": date(2037, 8, 1)}),  # invention filed 2017-08-01 ends 2037-07-31
    ("P6", {"expiry_date": None, "filing_date": None}, {}),  # cannot be checked
    ("P8", {"owners": (owner(PLEDGOR, "50"), owner(CO_OWNER, "50"))}, {}),
    ("P11", {"invalidation_requested": True}, {}),
    ("P12", {}, {"other_grounds": (OtherGround("出质人已进入破产清算程序"),)}),
]


@pytest.mark.parametrize(("code", "right_kw", "app_kw"), PATENT_FAILURES)
def test_patent_ground_fails(code, right_kw, app_kw):
    ex = run(app(**app_kw), patent(**right_kw))
    assert_only_failed(ex, code)
    finding = ex.get(code)
    assert finding.status is FindingStatus.FAILED
    assert finding.article.startswith("《专利权质押登记办法》第十一条")
    assert finding.message("zh") and finding.message("en")


def test_p1_passes_for_the_registered_patentee_and_names_the_owner_when_failing():
    assert run(app()).get("P1").status is FindingStatus.PASSED
    f = run(app(), patent(owners=(owner(STRANGER),))).get("P1")
    assert "某某公司" in f.message("zh")


def test_p6_deadline_on_the_expiry_day_passes():
    ex = run(app(performance_deadline=date(2037, 7, 31)))
    assert ex.get("P6").status is FindingStatus.PASSED


def test_p6_uses_recorded_term_adjustment_when_expiry_is_computed():
    right = patent(term_extension_days=30)
    assert run(app(performance_deadline=date(2037, 8, 15)), right).get("P6").status is FindingStatus.PASSED


def test_p7_forfeiture_clause_refuses():
    ex = run(app(clauses=ALL_MANDATORY | {Clause.FORFEITURE}))
    assert_only_failed(ex, "P7")
    assert "流质" in ex.get("P7").message("zh")
    assert "《民法典》第四百二十八条" in ex.get("P7").article


def test_p7_missing_mandatory_contents_is_a_correction_not_a_refusal():
    ex = run(app(clauses=ALL_MANDATORY - {Clause.GUARANTEE_SCOPE}))
    assert ex.get("P7").status is FindingStatus.CORRECTION
    assert ex.outcome is Outcome.CORRECTION
    assert ex.missing_clauses == [Clause.GUARANTEE_SCOPE]
    assert "担保的范围" in ex.get("P7").message("zh")


def test_p8_passes_with_consent_or_when_every_co_owner_pledges():
    co_owned = patent(owners=(owner(PLEDGOR, "50"), owner(CO_OWNER, "50")))
    with_consent = app(documents=BASE_DOCS | {Document.CO_OWNERS_CONSENT})
    assert run(with_consent, co_owned).outcome is Outcome.REGISTER
    both_pledge = app(pledgor_ids=(PLEDGOR, CO_OWNER))
    assert run(both_pledge, co_owned).outcome is Outcome.REGISTER
    failing = run(app(), co_owned)
    assert "白云研究院" in failing.get("P8").message("zh")
    # the missing consent is also listed as a document to file
    assert Document.CO_OWNERS_CONSENT in failing.missing_documents


def test_p9_no_second_pledge():
    ex = run(app(), patent(), pledged={INVENTION: "Y2024980001234"})
    assert_only_failed(ex, "P9")
    assert "Y2024980001234" in ex.get("P9").message("zh")
    assert run(app(), patent(), pledged={"9999999": "Y1"}).get("P9").status is FindingStatus.PASSED


def test_p10_same_day_utility_model_fails_and_can_be_waived():
    um = utility(same_day_twin=TWIN_INVENTION)
    ex = run(app(UTILITY), um)
    assert_only_failed(ex, "P10")
    assert "声明" in ex.get("P10").message("zh")  # tells the clerk it can be waived
    assert "waived" in ex.get("P10").message("en")

    declared = app(
        UTILITY,
        waivers={"P10": "经告知后，双方仍要求办理质押登记"},
        documents=BASE_DOCS | {Document.WAIVER_DECLARATION},
    )
    ex = run(declared, um)
    assert ex.get("P10").status is FindingStatus.WAIVED
    assert ex.outcome is Outcome.REGISTER
    assert "仍要求办理质押登记" in ex.get("P10").message("zh")


def test_p10_applies_only_to_the_utility_model_and_a_blank_declaration_waives_nothing():
    invention_with_twin = patent(same_day_twin=UTILITY)
    assert run(app(), invention_with_twin).get("P10").status is FindingStatus.PASSED
    assert run(app(UTILITY), utility()).get("P10").status is FindingStatus.PASSED
    blank = app(UTILITY, waivers={"P10": "  "})
    assert run(blank, utility(same_day_twin=TWIN_INVENTION)).get("P10").status is FindingStatus.FAILED


def test_p11_invalidation_can_be_waived_but_a_waiver_needs_its_declaration_document():
    right = patent(invalidation_requested=True)
    waived = app(waivers={"P11": "质权人知悉无效宣告请求，仍要求登记"})
    ex = run(waived, right)
    assert ex.get("P11").status is FindingStatus.WAIVED
    assert ex.outcome is Outcome.CORRECTION  # the declaration itself must be filed
    assert ex.missing_documents == [Document.WAIVER_DECLARATION]
    ex = run(waived.with_documents(Document.WAIVER_DECLARATION), right)
    assert ex.outcome is Outcome.REGISTER
    # waiving P11 does not waive P10
    both = patent(invalidation_requested=True)
    ex = run(
        app(UTILITY, waivers={"P11": "x"}, documents=BASE_DOCS | {Document.WAIVER_DECLARATION}),
        utility(same_day_twin=TWIN_INVENTION, invalidation_requested=True),
        both,
    )
    assert ex.get("P10").status is FindingStatus.FAILED and ex.get("P11").status is FindingStatus.WAIVED


def test_p12_other_ground_can_name_a_right():
    a = app(
        INVENTION, UTILITY, other_grounds=(OtherGround("专利权人名称与营业执照不一致", right_number=UTILITY),)
    )
    ex = run(a, patent(), utility())
    f = ex.get("P12")
    assert f.status is FindingStatus.FAILED and f.right_number == UTILITY
    assert f.message("zh") == "专利权人名称与营业执照不一致"


def test_per_right_grounds_give_one_finding_per_right():
    ex = run(app(INVENTION, UTILITY), patent(), utility(legal_status=LegalStatus.LATE_FEE))
    p4 = ex.by_code("P4")
    assert [(f.right_number, f.status) for f in p4] == [
        (INVENTION, FindingStatus.PASSED),
        (UTILITY, FindingStatus.FAILED),
    ]
    assert ex.status_of("P4") is FindingStatus.FAILED
    assert ex.status_of("P4", INVENTION) is FindingStatus.PASSED


# --- trademarks: TM1 … TM8 --------------------------------------------------------------------------------

TRADEMARK_FAILURES = [
    ("TM1", {"owners": (owner(STRANGER),)}, {}),
    ("TM2", {"legal_status": LegalStatus.EXPIRED}, {}),
    ("TM2", {"legal_status": LegalStatus.PENDING}, {}),
    (
        "TM2",
        {"expiry_date": date(2025, 5, 6)},
        {"performance_deadline": date(2025, 5, 1), "pledge_term_end": None},
    ),
    ("TM3", {"court_preservation": True}, {}),
    ("TM5", {}, {"performance_deadline": date(2028, 5, 7)}),
    ("TM5", {}, {"pledge_term_end": date(2028, 6, 1)}),
    ("TM6", {}, {"clauses": ALL_MANDATORY | {Clause.FORFEITURE}}),
    ("TM8", {}, {"other_grounds": (OtherGround("商标正在被转让", family="trademark"),)}),
]


@pytest.mark.parametrize(("code", "right_kw", "app_kw"), TRADEMARK_FAILURES)
def test_trademark_ground_fails(code, right_kw, app_kw):
    ex = run(app(MARK, **app_kw), mark(**right_kw))
    assert_only_failed(ex, code)
    assert ex.get(code).article.startswith("《注册商标专用权质押登记程序规定》")


def test_tm5_renewed_mark_with_recorded_expiry_passes():
    renewed = mark(expiry_date=date(2038, 5, 6))
    ex = run(app(MARK, performance_deadline=date(2030, 1, 1), pledge_term_end=date(2031, 1, 1)), renewed)
    assert ex.get("TM5").status is FindingStatus.PASSED


def test_tm5_message_distinguishes_pledge_term_from_deadline():
    f = run(app(MARK, pledge_term_end=date(2028, 6, 1)), mark()).get("TM5")
    assert f.detail == "term" and "2028-05-06" in f.message("zh")


def test_tm7_no_second_pledge():
    ex = run(app(MARK), mark(), pledged={MARK: "ZC2024-0001"})
    assert_only_failed(ex, "TM7")


# --- bundling (TM4) ---------------------------------------------------------------------------------------

TABLE = load_similarity_table(resource_path("data", "trademark_similarity.json"))


def bundling(*others: Right, pledged_numbers=(MARK,), similarity=TABLE) -> Examination:
    own = [mark()] + list(others)
    return examine(app(*pledged_numbers), RegisterSnapshot.of(own, similarity=similarity), AS_OF)


def test_tm4_similar_mark_on_similar_goods_must_be_pledged_together():
    sibling = mark("23456789", "QINGSONG", (42,))  # same name (case-folded), software services: 9/42 group
    ex = bundling(sibling)
    assert_only_failed(ex, "TM4")
    f = ex.get("TM4", MARK)
    assert f.params["numbers"] == "23456789"
    assert "23456789" in f.message("zh") and "23456789" in f.message("en")
    assert f.article == "《注册商标专用权质押登记程序规定》第三条"


def test_tm4_names_the_co_owners_who_must_join_or_consent():
    sibling = mark("23456789", "青松", (9,), owners=(owner(PLEDGOR, "50"), owner(CO_OWNER, "50", "镇江青松研究院")))
    f = bundling(sibling).get("TM4", MARK)
    assert f.status is FindingStatus.FAILED and f.detail == "co_owned"
    assert "镇江青松研究院" in f.message("zh") and "共有人须作为出质人加入本申请" in f.message("zh")
    assert "镇江青松研究院" in f.message("en") and "join the application" in f.message("en")
    alone = bundling(mark("23456789", "青松", (9,))).get("TM4", MARK)  # owned by the pledgor alone
    assert alone.detail == "" and "共有人" not in alone.message("zh")


def test_tm4_passes_when_the_similar_mark_is_pledged_too():
    sibling = mark("23456789", "青松", (9,))  # contained in "青松QingSong"
    assert bundling(sibling).get("TM4").status is FindingStatus.FAILED
    ex = bundling(sibling, pledged_numbers=(MARK, "23456789"))
    assert ex.outcome is Outcome.REGISTER
    assert [f.status for f in ex.by_code("TM4")] == [FindingStatus.PASSED] * 2


@pytest.mark.parametrize(
    "other",
    [
        mark("23456789", "白云", (9,)),  # different name, same class
        mark("23456789", "青松", (41,)),  # same name, dissimilar class (9 vs 41)
        mark("23456789", "青松", (9,), legal_status=LegalStatus.EXPIRED),  # a dead mark binds nothing
        mark("23456789", "青松", (9,), owners=(owner(STRANGER),)),  # someone else's mark
        mark("23456789", "", (9,)),  # figurative mark: no name to compare
    ],
)
def test_tm4_unrelated_marks_do_not_bind(other):
    assert bundling(other).get("TM4").status is FindingStatus.PASSED


def test_tm4_similarity_groups_are_data():
    sibling = mark("23456789", "青松", (42,))
    assert bundling(sibling, similarity=SimilarityTable.same_class_only()).outcome is Outcome.REGISTER
    custom = SimilarityTable.from_json({"groups": [{"id": "x", "classes": [9, 41]}]})
    assert (
        bundling(mark("23456789", "青松", (41,)), similarity=custom).get("TM4").status is FindingStatus.FAILED
    )


def test_tm4_name_normalisation_ignores_width_case_spaces_and_punctuation():
    sibling = mark("23456789", "ＱＩＮＧ-SONG!", (9,))  # full-width, hyphen, punctuation
    assert bundling(sibling).get("TM4").status is FindingStatus.FAILED


# --- copyrights: CR1 … CR7 --------------------------------------------------------------------------------

COPYRIGHT_FAILURES = [
    ("CR1", {"owners": (owner(STRANGER),)}, {}),
    ("CR2", {"legal_status": LegalStatus.EXPIRED}, {}),
    ("CR2", {"expiry_date": date(2025, 1, 1)}, {"performance_deadline": date(2024, 12, 1)}),
    ("CR3", {"expiry_date": date(2026, 1, 1)}, {}),
    ("CR4", {"ownership_dispute": True}, {}),
    ("CR5", {}, {"clauses": ALL_MANDATORY | {Clause.FORFEITURE}}),
    ("CR7", {"court_preservation": True}, {}),
    ("CR7", {}, {"other_grounds": (OtherGround("作品内容违法", right_number=SOFTWARE),)}),
]


@pytest.mark.parametrize(("code", "right_kw", "app_kw"), COPYRIGHT_FAILURES)
def test_copyright_ground_fails(code, right_kw, app_kw):
    ex = run(app(SOFTWARE, **app_kw), software(**right_kw))
    assert_only_failed(ex, code)
    assert ex.get(code).article.startswith("《著作权质权登记办法》第十二条")


def test_cr3_unrecorded_term_passes_with_a_note():
    f = run(app(SOFTWARE), software(expiry_date=None)).get("CR3")
    assert f.status is FindingStatus.PASSED and f.detail == "unknown"


def test_cr6_no_second_pledge():
    assert_only_failed(run(app(SOFTWARE), software(), pledged={SOFTWARE: "2024-ZQ-0001"}), "CR6")


def test_copyright_needs_pledge_term_clause_and_licence_contracts():
    a = app(SOFTWARE, clauses=MANDATORY_CLAUSES["patent"], licensed_before=True)
    ex = run(a, software())
    assert ex.outcome is Outcome.CORRECTION
    assert ex.missing_clauses == [Clause.PLEDGE_TERM]
    assert ex.missing_documents == [Document.LICENCE_CONTRACTS]
    assert ex.get("CR5").status is FindingStatus.PASSED  # missing contents are a correction, not CR5


# --- completeness (DOC) -----------------------------------------------------------------------------------


def test_missing_document_gives_correction_then_registers_once_filed():
    a = app(agent_id=AGENT, documents=BASE_DOCS)
    ex = run(a)
    assert ex.outcome is Outcome.CORRECTION
    doc = ex.by_code("DOC")
    assert [(f.status, f.params["document"]) for f in doc] == [
        (FindingStatus.CORRECTION, "power_of_attorney")
    ]
    assert doc[0].article == "《专利权质押登记办法》第七条"
    assert "委托书" in doc[0].message("zh")
    assert not ex.failed

    ex = run(a.with_documents(Document.POWER_OF_ATTORNEY))
    assert ex.outcome is Outcome.REGISTER
    assert ex.get("DOC").status is FindingStatus.PASSED


def test_one_doc_finding_per_missing_item():
    a = app(documents=frozenset(), clauses=frozenset(), valuation_declared=True)
    ex = run(a)
    docs = [f.params.get("document") for f in ex.by_code("DOC") if "document" in f.params]
    clauses = [f.params.get("clause") for f in ex.by_code("DOC") if "clause" in f.params]
    assert docs == ["application_form", "pledge_contract", "id_or_commitment", "valuation_report"]
    assert clauses == ["parties", "debt", "deadline", "rights_list", "guarantee_scope"]
    assert ex.outcome is Outcome.CORRECTION


def test_each_family_cites_only_its_own_rules():
    from ipdesk.domain.pledges.application import clauses_for

    ex = run(app(SOFTWARE, documents=BASE_DOCS | {Document.MAIN_CONTRACT}), software())
    doc = ex.get("DOC")
    assert doc.status is FindingStatus.PASSED
    assert "著作权质权登记办法" in doc.article and "专利" not in doc.article and "商标" not in doc.article
    assert Clause.INVALIDATION_HANDLING not in clauses_for({"trademark"})
    assert Clause.ANNUAL_FEE_PAYER not in clauses_for({"copyright"})
    assert Clause.INVALIDATION_HANDLING in clauses_for({"patent", "trademark"})
    assert len(clauses_for(set())) == len(Clause)  # no right known yet: every clause


def test_the_correction_list_names_each_missing_clause_once():
    ex = run(app(clauses=frozenset()))
    assert ex.get("P7").status is FindingStatus.CORRECTION  # the findings table keeps the P7 line
    items = [f.params.get("clause") or f.code for f in ex.corrections]
    assert items == ["parties", "debt", "deadline", "rights_list", "guarantee_scope"]  # DOC, one by one; no P7
    only_p7 = [f for f in ex.findings if f.code == "P7"]
    assert [f.code for f in correction_items(only_p7, lambda f: (f.code, f.params))] == ["P7"]  # nothing else says it


def test_correction_and_refusal_together_refuse_but_keep_the_doc_findings():
    a = app(documents=BASE_DOCS - {Document.PLEDGE_CONTRACT})
    ex = run(a, patent(legal_status=LegalStatus.TERMINATED))
    assert ex.outcome is Outcome.REFUSE
    assert ex.missing_documents == [Document.PLEDGE_CONTRACT]
    assert [f.code for f in ex.failed] == ["P2"]


# --- mixed applications -----------------------------------------------------------------------------------


def test_mixed_application_applies_each_kinds_grounds_to_its_rights():
    rights = (patent(), mark(), software())
    a = app(INVENTION, MARK, SOFTWARE, documents=BASE_DOCS)
    ex = run(a, *rights)
    codes = {f.code for f in ex.findings}
    assert {"P1", "P12", "TM1", "TM8", "CR1", "CR7", "DOC"} <= codes
    assert {f.right_number for f in ex.by_code("P1")} == {INVENTION}
    assert {f.right_number for f in ex.by_code("TM1")} == {MARK}
    assert {f.right_number for f in ex.by_code("CR1")} == {SOFTWARE}
    # the mark and the copyright need the main contract
    assert ex.outcome is Outcome.CORRECTION and ex.missing_documents == [Document.MAIN_CONTRACT]
    assert "《著作权质权登记办法》第六条" in ex.get("DOC").article

    a = a.with_documents(Document.MAIN_CONTRACT)
    assert run(a, *rights).outcome is Outcome.REGISTER

    # a court freeze on the mark refuses the whole application, and only TM3 fails
    ex = run(a, patent(), mark(court_preservation=True), software())
    assert_only_failed(ex, "TM3")
    # a forfeiture clause breaks every kind's contract ground
    ex = run(a.with_clauses(Clause.FORFEITURE), *rights)
    assert_only_failed(ex, "P7", "TM6", "CR5")


def test_application_level_other_ground_goes_to_the_first_kind_present():
    a = app(MARK, SOFTWARE, other_grounds=("材料系伪造",))
    ex = run(a, mark(), software())
    assert_only_failed(ex, "TM8")
    assert ex.get("CR7").status is FindingStatus.PASSED


def test_unknown_right_is_malformed_input():
    with pytest.raises(ValidationError) as exc:
        run(app(INVENTION, "87654321"), patent())
    assert [p.code for p in exc.value.problems] == ["pledge.unknown_right"]
    assert exc.value.exit_code == 2


def test_examination_is_pure_and_repeatable():
    a, rights = app(), (patent(),)
    assert run(a, *rights) == run(a, *rights)
    assert replace(a) == a
