"""The pledge lifecycle: one table of action → allowed statuses, extendable as data, and the only one."""

from __future__ import annotations

import ast
import enum
from pathlib import Path

import pytest

from ipdesk.domain.pledges.lifecycle import (
    PLEDGE_LIFECYCLE,
    PledgeStatus,
    Step,
    available_actions,
    current_outcome,
    require,
)
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import RuleRefusal

P = PledgeStatus
ROOT = Path(__file__).resolve().parents[4]


def test_what_each_status_allows() -> None:
    pending = {"examine", "cure", "waive", "other_ground", "withdraw"}
    assert available_actions(P.APPLIED) == available_actions(P.CORRECTION) == pending
    assert available_actions("applied", "register") == pending | {"register"}
    assert available_actions(P.CORRECTION, "refuse") == pending | {"refuse"}
    assert available_actions(P.REGISTERED) == {"change", "extend", "cancel"}
    for final in (P.REFUSED, P.CANCELLED, P.WITHDRAWN):
        assert available_actions(final, "register") == frozenset()
        assert final.is_read_only and not final.is_pending
    assert available_actions(None) == available_actions("nonsense") == frozenset()
    assert {s for s in P if s.is_pending} == {P.DRAFT, P.APPLIED, P.CORRECTION}


def test_transitions_are_derived_from_the_table() -> None:
    assert PLEDGE_LIFECYCLE.transitions() == {
        P.DRAFT: {P.APPLIED},
        P.APPLIED: {P.CORRECTION, P.REGISTERED, P.REFUSED, P.WITHDRAWN},
        P.CORRECTION: {P.APPLIED, P.REGISTERED, P.REFUSED, P.WITHDRAWN},
        P.REGISTERED: {P.CANCELLED},
        P.REFUSED: set(), P.CANCELLED: set(), P.WITHDRAWN: set(),
    }
    assert PLEDGE_LIFECYCLE.after("register") == "registered"
    with pytest.raises(ValueError):
        PLEDGE_LIFECYCLE.after("change")  # changes nothing about the status


def test_require_raises_the_coded_refusal() -> None:
    assert require("cancel", "registered").leads_to is P.CANCELLED
    with pytest.raises(RuleRefusal) as err:
        require("register", P.REGISTERED)
    assert err.value.problems[0].code == "pledge.wrong_state"
    assert err.value.problems[0].message() == "质押当前状态为“已登记”，不能登记"
    with pytest.raises(RuleRefusal) as err:
        require("change", "refused")
    assert err.value.problems[0].code == "pledge.read_only"
    assert err.value.problems[0].message("en") == "the pledge is refused; it cannot be changed"
    with pytest.raises(ValueError):
        require("sell", "registered")


def test_current_outcome_resets_after_actions_that_change_the_application() -> None:
    def examined(outcome: str) -> dict:
        return {"kind": "examined", "payload": {"outcome": outcome}}

    assert current_outcome([]) is None
    assert current_outcome([{"kind": "applied"}, examined("correction")]) == "correction"
    assert current_outcome([examined("correction"), {"kind": "correction_notice"}]) == "correction"
    for action in ("cure", "waive", "other_ground"):
        stale = PLEDGE_LIFECYCLE.step(action).event
        assert current_outcome([examined("refuse"), {"kind": stale}]) is None
        assert current_outcome([examined("refuse"), {"kind": stale}, examined("register")]) == "register"


class Later(enum.StrEnum):
    """The states loans and disposal will add (here only as data)."""

    DEFAULTED = "defaulted"
    IN_DISPOSAL = "in_disposal"
    REALISED = "realised"


def test_loans_and_disposal_extend_the_lifecycle_as_data() -> None:
    register({"pledge.status.in_disposal": ("处置中", "in disposal"),
              "pledge.action.realise": ("变现", "realised")})
    extended = PLEDGE_LIFECYCLE.extended(
        [Step("declare_default", frozenset({P.REGISTERED}), Later.DEFAULTED, "defaulted"),
         Step("cure_default", frozenset({Later.DEFAULTED}), P.REGISTERED, "default_cured"),
         Step("start_disposal", frozenset({Later.DEFAULTED}), Later.IN_DISPOSAL, "disposal_started"),
         Step("realise", frozenset({Later.IN_DISPOSAL}), Later.REALISED, "realised")],
        final={Later.REALISED},
        also_from={"cancel": {Later.DEFAULTED, Later.IN_DISPOSAL}},
    )
    assert extended.available_actions(P.REGISTERED) == {"change", "extend", "cancel", "declare_default"}
    assert extended.available_actions("defaulted") == {"cure_default", "start_disposal", "cancel"}
    assert extended.available_actions(Later.IN_DISPOSAL) == {"realise", "cancel"}
    assert extended.available_actions(Later.REALISED) == frozenset() and extended.is_final("realised")
    assert extended.transitions()[Later.IN_DISPOSAL] == {Later.REALISED, P.CANCELLED}
    assert extended.require("realise", "in_disposal").leads_to is Later.REALISED
    with pytest.raises(RuleRefusal) as err:
        extended.require("realise", "defaulted")
    assert err.value.problems[0].code == "pledge.wrong_state"
    with pytest.raises(RuleRefusal) as err:
        extended.require("cancel", Later.REALISED)
    assert err.value.problems[0].code == "pledge.read_only"
    with pytest.raises(RuleRefusal) as err:
        extended.require("change", Later.IN_DISPOSAL)
    assert err.value.problems[0].message() == "质押当前状态为“处置中”，不能变更"
    # the registration lifecycle itself is untouched
    assert available_actions(P.REGISTERED) == {"change", "extend", "cancel"}
    with pytest.raises(ValueError):  # a final status allows nothing
        PLEDGE_LIFECYCLE.extended(also_from={"cancel": {P.REFUSED}})


def _status_collections(path: Path) -> list[int]:
    """Lines of set / tuple / list literals made only of pledge statuses (members or their values)."""
    values = {s.value for s in PledgeStatus}
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Set, ast.Tuple, ast.List)) and node.elts:
            kinds = []
            for e in node.elts:
                if isinstance(e, ast.Attribute) and e.attr == "value":
                    e = e.value
                if isinstance(e, ast.Attribute) and isinstance(e.value, ast.Name) and e.value.id == "PledgeStatus":
                    kinds.append("member")
                elif isinstance(e, ast.Constant) and e.value in values:
                    kinds.append("value")
                else:
                    kinds.append("")
            if all(kinds) and ("member" in kinds or len(kinds) > 1):
                found.append(node.lineno)
    return found


def test_the_allowed_status_sets_exist_only_in_the_lifecycle() -> None:
    offenders = {}
    for path in (ROOT / "ipdesk").rglob("*.py"):
        rel = str(path.relative_to(ROOT))
        if rel == "ipdesk/domain/pledges/lifecycle.py":
            continue
        text = path.read_text(encoding="utf-8")
        lines = _status_collections(path)
        if "STATUS_TRANSITIONS" in text or lines:
            offenders[rel] = lines
    assert offenders == {}
    assert _status_collections(ROOT / "ipdesk/domain/pledges/lifecycle.py")  # the check does find them
