"""Monitoring entries' own rules: kinds, dates not in the future, the outcomes each kind allows, the flag."""

from __future__ import annotations

from datetime import date

import pytest

from ipdesk.domain.custody.monitoring import (
    OUTCOMES,
    MonitoringKind,
    Outcome,
    check_closing,
    check_entry,
    flag_after_closing,
    status_after_closing,
)

TODAY = date(2026, 12, 1)


def test_a_good_entry_defaults_to_today() -> None:
    checked, problems = check_entry({"kind": "无效宣告请求", "counterparty": "某某科技有限公司"}, TODAY)
    assert problems == [] and checked is not None
    assert checked.kind is MonitoringKind.INVALIDATION and checked.opened_on == TODAY


@pytest.mark.parametrize(("data", "code"), [
    ({"kind": ""}, "required"),
    ({"kind": "rumour"}, "bad_choice"),
    ({"kind": "litigation", "opened_on": "2026-12-02"}, "monitoring.future_date"),
    ({"kind": "litigation", "opened_on": "soon"}, "bad_date"),
    ({"kind": "litigation", "counterparty": "x" * 201}, "too_long"),
])
def test_bad_entries(data: dict, code: str) -> None:
    assert [p.code for p in check_entry(data, TODAY)[1]] == [code]


def test_closing_outcomes_follow_the_kind() -> None:
    assert OUTCOMES[MonitoringKind.INVALIDATION] >= {Outcome.MAINTAINED, Outcome.INVALIDATED}
    closing, problems = check_closing(MonitoringKind.INVALIDATION, date(2026, 3, 1), {"outcome": "维持有效"}, TODAY)
    assert problems == [] and closing == (Outcome.MAINTAINED, TODAY)
    _, problems = check_closing(MonitoringKind.LITIGATION, date(2026, 3, 1), {"outcome": "maintained"}, TODAY)
    assert [p.code for p in problems] == ["monitoring.outcome_for_kind"]
    assert "a litigation entry cannot close as maintained" in problems[0].message("en")
    _, problems = check_closing(MonitoringKind.LITIGATION, date(2026, 3, 1),
                                {"outcome": "settled", "closed_on": "2026-02-28"}, TODAY)
    assert [p.code for p in problems] == ["monitoring.closed_before_opened"]


def test_the_flag_clears_with_the_last_open_invalidation_request() -> None:
    assert flag_after_closing(MonitoringKind.INVALIDATION, 0, True) is False
    assert flag_after_closing(MonitoringKind.INVALIDATION, 1, True) is True  # another request still pending
    assert flag_after_closing(MonitoringKind.LITIGATION, 0, True) is True  # a lawsuit says nothing about it
    assert status_after_closing(Outcome.INVALIDATED) == "invalidated"
    assert status_after_closing(Outcome.PARTIALLY_INVALIDATED) is None
