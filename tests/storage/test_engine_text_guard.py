"""The engines refuse text no database can store (NUL: PostgreSQL; lone surrogates: both) as bad input
before the statement is sent, whichever service or form it came from; nothing is written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from ipdesk.domain.shared.problems import ValidationError
from ipdesk.services.workstation import Workstation
from ipdesk.storage.schema import PartyRow
from tests.helpers.factories import ADMIN, party_data


@pytest.mark.parametrize("bad, code", [("恒顺\x00科技有限公司", "input.nul"),
                                       ("恒顺\ud800科技有限公司", "input.surrogate")])
def test_unstorable_text_is_bad_input_on_both_engines(workstation: Workstation, bad: str, code: str) -> None:
    with pytest.raises(ValidationError) as err:
        workstation.parties.create(ADMIN, party_data(name=bad))
    assert [p.code for p in err.value.problems] == [code]
    assert "NUL" in err.value.problems[0].message("en") or "not valid text" in err.value.problems[0].message("en")
    with workstation.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(PartyRow)).scalar_one() == 0
    # A number typed into a lookup is a statement parameter too: refused, not a database error.
    with pytest.raises(ValidationError) as err:
        workstation.pledges.find(bad)
    assert [p.code for p in err.value.problems] == [code]
