"""A demo load interrupted after its register (a crash while the demo pledges or accounts are made) is
finished by the next run, as it was planned; a finished load is refused like any non-empty register."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from ipdesk.demo.generator import interrupted_load, load_demo_data
from ipdesk.demo.users import DEMO_PASSWORD, DEMO_USERS
from ipdesk.domain.shared.problems import RuleRefusal
from ipdesk.services.pledges.service import PledgeService
from ipdesk.services.users.service import UserService
from ipdesk.services.workstation import Workstation
from ipdesk.storage.engine import make_engine
from ipdesk.storage.schema import AuditRow, PledgePledgorRow, PledgeRow
from tests.helpers.factories import ADMIN

AS_OF = date(2026, 11, 21)


class PowerCut(BaseException):
    """Not an error the loader could catch: the process stops here."""


def _pledges(engine) -> dict[int, str]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return dict(conn.execute(select(PledgePledgorRow.party_id, PledgeRow.status)
                                 .join(PledgeRow, PledgeRow.id == PledgePledgorRow.pledge_id)).all())


def test_an_interrupted_demo_load_is_finished_by_the_next_run(workstation: Workstation, sqlite_template: Path,
                                                              tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_register = PledgeService.register
    calls = {"n": 0}

    def cut_after_three(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 4:
            raise PowerCut
        return real_register(self, *args, **kwargs)

    monkeypatch.setattr(PledgeService, "register", cut_after_three)
    with pytest.raises(PowerCut):
        load_demo_data(workstation.engine, ADMIN, rights=400, seed=5, as_of=AS_OF, pledges=12, users=True)
    monkeypatch.setattr(PledgeService, "register", real_register)
    assert interrupted_load(workstation.engine) is not None
    assert not UserService(workstation.engine).has_users()

    # The next run (here with other arguments) finishes the first load on its own seed and plan.
    summary = load_demo_data(workstation.engine, ADMIN, rights=10, seed=99)
    assert summary.resumed and summary.seed == 5 and summary.rights == 400 and summary.to_json()["resumed"]
    assert interrupted_load(workstation.engine) is None
    users = UserService(workstation.engine)
    assert all(users.authenticate(name, DEMO_PASSWORD) for name, _r, _k in DEMO_USERS)

    # The same pledges as a load that was never interrupted (the one cut short stays as it was filed).
    clean_path = tmp_path / "clean.sqlite3"
    shutil.copy(sqlite_template, clean_path)
    clean = make_engine(f"sqlite:///{clean_path}")
    load_demo_data(clean, ADMIN, rights=400, seed=5, as_of=AS_OF, pledges=12, users=True)
    resumed, whole = _pledges(workstation.engine), _pledges(clean)
    clean.dispose()
    assert resumed.keys() == whole.keys()
    assert sum(resumed[k] != whole[k] for k in whole) <= 1

    with pytest.raises(RuleRefusal) as err:  # finished: a third run is refused like any non-empty register
        load_demo_data(workstation.engine, ADMIN, rights=10)
    assert err.value.problems[0].code == "demo.not_empty"
    assert workstation.audit.verify().ok
    with workstation.engine.connect() as conn:
        actions = list(conn.execute(select(AuditRow.action).where(AuditRow.action.like("demo.%"))).scalars())
    assert actions == ["demo.load", "demo.complete"]
