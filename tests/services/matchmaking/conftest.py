"""A matchmaking world: three firms with their patents, two banks, one event (Zhenjiang's 2009 event, scaled
down), and a counter of the rows a refused command must leave alone."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select

from ipdesk.services.workstation import Workstation
from ipdesk.storage.matchmaking.tables import MatchEventRow, MatchLineRightRow, MatchLineRow
from ipdesk.storage.schema import AuditRow, PledgeRow
from tests.helpers.factories import ADMIN, add_party, invention_data, make_uscc


def patent(serial: int) -> str:
    """A valid invention number (the check digit found by trying)."""
    from ipdesk.domain.registry.identifiers import parse_right_number

    for d in "0123456789X":
        try:
            return parse_right_number(f"ZL 2019102{serial:05d}.{d}").display
        except Exception:
            continue
    raise AssertionError(serial)


@dataclass
class World:
    ws: Workstation
    firms: list[Any]
    banks: list[Any]
    patents: dict[int, list[str]]  # firm index → its patents' numbers
    event: Any

    @property
    def mm(self) -> Any:
        return self.ws.matchmaking

    def line(self, firm: int, bank: int, amount: str, rights: list[str] | None = None, **extra: Any) -> Any:
        data = {"firm": self.firms[firm].uscc, "bank": self.banks[bank].uscc, "amount": amount, "term": "12",
                "rights": rights if rights is not None else self.patents[firm], **extra}
        return self.mm.add_line(ADMIN, self.event.event_no, data).value


@pytest.fixture
def world(workstation: Workstation) -> World:
    firms = [add_party(workstation, name, 30 + i) for i, name in
             enumerate(("江苏恒顺新材料科技有限公司", "镇江天工精密机械有限公司", "丹阳光电科技有限公司"))]
    banks = [workstation.parties.create(ADMIN, {"kind": "bank", "name": name, "uscc": make_uscc(910 + i)})
             for i, name in enumerate(("中国银行股份有限公司镇江分行", "江苏银行股份有限公司镇江分行"))]
    patents: dict[int, list[str]] = {}
    serial = 100
    for i, count in enumerate((2, 1, 2)):
        patents[i] = []
        for _ in range(count):
            serial += 1
            number = patent(serial)
            workstation.rights.create(ADMIN, invention_data([firms[i].id], number, title=f"一种装置 {serial}"))
            patents[i].append(number)
    event = workstation.matchmaking.add_event(ADMIN, {"name": "镇江市银企专利质押对接会", "date": "2026-11-19",
                                                      "organiser": "江苏省知识产权局、镇江市人民政府",
                                                      "region": "江苏省镇江市"}).value
    return World(workstation, firms, banks, patents, event)


def counts(ws: Workstation) -> tuple[int, ...]:
    """Events, lines, their patents, pledges and audit entries: a refused command changes none of them."""
    with ws.engine.connect() as conn:
        return tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()
                     for t in (MatchEventRow, MatchLineRow, MatchLineRightRow, PledgeRow, AuditRow))
