"""A batch's serial numbers taken in one update give exactly the numbers one ``next_number`` each would,
and a year that ends mid-block gives its unused numbers back (no gap in either year's serials)."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ipdesk.services.office.settings import SerialBlock, next_number
from ipdesk.storage.schema import CounterRow


def _value(session: Session, year: int) -> int:
    return session.execute(select(CounterRow.value).where(CounterRow.name == "notice", CounterRow.year == year)
                           ).scalar_one()


def test_a_block_takes_the_next_numbers_in_order(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        assert next_number(session, "notice", 2026) == 1
        block = SerialBlock(session, "N{year}-{seq:06d}", 3)
        assert [block.take(2026) for _ in range(3)] == ["N2026-000002", "N2026-000003", "N2026-000004"]
        block.close()
        assert next_number(session, "notice", 2026) == 5  # nothing given back: all were used


def test_a_year_ending_mid_block_gives_the_rest_back(engine: Engine) -> None:
    with Session(engine) as session, session.begin():
        block = SerialBlock(session, "N{year}-{seq:06d}", 4)
        taken = [block.take(2026), block.take(2026), block.take(2027), block.take(2027)]
        block.close()
        assert taken == ["N2026-000001", "N2026-000002", "N2027-000001", "N2027-000002"]
        assert _value(session, 2026) == 2 and _value(session, 2027) == 2
        unused = SerialBlock(session, "N{year}-{seq:06d}", 5)
        assert unused.take(2027) == "N2027-000003"
        unused.close()  # four reserved and not taken: back
        assert next_number(session, "notice", 2027) == 4
