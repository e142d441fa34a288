"""Pledge application values: the adaptive document checklist and validation listing every problem at once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ipdesk.domain.pledges.application import (
    CANCELLATION_TRIGGER_LABELS,
    DEFAULT_SCOPE,
    PLEDGE_STATUS_LABELS,
    CancellationTrigger,
    Clause,
    DebtType,
    Document,
    GuaranteeScope,
    OtherGround,
    PledgeApplication,
    PledgeStatus,
    mandatory_clauses,
    required_documents,
)
from ipdesk.domain.pledges.lifecycle import PLEDGE_LIFECYCLE
from ipdesk.domain.pledges.validation import check_application, parse_amount, validate_application
from ipdesk.domain.registry.rights import Owner, Right, RightKind
from ipdesk.domain.shared.messages import known_codes
from ipdesk.domain.shared.problems import Problem, ValidationError

TODAY = date(2025, 6, 10)
BASE = {Document.APPLICATION_FORM, Document.PLEDGE_CONTRACT, Document.ID_OR_COMMITMENT}
INVENTION = "2017106018623"


def right(kind: RightKind = RightKind.INVENTION, number: str = INVENTION, owners=(1,)) -> Right:
    return Right(
        id=None,
        kind=kind,
        number=number,
        display_number=number,
        title="t",
        owners=tuple(Owner(pid, Decimal(100) / len(owners)) for pid in owners),
    )


def app(**kw) -> PledgeApplication:
    base = {
        "application_date": date(2025, 6, 9),
        "pledgor_ids": (1,),
        "pledgee_id": 2,
        "debt_type": DebtType.LOAN,
        "secured_amount": Decimal("1000000.00"),
        "performance_deadline": date(2026, 6, 30),
        "right_numbers": (INVENTION,),
    }
    base.update(kw)
    return PledgeApplication(**base)


# --- value objects --------------------------------------------------------------------------------------


def test_enums_cover_the_domain():
    transitions = PLEDGE_LIFECYCLE.transitions()
    assert set(PledgeStatus) == set(PLEDGE_STATUS_LABELS) == set(transitions)
    assert {s for s in PledgeStatus if s.is_read_only} == {
        PledgeStatus.REFUSED,
        PledgeStatus.CANCELLED,
        PledgeStatus.WITHDRAWN,
    }
    assert all(not transitions[s] for s in PledgeStatus if s.is_read_only)
    assert len(CancellationTrigger) == 5 == len(CANCELLATION_TRIGGER_LABELS)
    assert len(GuaranteeScope) == 6 and DEFAULT_SCOPE == frozenset(GuaranteeScope)
    assert {d.value for d in DebtType} == {"loan", "guarantee", "other"}
    assert Clause.FORFEITURE.value == "forfeiture"


def test_application_coerces_parsed_values_and_defaults():
    a = app(
        pledgor_ids=[1],
        right_numbers=[INVENTION],
        debt_type="guarantee",
        documents=["pledge_contract"],
        clauses=["parties"],
        guarantee_scope=["principal", "interest"],
        other_grounds=["理由"],
    )
    assert a.pledgor_ids == (1,) and a.right_numbers == (INVENTION,)
    assert a.debt_type is DebtType.GUARANTEE
    assert a.documents == {Document.PLEDGE_CONTRACT} and a.clauses == {Clause.PARTIES}
    assert a.guarantee_scope == {GuaranteeScope.PRINCIPAL, GuaranteeScope.INTEREST}
    assert a.other_grounds == (OtherGround("理由"),)
    assert a.currency == "CNY"
    assert app().debtor == 1  # defaults to the pledgor
    assert app(debtor_id=7).debtor == 7
    assert app().guarantee_scope == DEFAULT_SCOPE


# --- the document checklist -----------------------------------------------------------------------------


def test_checklist_base():
    assert required_documents(app(), [right()]) == BASE


@pytest.mark.parametrize(
    ("kw", "rights", "extra"),
    [
        ({"agent_id": 5}, [right()], {Document.POWER_OF_ATTORNEY}),
        ({}, [right(owners=(1, 3))], {Document.CO_OWNERS_CONSENT}),
        ({"valuation_declared": True}, [right()], {Document.VALUATION_REPORT}),
        ({"foreign_language_id": True}, [right()], {Document.ID_TRANSLATION}),
        ({}, [right(RightKind.SOFTWARE, "2023SR0123456")], {Document.MAIN_CONTRACT}),
        ({}, [right(RightKind.TRADEMARK, "12345678")], {Document.MAIN_CONTRACT}),
        (
            {"licensed_before": True},
            [right(RightKind.COPYRIGHT, "国作登字-2023-A-00123456")],
            {Document.MAIN_CONTRACT, Document.LICENCE_CONTRACTS},
        ),
        ({"licensed_before": True}, [right()], set()),  # licence contracts are a copyright matter
        ({"waivers": {"P11": "仍要求登记"}}, [right()], {Document.WAIVER_DECLARATION}),
    ],
)
def test_checklist_adapts_to_the_case(kw, rights, extra):
    assert required_documents(app(**kw), rights) == BASE | extra


def test_co_owners_who_sign_as_pledgors_need_no_separate_consent():
    assert Document.CO_OWNERS_CONSENT not in required_documents(
        app(pledgor_ids=(1, 3)), [right(owners=(1, 3))]
    )


def test_checklist_accepts_a_mapping_and_combines():
    rights = {INVENTION: right(owners=(1, 3)), "2023SR0123456": right(RightKind.SOFTWARE, "2023SR0123456")}
    docs = required_documents(app(agent_id=5, valuation_declared=True), rights)
    assert docs == BASE | {
        Document.POWER_OF_ATTORNEY,
        Document.CO_OWNERS_CONSENT,
        Document.VALUATION_REPORT,
        Document.MAIN_CONTRACT,
    }


def test_mandatory_clauses_per_kind():
    assert mandatory_clauses([right()]) == {
        Clause.PARTIES,
        Clause.DEBT,
        Clause.DEADLINE,
        Clause.RIGHTS_LIST,
        Clause.GUARANTEE_SCOPE,
    }
    assert Clause.PLEDGE_TERM in mandatory_clauses([right(RightKind.SOFTWARE, "2023SR0123456")])
    assert Clause.FORFEITURE not in mandatory_clauses([right()])


# --- validation -------------------------------------------------------------------------------------------


def test_well_formed_application_has_no_problems():
    assert validate_application(app(), TODAY, {1, 2}) == []
    check_application(app(), TODAY, {1, 2})


def test_every_problem_is_listed_at_once():
    bad = app(
        application_date=date(2025, 6, 12),  # after today
        pledgor_ids=(1, 1, 2),  # duplicate; pledgee among pledgors
        secured_amount=Decimal("-10.005"),  # negative and 3 decimals
        currency="USD",
        performance_deadline=date(2025, 6, 1),  # before the application date
        pledge_term_end=date(2025, 1, 1),
        debtor_id=99,  # unknown party
        agent_id=98,  # unknown party
        right_numbers=(INVENTION, "ZL 201710601862.3", "201710601862.4", "12345678"),
        guarantee_scope=(),
        waivers={"P3": "不行", "P11": " "},
        other_grounds=(
            OtherGround(" "),
            OtherGround("x", right_number="999"),
            OtherGround("y", family="plant"),
        ),
    )
    problems = validate_application(bad, TODAY, {1, 2}, known_right_numbers={INVENTION})
    codes = [p.code for p in problems]
    assert codes == [
        "pledge.amount_not_positive",
        "pledge.amount_decimals",
        "pledge.currency",
        "pledge.application_in_future",
        "pledge.deadline_before_application",
        "pledge.term_before_application",
        "pledge.duplicate_pledgor",
        "pledge.pledgee_is_pledgor",
        "pledge.unknown_party",
        "pledge.unknown_party",
        "pledge.duplicate_right",  # the same patent typed in its display form
        "pledge.bad_right_number",  # wrong check digit
        "pledge.unknown_right",  # the mark is not in the register
        "pledge.no_scope",
        "pledge.waiver_not_allowed",
        "pledge.waiver_empty",
        "pledge.other_ground_empty",
        "pledge.other_ground_right",
        "pledge.other_ground_family",
    ]
    assert {p.field for p in problems if p.code == "pledge.unknown_party"} == {"debtor_id", "agent_id"}
    for p in problems:
        assert p.code in known_codes()
        assert "{" not in p.message("zh") and "{" not in p.message("en")
    assert "代理人" in problems[9].message("zh") and "agent" in problems[9].message("en")
    with pytest.raises(ValidationError) as exc:
        check_application(bad, TODAY, {1, 2}, known_right_numbers={INVENTION})
    assert len(exc.value.problems) == len(problems) and exc.value.exit_code == 2


def test_missing_pledgor_rights_and_non_numeric_amount():
    bad = app(pledgor_ids=(), right_numbers=(), secured_amount="abc")
    codes = [p.code for p in validate_application(bad, TODAY)]
    assert codes == ["pledge.amount_not_number", "pledge.no_pledgor", "pledge.no_rights"]


def test_pledgee_cannot_be_the_debtor_and_unknown_pledgor_is_reported():
    codes = [p.code for p in validate_application(app(debtor_id=2, pledgor_ids=(7,)), TODAY, {1, 2})]
    assert codes == ["pledge.pledgee_is_debtor", "pledge.unknown_party"]


def test_right_numbers_are_validated_through_an_injected_parser():
    def parse(text: str):
        if not text.isdigit():
            raise ValidationError(Problem("number.unknown", "number", {"value": text}))
        return type("N", (), {"number": text.lstrip("0")})()

    problems = validate_application(app(right_numbers=("123", "0123", "abc")), TODAY, parse_number=parse)
    assert [p.code for p in problems] == ["pledge.duplicate_right", "pledge.bad_right_number"]
    assert problems[1].field == "right_numbers[3]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,000,000.00", Decimal("1000000.00")), ("5000000", Decimal(5000000)), (" 12.5 ", Decimal("12.5"))],
)
def test_parse_amount(text, expected):
    assert parse_amount(text) == expected


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("abc", ["pledge.amount_not_number"]),
        ("", ["pledge.amount_not_number"]),
        ("NaN", ["pledge.amount_not_number"]),
        ("-1.234", ["pledge.amount_not_positive", "pledge.amount_decimals"]),
        ("0", ["pledge.amount_not_positive"]),
        ("1e20", ["pledge.amount_too_large"]),
    ],
)
def test_parse_amount_rejects(text, codes):
    with pytest.raises(ValidationError) as exc:
        parse_amount(text)
    assert [p.code for p in exc.value.problems] == codes
