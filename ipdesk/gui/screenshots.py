"""Screenshots of the main screens for the docs: ``python -m ipdesk.gui.screenshots [OUT] [zh_CN|en] [--width N]``.

Builds a throwaway SQLite database with the demo data set, opens the window offscreen (no display or
system CJK font needed: the shipped font renders the Chinese), and saves PNGs with ``widget.grab()``. The
window is 1360 px wide unless ``--width`` says (the narrowest desk screen: what fits there fits everywhere);
English goes to ``OUT/en`` with the same file names as the Chinese set.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

#: the docs' window width: the narrowest screen of a clerk's desk
DEFAULT_WIDTH = 1360


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m ipdesk.gui.screenshots")
    parser.add_argument("out", nargs="?", default="docs/screenshots", help="the Chinese set's folder")
    parser.add_argument("locale", nargs="?", default="zh_CN", help="zh_CN (default) or en (into OUT/en)")
    parser.add_argument("--width", type=int, default=DEFAULT_WIDTH, help="the window's width in pixels")
    parser.add_argument("--height", type=int, default=860)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    locale = args.locale
    out = Path(args.out) if locale.startswith("zh") else Path(args.out) / "en"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ipdesk.config import AppConfig, sqlite_url
    from ipdesk.demo.generator import load_demo_data
    from ipdesk.domain.shared.permissions import Actor, Role
    from ipdesk.gui.application import create_application
    from ipdesk.gui.mainwindow import MainWindow
    from ipdesk.gui.settings import Settings, use_settings
    from ipdesk.gui.tasks import runner
    from ipdesk.services.workstation import open_workstation

    tmp = Path(tempfile.mkdtemp(prefix="ipdesk-shots-"))
    use_settings(Settings(QSettings(str(tmp / "ipdesk.ini"), QSettings.Format.IniFormat)))
    app = create_application([], locale=locale, excepthook=False)
    ws = open_workstation(AppConfig(tmp, sqlite_url(tmp / "ipdesk.sqlite3")), Actor("wangli", Role.CLERK),
                          create=True)
    load_demo_data(ws.engine, Actor("system", Role.ADMIN), rights=3000, clock=ws.clock)

    def settle(ms: int = 400) -> None:
        runner().wait(10_000)
        deadline = 0
        while deadline < ms:
            app.processEvents()
            QApplication.processEvents()
            import time

            time.sleep(0.02)
            deadline += 20

    window = MainWindow(ws, remember=False)
    window.resize(args.width, args.height)
    window.show()
    window.show_area("rights")
    page = window.page("rights")
    settle()
    window.grab().save(str(out / "main-window.png"))

    page.search.setText("图像")
    page.search.flush()
    settle(800)  # the search answers from the reader pool: choose among its rows, not the stale ones
    coowned = next(
        (
            r
            for r in range(min(page.model.rowCount(), 200))
            if "；" in str((page.model.row_data(r) or {}).get("owner_names", ""))
        ),
        0,
    )
    page.select_row(coowned)
    settle(800)
    window.grab().save(str(out / "rights-list.png"))
    page.detail.grab().save(str(out / "right-detail.png"))

    parties = window.page("parties")
    window.show_area("parties")
    settle()
    form = parties.open_form(None)
    form.fields["kind"].editor.setCurrentIndex(0)
    form.edits["name"].setText("镇江恒顺新材料科技有限公司")
    form.edits["uscc"].setText("91321100MA1MXXXX4Z")
    form.edits["region"].setText("3211")
    form.edited("uscc")
    form.edited("region")
    form.validate_now()
    form.resize(640, 560)
    settle()
    form.grab().save(str(out / "party-form-error.png"))
    form.submit()
    settle()
    form.grab().save(str(out / "party-form-save-refused.png"))
    form.mark_clean()
    form.close()
    _valuation_shots(ws, window, page, out, settle)
    window.close()
    ws.close()
    print(f"screenshots written to {out}")
    return 0


def _valuation_shots(ws, window, page, out: Path, settle) -> None:  # type: ignore[no-untyped-def]
    """The right's pane with a valuation history and a monitoring entry, and the valuation form refusing a
    future value date (issue 9)."""
    from datetime import timedelta

    from ipdesk.domain.shared.permissions import SYSTEM

    window.show_area("rights")
    page.select_row(0)
    settle(800)
    right_id = page.detail.record_id
    if right_id is None:
        return
    right = ws.rights.get(right_id)
    evaluator = ws.parties.create(SYSTEM, {"kind": "evaluator", "name": "镇江中诚资产评估有限公司",
                                           "uscc": "91321100MA1XJ8RT0K"})
    today = ws.clock.today()
    for value, forced, days in (("4200000", "2500000", 420), ("5600000", "3400000", 20)):
        ws.valuation.add(SYSTEM, {"rights": [right.number], "evaluator": evaluator.id, "method": "income",
                                  "value": value, "forced_sale_value": forced,
                                  "value_date": (today - timedelta(days=days)).isoformat()})
    ws.monitoring.add(SYSTEM, {"right": right.number, "kind": "infringement", "counterparty": "某某机电有限公司",
                               "opened_on": (today - timedelta(days=9)).isoformat()})
    page.detail.reload()
    settle(800)
    page.detail.grab().save(str(out / "right-valuation.png"))
    section = page.detail.sections[0]
    section.view.open_form()
    form = section.view.form
    form.evaluator.set_party(evaluator)
    form.value.setText("6000000")
    form.value_date.setText((today + timedelta(days=3)).isoformat())
    form.resize(600, 540)
    form.submit()
    settle()
    form.grab().save(str(out / "valuation-form-refused.png"))
    form.mark_clean()
    form.close()
    _score_sheet_shots(section.view, out, settle)


def _score_sheet_shots(view, out: Path, settle) -> None:  # type: ignore[no-untyped-def]
    """The value-analysis score sheet filled in (its degrees live), then refusing a score out of range."""
    view.open_score_sheet()
    form = view.score_form
    scores = ["85", "70", "60", "75", "80", "40", "65", "80", "85", "70", "60", "55", "75", "70", "80", "45",
              "60", "90"]
    for edit, score in zip(form.scores.values(), scores, strict=True):
        edit.setText(score)
    form.notes.setPlainText("发明专利，权利要求保护范围较宽；已许可两家企业实施。")
    form.adjustSize()
    settle()
    form.grab().save(str(out / "score-sheet.png"))
    form.scores["market_share"].setText("120")
    form.submit()
    settle()
    form.adjustSize()
    settle()
    form.grab().save(str(out / "score-sheet-refused.png"))
    form.mark_clean()
    form.close()


if __name__ == "__main__":
    sys.exit(main())
