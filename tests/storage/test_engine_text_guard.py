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


@pytest.mark.parametrize("bad", ["恒顺\x00科技", "恒顺\udc00科技"])
def test_a_bulk_write_with_one_bad_text_among_many_is_refused(workstation: Workstation, bad: str) -> None:
    """executemany (an import's path) is checked in one scan of all its texts: one bad cell in the batch."""
    rows = [(f"企业{i}", "enterprise", f"n{i}") for i in range(2000)]
    rows[1234] = (bad, "enterprise", "n1234")
    with pytest.raises(ValidationError), workstation.engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO parties (name, kind, name_key, uscc, id_number, address, contact, phone, "
                             "region, notes, created_at, updated_at, version) VALUES (%s, %s, %s, NULL, '', '', '', "
                             "'', '', '', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)"
                             .replace("%s", "?" if conn.dialect.paramstyle == "qmark" else "%s"), rows)
    with workstation.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(PartyRow)).scalar_one() == 0
