"""Benchmark: start-up to first paint — the workstation window on a 10 k and a 1 M register, next to a bare
PySide6 window (a QMainWindow with an empty QTableView) started the same way in the same run.

    .venv/bin/python benchmarks/bench_startup.py [--runs 5] [--keep DIR] [--database URL …]

Each start is a fresh interpreter (``subprocess``, offscreen platform): the clock starts just before the
process is spawned and stops at (1) the first paint of any widget — "window shown" — and (2) the first
paint of a table whose model has rows — "first page shown", the window usable; "CPU s" is the process's
CPU time by then (user + system, all threads), which a busy machine stretches far less than the wall clock.
``--database`` adds registers to measure (e.g. a PostgreSQL URL holding 1 M rights); by default a 10 k
SQLite register is built (demo loader, kept with ``--keep``) and, if ``DIR/rights-1000000.loaded.sqlite3`` from
``bench_rights.py --keep DIR`` exists, the 1 M one too. Target (issue 14, item 5): usable < 0.8 s on 1 M.

The children compile ipdesk once into a bytecode cache of their own (``PYTHONPYCACHEPREFIX`` in the
folder, one unmeasured start of each kind first), as an installed or frozen ipdesk has it; a shell with
``PYTHONDONTWRITEBYTECODE`` would otherwise compile every module it imports on every start.
``--source`` measures that instead.
Not a test; nothing here runs in CI.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, os, shutil, sys, tempfile, time
from pathlib import Path
T0, MODE, URL = float(sys.argv[1]), sys.argv[2], sys.argv[3]
os.environ["QT_QPA_PLATFORM"] = "offscreen"
marks = {"imports": None}
if MODE == "ipdesk":
    import ipdesk.gui.app  # first, as the window's modules import it: the core before Qt (ipdesk.gui.core_first)
elif MODE.startswith("signin"):
    import ipdesk.cli.main  # the console script's first import; the command imports Qt and the dialog itself
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QAbstractItemView, QApplication, QMainWindow, QTableView


class Watch(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint:
            now = time.time()
            marks.setdefault("window", now)
            view = obj.parent()
            if isinstance(view, QAbstractItemView) and view.model() is not None and view.model().rowCount() > 0:
                marks.setdefault("rows", now)
        return False


def finish():
    if "rows" in marks or time.time() - T0 > 60:
        cpu = time.process_time()  # this process's CPU seconds (all threads): what the load does not stretch
        print(json.dumps({**{k: (v - T0 if v else None) for k, v in marks.items()}, "cpu": cpu}))
        if MODE != "bare":
            shutil.rmtree(tmp, ignore_errors=True)  # the start's data folder (settings, keys, a migration's backup)
        os._exit(0)


if MODE.startswith("signin"):  # the ipdesk command itself, a typist signing in as the dialog paints (+ delay)
    typing_s = float(sys.argv[4])
    from PySide6.QtCore import QSettings
    from ipdesk.gui import application, launch
    from ipdesk.gui.settings import Settings, use_settings
    from ipdesk.gui.users.signin import SignInDialog
    tmp = tempfile.mkdtemp(prefix="ipdesk-startup-")
    use_settings(Settings(QSettings(str(Path(tmp) / "ipdesk.ini"), QSettings.Format.IniFormat)))
    make_app = application.create_application

    def create(*args, **kwargs):
        app = make_app(*args, **kwargs)
        marks["imports"] = time.time()
        app.installEventFilter(watch)
        timer.timeout.connect(finish)
        timer.start(2)
        return app

    def submit(dialog):
        marks.setdefault("submitted", time.time())
        dialog.name_edit.setText("starter")
        dialog.password_edit.setText("Quick-Horse-2026")
        dialog.accept()

    class SignInWatch(Watch):
        def eventFilter(self, obj, ev):
            if ev.type() == QEvent.Type.Paint and isinstance(obj, SignInDialog) and "dialog" not in marks:
                marks["dialog"] = time.time()
                QTimer.singleShot(int(typing_s * 1000), lambda: submit(obj))
            return super().eventFilter(obj, ev)

    watch = SignInWatch()
    timer = QTimer()
    launch.create_application = application.create_application = create  # ipdesk.gui.app binds it later
    if MODE == "signin-open-first":  # the start before ipdesk.gui.launch: the database opened, then the dialog
        launch.users_known = lambda url: False
    sys.exit(ipdesk.cli.main.main(["--data-dir", tmp, "--database", URL]))
elif MODE == "bare":
    app = QApplication([])
    watch = Watch()
    app.installEventFilter(watch)
    marks["imports"] = time.time()
    window = QMainWindow()
    table = QTableView()
    from PySide6.QtGui import QStandardItemModel, QStandardItem
    model = QStandardItemModel(1, 1)
    model.setItem(0, 0, QStandardItem("x"))
    table.setModel(model)
    window.setCentralWidget(table)
else:
    from PySide6.QtCore import QSettings
    from ipdesk.config import AppConfig
    from ipdesk.gui.app import create_application
    from ipdesk.gui.settings import Settings, use_settings
    tmp = tempfile.mkdtemp(prefix="ipdesk-startup-")
    use_settings(Settings(QSettings(str(Path(tmp) / "ipdesk.ini"), QSettings.Format.IniFormat)))
    app = create_application([], excepthook=False)
    watch = Watch()
    app.installEventFilter(watch)
    from ipdesk.gui.mainwindow import MainWindow
    from ipdesk.services.workstation import open_workstation
    marks["imports"] = time.time()
    ws = open_workstation(AppConfig(Path(tmp), URL, "zh"))
    marks["database"] = time.time()
    window = MainWindow(ws, remember=False)
window.resize(1360, 860)
window.show()
timer = QTimer()
timer.timeout.connect(finish)
timer.start(2)
app.exec()
"""


