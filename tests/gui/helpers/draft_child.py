"""The application killed mid-form (issue 15): run as ``python -m tests.gui.helpers.draft_child DB_URL DATA_DIR
USCC NUMBER``; types a pledge application with key events, prints ``DRAFTED <path>`` once the draft is on
disk, then waits to be killed (the parent test sends SIGKILL: no clean-up code runs)."""

from __future__ import annotations

import sys
import time
from pathlib import Path


def main(url: str, data_dir: str, uscc: str, number: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from ipdesk.config import AppConfig
    from ipdesk.domain.shared.permissions import Actor, Role
    from ipdesk.gui.pledges.pledge_application import PledgeApplicationForm
    from ipdesk.services.workstation import Workstation
    from ipdesk.storage.engine import make_engine
    from tests.helpers.clock import fixed_clock

    app = QApplication.instance() or QApplication([])
    ws = Workstation(config=AppConfig(data_dir=Path(data_dir), database_url=url), engine=make_engine(url),
                     actor=Actor("tester", Role.ADMIN), clock=fixed_clock())
    form = PledgeApplicationForm(ws, lang="zh")
    form.show()
    QTest.keyClicks(form.pledgee.line_edit, uscc)
    QTest.keyClicks(form.amount, "1234567.5")
    QTest.keyClicks(form.rights.entries[0].line_edit, number)
    QTest.keyClick(form.rights.entries[0].line_edit, Qt.Key.Key_Return)  # the next right (a field left)
    QTest.keyClicks(form.notes, "kill me")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:  # the draft timer writes within a few seconds
        app.processEvents()
        path = form.drafts.saved_path
        if path is not None and path.exists() and "kill me" in path.read_text(encoding="utf-8"):
            print(f"DRAFTED {path}", flush=True)
            break
        time.sleep(0.05)
    while True:  # typing on; killed from outside
        app.processEvents()
        time.sleep(0.05)


if __name__ == "__main__":
    main(*sys.argv[1:5])
