"""The services guard every pledge command with the lifecycle: same codes, params and words as before."""

from __future__ import annotations

from datetime import date

import pytest

from ipdesk.domain.pledges.application import Document
from ipdesk.domain.pledges.lifecycle import PLEDGE_LIFECYCLE
from ipdesk.domain.shared.problems import RuleRefusal
from ipdesk.services.pledges.service import PledgeService
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, application_data, pledge_world

D = date(2026, 11, 16)


def refusal(action) -> RuleRefusal:
    with pytest.raises(RuleRefusal) as err:
        action()
    return err.value


def test_wrong_state_and_read_only_refusals_keep_their_words(workstation: Workstation) -> None:
    svc = PledgeService(workstation.engine)
    world = pledge_world(workstation)
    rec = svc.file(ADMIN, application_data(world), received=D)
    wrong = refusal(lambda: svc.change(ADMIN, rec.id, secured_amount="1", on=D))
    problem = wrong.problems[0]
    assert (problem.code, problem.field) == ("pledge.wrong_state", "status")
    assert problem.params == {"status": "已受理", "status_en": "applied", "action": "变更", "action_en": "changed"}
    assert problem.message("zh") == "质押当前状态为“已受理”，不能变更"
    assert problem.message("en") == "the pledge is applied; cannot changed"

    svc.register(ADMIN, rec.id, on=D)
    again = refusal(lambda: svc.cure(ADMIN, rec.id, documents={Document.VALUATION_REPORT}, on=D)).problems[0]
    assert again.message("zh") == "质押当前状态为“已登记”，不能补正"
    other = refusal(lambda: svc.add_other_ground(ADMIN, rec.id, "why", on=D)).problems[0]
    assert other.message("zh") == "质押当前状态为“已登记”，不能审查"

    svc.cancel(ADMIN, rec.id, "repaid", on=D)
    read_only = refusal(lambda: svc.extend(ADMIN, rec.id, date(2029, 1, 1), on=D)).problems[0]
    assert read_only.code == "pledge.read_only"
    assert read_only.message("zh") == "质押已注销，不能再延期"
    assert read_only.message("en") == "the pledge is cancelled; it cannot be extended"
    waived = refusal(lambda: svc.record_waiver(ADMIN, rec.id, "P10", "we know", on=D)).problems[0]
    assert waived.message("zh") == "质押已注销，不能再记录声明"


def test_each_command_records_the_event_its_lifecycle_step_names(workstation: Workstation) -> None:
    """current_outcome reads events by the kinds in the table: the services must write those kinds."""
    svc = PledgeService(workstation.engine)
    world = pledge_world(workstation)
    rec = svc.file(ADMIN, application_data(world), received=D)
    svc.examine(ADMIN, rec.id, as_of=D)
    svc.add_other_ground(ADMIN, rec.id, "why", on=D)
    svc.record_waiver(ADMIN, rec.id, "P10", "we know", on=D)
    svc.cure(ADMIN, rec.id, documents={Document.VALUATION_REPORT}, on=D)
    svc.withdraw(ADMIN, rec.id, on=D)
    kinds = [e["kind"] for e in svc.events(rec.id)]
    steps = ("file", "examine", "other_ground", "waive", "cure", "withdraw")
    assert kinds == [PLEDGE_LIFECYCLE.step(a).event for a in steps]
    assert svc.get(rec.id).status == PLEDGE_LIFECYCLE.after("withdraw")