#: the children's environment: set by main() (the bytecode cache)
CHILD_ENV: dict[str, str] = {}


def start(mode: str, url: str, typing_s: float = 0.0) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen", **CHILD_ENV)
    if "PYTHONPYCACHEPREFIX" in CHILD_ENV:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.time()
    out = subprocess.run([sys.executable, "-c", CHILD, repr(t0), mode, url, repr(typing_s)], env=env,
                         capture_output=True, text=True, timeout=120)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(lines[-1])


def build_sqlite(path: Path, n: int) -> str:
    from ipdesk.demo.generator import load_demo_data
    from ipdesk.domain.shared.permissions import Actor, Role
    from ipdesk.storage import migrate
    from ipdesk.storage.engine import make_engine

    url = f"sqlite:///{path}"
    if not path.exists():
        print(f"loading {n:,} rights into {path} …", flush=True)
        engine = make_engine(url)
        migrate.upgrade_to_head(engine)
        load_demo_data(engine, Actor("bench", Role.ADMIN), rights=n, seed=2026, as_of=date(2026, 11, 21))
        engine.dispose()
    return url


BENCH_USER, BENCH_PASSWORD = "starter", "Quick-Horse-2026"

#: the sign-in starts measured per register: (label, child mode, seconds the typist takes after the paint)
SIGN_IN_STARTS = [("dialog first, typed at once", "signin", 0.0), ("dialog first, typed in 1 s", "signin", 1.0),
                  ("database first, typed at once", "signin-open-first", 0.0)]


def ensure_bench_user(url: str, folder: Path) -> None:
    """An account to sign in with (the register then starts on the sign-in dialog, as an office's does)."""
    from ipdesk.config import AppConfig
    from ipdesk.domain.shared.permissions import Actor, Role
    from ipdesk.services.workstation import open_workstation

    ws = open_workstation(AppConfig(folder, url, "zh"), create=True)
    try:
        if not ws.users.has_users():
            admin = Actor(BENCH_USER, Role.ADMIN)
            ws.users.add(admin, BENCH_USER, "admin", BENCH_PASSWORD)
            ws.users.change_password(admin, BENCH_USER, BENCH_PASSWORD)
    finally:
        ws.close()


