"""Start-up stays lazy (issue 14 item 5): the window shows the register's first page without importing the
other areas' pages, services and tables, Alembic (the schema is at head) or the PDF and spreadsheet libraries."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ipdesk.config import AppConfig
from ipdesk.services.workstation import Workstation
from ipdesk.storage.engine import make_engine
from tests.helpers.factories import ADMIN, add_party, invention_data

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[3]

# The window as ``ipdesk`` opens it, until the rights table shows rows; then the modules it imported.
CHILD = r"""
import json, os, sys
from pathlib import Path
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QTableView
from ipdesk.config import AppConfig
from ipdesk.gui.app import create_application
from ipdesk.gui.settings import Settings, use_settings

data = Path(sys.argv[2])
use_settings(Settings(QSettings(str(data / "ipdesk.ini"), QSettings.Format.IniFormat)))
app = create_application([], excepthook=False)
from ipdesk.gui.mainwindow import MainWindow
from ipdesk.services.workstation import open_workstation

window = MainWindow(open_workstation(AppConfig(data, sys.argv[1], "zh")))
window.show()


def shown():
    rows = [v.model().rowCount() for v in window.findChildren(QTableView) if v.isVisible() and v.model()]
    if any(rows):
        print(json.dumps({"area": window.current_area(), "rows": max(rows), "modules": sorted(sys.modules)}))
        app.exit(0)


timer = QTimer()
timer.timeout.connect(shown)
timer.start(10)
QTimer.singleShot(60_000, lambda: app.exit(1))
sys.exit(app.exec())
"""

# Each of these belongs to another area, to a command or to a migration, not to the first page.
NOT_AT_START = (
    "alembic", "reportlab", "openpyxl", "segno", "pypdf", "pypdfium2", "PySide6.QtCharts",
    "sqlalchemy.dialects.postgresql",  # on SQLite: the partial indexes' PostgreSQL clause waits for load_all
    "ipdesk.reports", "ipdesk.demo", "ipdesk.services.disposal", "ipdesk.services.statistics",
    "ipdesk.services.marketplace", "ipdesk.services.matchmaking", "ipdesk.services.notices",
    "ipdesk.services.pledges", "ipdesk.services.loans", "ipdesk.services.risk", "ipdesk.services.insurance",
    "ipdesk.services.custody", "ipdesk.services.valuation", "ipdesk.services.funds",
    "ipdesk.services.registry.imports", "ipdesk.gui.workbench", "ipdesk.gui.pledges", "ipdesk.gui.disposal",
    "ipdesk.gui.statistics", "ipdesk.gui.marketplace", "ipdesk.gui.audit",
    # the later contexts' tables: mapped by their services or the first write (ipdesk.storage.schema.load_all)
    "ipdesk.storage.disposal", "ipdesk.storage.marketplace", "ipdesk.storage.loans", "ipdesk.storage.insurance",
)


def test_the_window_starts_on_the_register_without_the_other_areas(sqlite_template: Path, tmp_path: Path) -> None:
    path = tmp_path / "ipdesk.sqlite3"
    shutil.copy(sqlite_template, path)
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    ws = Workstation(config=AppConfig(tmp_path / "data", url), engine=engine, actor=ADMIN)
    owner = add_party(ws)
    ws.rights.create(ADMIN, invention_data([owner.id]))
    engine.dispose()

    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", IPDESK_DATA_DIR=str(tmp_path / "data"))
    out = subprocess.run([sys.executable, "-c", CHILD, url, str(tmp_path / "data")], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    started = json.loads(out.stdout.strip().splitlines()[-1])
    assert started["area"] == "rights" and started["rows"] == 1  # the first page is up, with its row
    loaded = set(started["modules"])
    assert "ipdesk.gui.registry.rights_page" in loaded and "ipdesk.services.registry.rights" in loaded
    early = sorted(m for m in loaded if any(m == name or m.startswith(name + ".") for name in NOT_AT_START))
    assert early == [], f"imported at start-up: {early}"
