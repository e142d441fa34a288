"""Refusals that name what they are about (a pledge, a right, a party, the registration date) read in
English without Chinese words: the services pass the Chinese word, the catalogue's labels translate it."""

from __future__ import annotations

import re
from datetime import date

import pytest

from ipdesk.domain.shared.problems import DomainError, NotFound, ValidationError
from ipdesk.services.workstation import Workstation
from tests.helpers.factories import ADMIN, application_data, pledge_world

HAN = re.compile(r"[\u3400-\u9fff]")
D = date(2026, 11, 16)


def english(err: pytest.ExceptionInfo[DomainError]) -> str:
    text = "; ".join(err.value.messages("en"))
    assert not HAN.search(text), text
    return text


def test_not_found_names_the_record_in_english(workstation: Workstation) -> None:
    with pytest.raises(NotFound) as err:
        workstation.pledges.get(9999)
    assert english(err) == "pledge not found: 9999"
    assert err.value.messages("zh") == ["未找到质押：9999"]
    with pytest.raises(NotFound) as err:
        workstation.pledges.find("Y2026980000000")
    assert english(err) == "pledge registration not found: Y2026980000000"
    with pytest.raises(NotFound) as err:
        workstation.rights.get(9999)
    assert english(err) == "right not found: 9999"
    with pytest.raises(NotFound) as err:
        workstation.parties.get(9999)
    assert english(err) == "party not found: 9999"


def test_a_date_before_the_registration_says_so_in_english(workstation: Workstation) -> None:
    world = pledge_world(workstation)
    rec = workstation.pledges.file_and_register(ADMIN, application_data(world), on=D)
    with pytest.raises(ValidationError) as err:
        workstation.pledges.cancel(ADMIN, rec.id, "repaid", on=date(2026, 11, 1))
    assert english(err) == "the date 2026-11-01 is before the registration date 2026-11-16"
    assert err.value.messages("zh") == ["日期 2026-11-01 早于登记日 2026-11-16"]