def report_sign_in(targets: list[tuple[str, str]], runs: int, bare: float) -> None:
    """The ``ipdesk`` command on a register with users: the dialog, then the first page after the password."""
    results: dict[tuple[str, str], list[dict[str, float]]] = {}
    for _ in range(runs):
        for name, url in targets:
            for label, mode, typing_s in SIGN_IN_STARTS:
                results.setdefault((name, label), []).append(start(mode, url, typing_s))
    print(f"\nthe ipdesk command signing in (median of {runs}; s from spawning; a typist submits the "
          f"password the given time after the dialog paints; load average {os.getloadavg()[0]:.2f})")
    print(f"{'':44}{'dialog':>8}{'ratio':>7}{'submitted':>11}{'first page':>12}{'after submit':>14}")
    for (name, label), runs_ in results.items():
        done = [r for r in runs_ if r.get("rows") and r.get("dialog")]
        if not done:
            print(f"{name + ', ' + label:44}  (no start reached the first page)")
            continue
        dialog = statistics.median(r["dialog"] for r in done)
        submitted = statistics.median(r["submitted"] for r in done)
        rows = statistics.median(r["rows"] for r in done)
        after = statistics.median(r["rows"] - r["submitted"] for r in done)
        print(f"{name + ', ' + label:44}{dialog:>8.2f}{dialog / bare:>7.2f}{submitted:>11.2f}{rows:>12.2f}"
              f"{after:>14.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="keep the 10 k register here (and look for the 1 M one)")
    parser.add_argument("--database", action="append", default=[], help="another register to measure")
    parser.add_argument("--source", action="store_true", help="no bytecode cache: compile on every start")
    parser.add_argument("--no-sign-in", action="store_true", help="only the direct start (no account added)")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="ipdesk-startup-"))
    folder.mkdir(parents=True, exist_ok=True)
    if not args.source:
        CHILD_ENV["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
    targets = [("SQLite 10 k", build_sqlite(folder / "startup-10k.sqlite3", 10_000))]
    big = folder / "rights-1000000.loaded.sqlite3"
    if big.exists():
        targets.append(("SQLite 1 M", f"sqlite:///{big}"))
    targets += [(url.split("://")[0].split("+")[0] + " " + url.rsplit("/", 1)[-1], url) for url in args.database]
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    start("bare", "")  # warm the OS file cache for both (and the bytecode cache)
    for _, url in targets:
        start("ipdesk", url)
    results: dict[str, list[dict[str, float]]] = {"bare PySide6 window": []}
    for name, _ in targets:
        results[name] = []
    for _ in range(args.runs):  # interleaved, so the load of the machine hits all alike
        results["bare PySide6 window"].append(start("bare", ""))
        for name, url in targets:
            results[name].append(start("ipdesk", url))
    bare = statistics.median(r["rows"] for r in results["bare PySide6 window"] if r.get("rows"))
    print(f"\nmedian of {args.runs} starts (s from spawning the process; "
          f"{'compiling from source' if args.source else 'bytecode cached'}), load average after: "
          f"{os.getloadavg()[0]:.2f}")
    bare_cpu = statistics.median(r["cpu"] for r in results["bare PySide6 window"])
    print(f"{'':24}{'imports':>9}{'database':>10}{'window':>9}{'first page':>12}{'ratio':>8}{'CPU s':>8}"
          f"{'ratio':>7}")
    for name, runs in results.items():
        def med(key: str, runs: list[dict[str, float]] = runs) -> str:
            values = [r[key] for r in runs if r.get(key) is not None]
            return f"{statistics.median(values):.2f}" if values else "-"
        done = [r["rows"] for r in runs if r.get("rows")]  # a start that showed no rows within 60 s: left out
        rows = statistics.median(done) if done else float("nan")
        cpu = statistics.median(r["cpu"] for r in runs)
        print(f"{name:24}{med('imports'):>9}{med('database'):>10}{med('window'):>9}{rows:>12.2f}{rows / bare:>8.2f}"
              f"{cpu:>8.2f}{cpu / bare_cpu:>7.2f}"
              + ("" if len(done) == len(runs) else f"  ({len(runs) - len(done)} of {len(runs)} showed no rows)"))
    if not args.no_sign_in:
        sqlite_targets = [(name, url) for name, url in targets if url.startswith("sqlite")]
        for _, url in sqlite_targets:
            ensure_bench_user(url, folder)
            start("signin", url)  # unmeasured: the bytecode of the sign-in path
        report_sign_in(sqlite_targets, args.runs, bare)


if __name__ == "__main__":
    main()
