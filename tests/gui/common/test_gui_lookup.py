"""LatestRead: reads for what the user typed run in the reader pool; only the latest answer is delivered."""

from __future__ import annotations

import time

from PySide6.QtWidgets import QWidget

from ipdesk.gui.common.lookup import LatestRead
from tests.gui.helpers.loading import settle


def test_only_the_answer_to_the_latest_read_is_delivered(qtbot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    read = LatestRead(owner)
    answers: list[str] = []
    started = time.monotonic()
    read.run(lambda: time.sleep(0.3) or "slow, for the older text", answers.append)
    read.run(lambda: "fast, for the latest text", answers.append)
    assert time.monotonic() - started < 0.15  # neither read ran on the GUI thread
    assert read.busy
    settle(qtbot)
    assert answers == ["fast, for the latest text"] and not read.busy


def test_a_cancelled_read_and_a_failed_one_say_nothing_out_of_turn(qtbot) -> None:
    owner = QWidget()
    qtbot.addWidget(owner)
    read = LatestRead(owner)
    answers: list[object] = []
    read.run(lambda: "answer", answers.append)
    read.cancel()  # the field was cleared: its lookup no longer matters
    settle(qtbot)
    assert answers == [] and not read.busy

    def fail() -> str:
        raise RuntimeError("connection reset")

    read.run(fail, answers.append, answers.append)
    settle(qtbot)
    assert len(answers) == 1 and "connection reset" in str(answers[0])


def test_an_answer_for_a_closed_form_is_dropped(qtbot) -> None:
    owner = QWidget()
    read = LatestRead(owner)
    answers: list[str] = []
    read.run(lambda: time.sleep(0.1) or "late", answers.append)
    owner.deleteLater()
    qtbot.wait(10)
    settle(qtbot)
    assert answers == []
