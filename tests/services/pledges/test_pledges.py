"""Pledge registration services on SQLite and PostgreSQL: the life cycle, read-only rule, Civil Code 444."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipdesk.domain.pledges.application import CancellationTrigger, Document, PledgeStatus
from ipdesk.domain.pledges.examination.engine import FindingStatus, Outcome
from ipdesk.domain.shared.clock import FixedClock
from ipdesk.domain.shared.problems import RuleRefusal, ValidationError
from ipdesk.services.pledges.service import PledgeService
from ipdesk.services.workstation import Workstation
from ipdesk.storage.schema import PledgeRow
from tests.helpers.factories import ADMIN, application_data, invention_data, pledge_world

D = date(2026, 11, 16)


@pytest.fixture
def svc(workstation: Workstation) -> PledgeService:
    return PledgeService(workstation.engine)


def test_full_cycle_file_register_change_extend_cancel(workstation: Workstation, svc: PledgeService) -> None:
    world = pledge_world(workstation)
    rec = svc.file(ADMIN, application_data(world), received=D)
    assert rec.status is PledgeStatus.APPLIED and rec.application_no.startswith("ZY2026")
    assert rec.sla_deadline == date(2026, 11, 23)  # 5 working days after Monday 16 Nov
    result = svc.examine(ADMIN, rec.id, as_of=D)
    assert result.outcome is Outcome.REGISTER
    assert result.status_of("P1", "2017106018623") is FindingStatus.PASSED
    reg = svc.register(ADMIN, rec.id, on=D)
    assert reg.status is PledgeStatus.REGISTERED
    assert reg.registration_no == "Y2026980000001" and reg.registered_on == D
    assert svc.find("Y2026980000001").id == rec.id

    changed = svc.change(ADMIN, rec.id, secured_amount="6000000", on=D)
    assert changed.secured_amount == Decimal("6000000.00")
    extended = svc.extend(ADMIN, rec.id, date(2029, 11, 15), on=D)
    assert extended.application.performance_deadline == date(2029, 11, 15)
    with pytest.raises(RuleRefusal) as err:  # the invention expires 2037-07-24
        svc.extend(ADMIN, rec.id, date(2038, 1, 1), on=D)
    assert "P6" in err.value.problems[0].message()
    # The refusal quotes its grounds as coded problems: they read whole in the reader's language.
    grounds = err.value.problems[0].params["grounds"]
    assert [g.params["code"] for g in grounds] == ["P6"]
    assert "晚于专利权期限届满日" in err.value.messages("zh")[0]
    english = err.value.messages("en")[0]
    assert english.startswith("the extension failed re-examination: P6 ") and not any(
        "\u4e00" <= c <= "\u9fff" for c in english
    )

    cancelled = svc.cancel(ADMIN, rec.id, CancellationTrigger.REPAID, on=date(2026, 11, 19))
    assert cancelled.status is PledgeStatus.CANCELLED
    kinds = [e["kind"] for e in svc.events(rec.id)]
    assert kinds == ["applied", "examined", "registered", "changed", "extended", "cancelled"]
    assert [e.action for e in svc.history(rec.id)][-1] == "pledge.cancel"
    assert workstation.audit.verify().ok


def test_missing_document_gives_correction_then_cure_restarts_clock(
    workstation: Workstation, svc: PledgeService
) -> None:
    world = pledge_world(workstation)
    data = application_data(world, documents=["application_form", "pledge_contract"])
    rec = svc.file(ADMIN, data, received=D)
    result = svc.examine(ADMIN, rec.id, as_of=D)
    assert result.outcome is Outcome.CORRECTION
    assert Document.ID_OR_COMMITMENT in result.missing_documents
    assert svc.get(rec.id).status is PledgeStatus.CORRECTION
    with pytest.raises(RuleRefusal):
        svc.register(ADMIN, rec.id, on=D)
    cured = svc.cure(ADMIN, rec.id, documents={Document.ID_OR_COMMITMENT}, on=date(2026, 11, 20))
    assert cured.status is PledgeStatus.APPLIED
    assert cured.sla_deadline == date(2026, 11, 27)  # clock restarted on Friday 20 Nov
    assert svc.register(ADMIN, rec.id, on=date(2026, 11, 20)).status is PledgeStatus.REGISTERED


def test_refusal_records_grounds_and_pledge_becomes_read_only(workstation: Workstation, svc: PledgeService) -> None:
    world = pledge_world(workstation)
    data = application_data(
        world, clauses=["parties", "debt", "deadline", "rights_list", "guarantee_scope", "forfeiture"]
    )
    rec = svc.file(ADMIN, data, received=D)
    result = svc.examine(ADMIN, rec.id, as_of=D)
    assert result.outcome is Outcome.REFUSE and result.status_of("P7") is FindingStatus.FAILED
    refused = svc.refuse(ADMIN, rec.id, on=D)
    assert refused.status is PledgeStatus.REFUSED and refused.is_read_only
    grounds = svc.events(rec.id)[-1]["payload"]["grounds"]
    assert [g["code"] for g in grounds] == ["P7"]
    for action in (
        lambda: svc.register(ADMIN, rec.id, on=D),
        lambda: svc.examine(ADMIN, rec.id, as_of=D),
        lambda: svc.cancel(ADMIN, rec.id, "repaid", on=D),
        lambda: svc.cure(ADMIN, rec.id, documents={Document.VALUATION_REPORT}, on=D),
    ):
        with pytest.raises(RuleRefusal) as err:
            action()
        assert err.value.problems[0].code == "pledge.read_only"


def test_cancelled_pledge_is_read_only_and_right_can_be_pledged_again(
    workstation: Workstation, svc: PledgeService
) -> None:
    world = pledge_world(workstation)
    first = svc.file(ADMIN, application_data(world), received=D)
    svc.register(ADMIN, first.id, on=D)
    second = svc.file(ADMIN, application_data(world), received=D)
    result = svc.examine(ADMIN, second.id, as_of=D)
    assert result.status_of("P9", "2017106018623") is FindingStatus.FAILED
    svc.cancel(ADMIN, first.id, "repaid", on=D)
    with pytest.raises(RuleRefusal) as err:
        svc.change(ADMIN, first.id, secured_amount="1", on=D)
    assert err.value.problems[0].code == "pledge.read_only"
    assert svc.register(ADMIN, second.id, on=D).status is PledgeStatus.REGISTERED


def test_refuse_needs_a_failed_ground(workstation: Workstation, svc: PledgeService) -> None:
    world = pledge_world(workstation)
    rec = svc.file(ADMIN, application_data(world), received=D)
    with pytest.raises(RuleRefusal) as err:
        svc.refuse(ADMIN, rec.id, on=D)
    assert err.value.problems[0].code == "pledge.not_refusable"


def test_waivable_ground_needs_recorded_declaration(workstation: Workstation, svc: PledgeService) -> None:
    world = pledge_world(workstation)
    workstation.rights.update(ADMIN, world["right"].id, invention_data([world["firm"].id], invalidation_requested="是"))
    rec = svc.file(ADMIN, application_data(world), received=D)
    result = svc.examine(ADMIN, rec.id, as_of=D)
    assert result.status_of("P11", "2017106018623") is FindingStatus.FAILED
    with pytest.raises(ValidationError):
        svc.record_waiver(ADMIN, rec.id, "P11", "   ")
    svc.record_waiver(ADMIN, rec.id, "P11", "双方知悉无效宣告程序，仍要求办理质押登记。", on=D)
    result = svc.examine(ADMIN, rec.id, as_of=D)
    assert result.status_of("P11", "2017106018623") is FindingStatus.WAIVED
    assert svc.register(ADMIN, rec.id, on=D).status is PledgeStatus.REGISTERED


def test_other_ground_added_by_clerk_refuses(workstation: Workstation, svc: PledgeService) -> None:
    world = pledge_world(workstation)
    rec = svc.file(ADMIN, application_data(world), received=D)
    svc.add_other_ground(ADMIN, rec.id, "质押合同签章与备案印鉴不一致", on=D)
    result = svc.examine(ADMIN, rec.id, as_of=D)
    assert result.status_of("P12") is FindingStatus.FAILED
    assert svc.refuse(ADMIN, rec.id, on=D).status is PledgeStatus.REFUSED


def test_malformed_application_lists_every_problem_and_writes_nothing(
    workstation: Workstation, svc: PledgeService
) -> None:
    world = pledge_world(workstation)
    data = application_data(
        world,
        pledgee="不存在的银行",
        debt={"type": "loan", "amount": "-5", "performance_deadline": "2020-01-01"},
        rights=["ZL 201710601862.5", "ZL 201410362077.3"],
    )
    with pytest.raises(ValidationError) as err:
        svc.file(ADMIN, data, received=D)
    codes = {p.code for p in err.value.problems}
    assert {
        "pledge.party_unknown",
        "pledge.bad_right_number",
        "pledge.unknown_right",
        "pledge.amount_not_positive",
        "pledge.deadline_before_application",
    } <= codes
    data = application_data(world, debt={"type": "loan", "amount": "abc", "performance_deadline": "2020-01-01"})
    with pytest.raises(ValidationError) as err:
        svc.file(ADMIN, data, received=D)
    assert {"bad_decimal"} <= {p.code for p in err.value.problems}
    data = application_data(world, debt={"type": "loan", "amount": "100", "performance_deadline": "2020-01-01"})
    with pytest.raises(ValidationError) as err:
        svc.file(ADMIN, data, received=D)
    assert {"pledge.deadline_before_application"} <= {p.code for p in err.value.problems}
    with Session(workstation.engine) as s:
        assert s.execute(select(func.count()).select_from(PledgeRow)).scalar() == 0


def test_transfer_of_pledged_right_needs_consent_and_proceeds_handling(
    workstation: Workstation, svc: PledgeService
) -> None:
    world = pledge_world(workstation)
    rec = svc.file(ADMIN, application_data(world), received=D)
    svc.register(ADMIN, rec.id, on=D)
    with pytest.raises(RuleRefusal) as err:
        svc.record_transaction(ADMIN, "2017106018623", "licence", "镇江某某机械有限公司", on=D)
    assert err.value.problems[0].code == "pledge.consent_required"
    with pytest.raises(ValidationError):
        svc.record_transaction(ADMIN, "2017106018623", "licence", "镇江某某机械有限公司", pledgee_consent=True, on=D)
    svc.record_transaction(
        ADMIN,
        "2017106018623",
        "licence",
        "镇江某某机械有限公司",
        pledgee_consent=True,
        proceeds=Decimal("200000"),
        proceeds_handling="escrow",
        on=D,
    )
    assert svc.events(rec.id)[-1]["kind"] == "licence_consented"


def test_mixed_application_patent_and_mark(workstation: Workstation, svc: PledgeService) -> None:
    world = pledge_world(workstation)
    mark = workstation.rights.create(
        ADMIN,
        {
            "kind": "trademark",
            "number": "12345678",
            "title": "恒顺",
            "registration_date": "2019-05-07",
            "nice_classes": "1",
            "owners": [{"party_id": world["firm"].id, "share": ""}],
        },
    )
    data = application_data(
        world,
        rights=[world["right"].display_number, mark.number],
        documents=[*application_data(world)["documents"], "main_contract"],
    )
    rec = svc.file(ADMIN, data, received=D)
    assert rec.family == "mixed"
    result = svc.examine(ADMIN, rec.id, as_of=D)
    codes = {f.code for f in result.findings}
    assert {"P1", "TM1", "TM4"} <= codes
    assert result.outcome is Outcome.REGISTER, [f.to_json() for f in result.failed + result.corrections]


def test_pledge_list_filters_and_days_left(workstation: Workstation, svc: PledgeService) -> None:
    from ipdesk.services.paging import Query
    from ipdesk.services.pledges.queries import PledgeListSource, workbench

    world = pledge_world(workstation)
    a = svc.file(ADMIN, application_data(world), received=D)
    b = svc.file(ADMIN, application_data(world), received=D)
    svc.register(ADMIN, b.id, on=D)
    src = PledgeListSource(workstation.engine, clock=FixedClock(datetime(2026, 11, 18, 2, 0, tzinfo=UTC)))
    assert src.count(Query()) == 2
    pending = src.page(Query(filters={"pending": "1"}), 0, 10)
    assert [r["id"] for r in pending] == [a.id]
    assert pending[0]["days_left"] == 3  # due Mon 23 Nov; Wed 18 Nov → Thu, Fri, Mon
    assert src.count(Query(search="恒顺")) == 2
    assert src.count(Query(search="ZL 201710601862.3")) == 2
    assert [r["registration_no"] for r in src.page(Query(filters={"status": "registered"}), 0, 10)] == [
        "Y2026980000001"
    ]
    assert src.count(Query(filters={"overdue": "1"})) == 0
    late = PledgeListSource(workstation.engine, clock=FixedClock(datetime(2026, 11, 24, 2, 0, tzinfo=UTC)))
    assert [r["id"] for r in late.page(Query(filters={"overdue": "1"}), 0, 10)] == [a.id]
    board = workbench(workstation.engine, on=date(2026, 11, 24))
    assert [p["id"] for p in board["overdue"]] == [a.id]


def test_file_and_register_is_all_or_nothing(workstation: Workstation, svc: PledgeService) -> None:
    world = pledge_world(workstation)
    first = svc.file_and_register(ADMIN, application_data(world), on=D)
    assert first.status is PledgeStatus.REGISTERED
    with pytest.raises(RuleRefusal):  # the same patent again: P9, and not even the application is kept
        svc.file_and_register(ADMIN, application_data(world), on=D)
    with Session(workstation.engine) as s:
        assert s.execute(select(func.count()).select_from(PledgeRow)).scalar() == 1


def test_legal_dates_cannot_be_in_the_future_or_before_registration(
    workstation: Workstation, svc: PledgeService
) -> None:
    world = pledge_world(workstation)
    rec = svc.file_and_register(ADMIN, application_data(world), on=D)
    with pytest.raises(ValidationError) as err:
        svc.cancel(ADMIN, rec.id, "repaid", on=date(2099, 1, 1))
    assert err.value.problems[0].code == "pledge.date_in_future"
    with pytest.raises(ValidationError) as err:
        svc.cancel(ADMIN, rec.id, "repaid", on=date(2026, 11, 1))
    assert err.value.problems[0].code == "pledge.date_too_early"
    assert svc.get(rec.id).status is PledgeStatus.REGISTERED


def test_extension_of_the_pledge_term_only(workstation: Workstation, svc: PledgeService) -> None:
    world = pledge_world(workstation)
    rec = svc.file_and_register(ADMIN, application_data(world, pledge_term_end="2028-12-31"), on=D)
    with pytest.raises(ValidationError) as err:  # a term end before the performance deadline
        svc.extend(ADMIN, rec.id, new_term_end=date(2027, 1, 1), on=D)
    assert err.value.problems[0].code == "pledge.term_not_later"
    out = svc.extend(ADMIN, rec.id, new_term_end=date(2029, 6, 30), on=D)
    assert out.application.pledge_term_end == date(2029, 6, 30)
    assert out.application.performance_deadline == date(2028, 11, 15)
