"""An application date has a lower bound (not before 1985, not before the pledged right existed), and
problems about parties name them, never by their internal id."""

from __future__ import annotations

from datetime import date

import pytest

from ipdesk.domain.shared.problems import ValidationError
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, application_data, pledge_world

D = date(2026, 11, 17)


def _problems(ws: Workstation, data: dict) -> list:
    with pytest.raises(ValidationError) as err:
        ws.pledges.file(ADMIN, data, received=D)
    return err.value.problems


def test_no_application_date_before_1985_nor_before_the_right_was_granted(workstation: Workstation) -> None:
    world = pledge_world(workstation)  # the invention was granted on 2020-03-10
    [p] = [p for p in _problems(workstation, application_data(world, application_date="1925-11-16"))
           if p.field == "application_date"]
    assert p.code == "pledge.application_too_early" and "1985" in p.message("zh") and "1925-11-16" in p.message()
    [p] = _problems(workstation, application_data(world, application_date="2019-06-30",
                                                  debt={"type": "loan", "amount": "5000000.00",
                                                        "performance_deadline": "2028-11-15"}))
    assert p.code == "pledge.application_before_right" and p.field == "rights[1]"
    assert p.message("zh") == ("申请日 2019-06-30 早于 ZL 201710601862.3 的授权公告日 2020-03-10：权利尚未取得，"
                               "不能出质")
    assert "grant date of ZL 201710601862.3 (2020-03-10)" in p.message("en")
    # The day of the grant announcement is fine.
    rec = workstation.pledges.file(ADMIN, application_data(world, application_date="2020-03-10"), received=D)
    assert rec.application.application_date == date(2020, 3, 10)


def test_a_party_in_two_roles_is_named_not_numbered(workstation: Workstation) -> None:
    world = pledge_world(workstation)
    problems = _problems(workstation, application_data(world, pledgee=world["firm"].uscc))
    [p] = [p for p in problems if p.code == "pledge.pledgee_is_pledgor"]
    assert p.params["party"] == "江苏恒顺新材料科技有限公司"
    assert "江苏恒顺新材料科技有限公司" in p.message("zh") and "江苏恒顺新材料科技有限公司" in p.message("en")
