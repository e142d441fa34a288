"""A world for risk tests: a firm's invention (fees paid through year 10) pledged to a bank on 2026-11-20,
an evaluator and an insurer; ``scan`` scans and returns the open signals' rules."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, application_data, invention_data, make_uscc, pledge_world


@dataclass
class World:
    ws: Workstation
    firm: Any
    bank: Any
    right: Any
    pledge: Any
    evaluator: Any
    insurer: Any

    def scan(self, **kw: Any) -> set[str]:
        self.ws.risk.scan(**kw)
        return {s.rule for s in self.ws.risk.signals(pledge_id=self.pledge.id)}

    def update_right(self, **changes: Any) -> None:
        self.ws.rights.update(ADMIN, self.right.id, {**invention_data([self.firm.id]), "fees_paid_through": "10",
                                                     **changes})

    def value(self, value: str, on: str = "2026-11-25") -> None:
        self.ws.valuation.add(ADMIN, {"rights": [self.right.display_number], "evaluator": self.evaluator.id,
                                      "method": "income", "value": value, "value_date": on})


@pytest.fixture
def world(workstation: Workstation) -> World:
    ws = workstation
    firm = ws.parties.create(ADMIN, {"kind": "enterprise", "name": "江苏恒顺新材料科技有限公司", "uscc": make_uscc(1)})
    bank = ws.parties.create(ADMIN, {"kind": "bank", "name": "中国银行股份有限公司镇江分行", "uscc": make_uscc(900)})
    right = ws.rights.create(ADMIN, invention_data([firm.id], fees_paid_through="10"))
    base = {"firm": firm, "bank": bank, "right": right}
    pledge = ws.pledges.file_and_register(ADMIN, application_data(base), on=date(2026, 11, 20))
    evaluator = ws.parties.create(ADMIN, {"kind": "evaluator", "name": "镇江中诚资产评估有限公司",
                                          "uscc": make_uscc(700)})
    insurer = ws.parties.create(ADMIN, {"kind": "insurer", "name": "中国人民财产保险股份有限公司镇江市分公司",
                                        "uscc": make_uscc(800)})
    return World(ws, firm, bank, right, pledge, evaluator, insurer)


__all__ = ["World", "pledge_world"]
