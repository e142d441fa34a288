"""How pledges read on screen: the working days left in words and tones, one table for every page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ipdesk.gui.common.models.badges import TONES
from ipdesk.gui.common.models.lazy_table import BadgeToneRole
from ipdesk.gui.pledges.presentation import (
    DaysLeftLabels,
    DaysLeftTones,
    days_left_text,
    days_left_tone,
    days_left_words,
)
from ipdesk.gui.workbench.workbench_page import PendingModel


def test_days_left_in_words_and_tones() -> None:
    assert days_left_words(-2) == ("逾期 2 个工作日", "2 working days overdue")
    assert days_left_words(-1) == ("逾期 1 个工作日", "1 working day overdue")
    assert days_left_words(0) == ("今天到期", "due today")
    assert days_left_words(1) == ("剩 1 个工作日", "1 working day left")
    assert days_left_words(3) == ("剩 3 个工作日", "3 working days left")
    assert days_left_text(None, "zh") == "" and days_left_text(3, "en") == "3 working days left"
    assert [days_left_tone(d) for d in (-3, 0, 2, None)] == ["bad", "warn", None, None]


def test_the_lazy_tables_lookups_compute_the_same_words_and_tones() -> None:
    labels, tones = DaysLeftLabels(), DaysLeftTones()
    assert labels[-1] == days_left_words(-1) and tones[-1] == "bad" and tones[0] == "warn"
    for missing in (None, True, "3"):  # not a number of days: no label, no tone
        with pytest.raises(KeyError):
            labels[missing]
        with pytest.raises(KeyError):
            tones[missing]
    with pytest.raises(KeyError):
        tones[4]  # plenty of time: plain
    assert labels and tones and len(labels) == 0  # open-ended tables the lazy table still consults


@pytest.mark.parametrize(("lang", "text"), [("zh", "逾期 1 个工作日"), ("en", "1 working day overdue")])
def test_the_workbench_says_it_in_the_readers_language(qtbot, lang: str, text: str) -> None:
    model = PendingModel(lang)
    model.set_rows([{"id": 1, "days_left": -1, "application_no": "ZY2026000001", "status": "applied",
                     "status_value": "applied"}])
    days = model.index(0, 0)
    assert model.data(days) == text and model.data(days, BadgeToneRole) == "bad"
    assert model.data(days, Qt.ItemDataRole.ForegroundRole).color().name() == TONES["bad"][1].lower()
