#!/usr/bin/env python3
"""Build the ipdesk bundle (PyInstaller, one folder) and prove it starts.

    .venv/bin/python packaging/build.py            # compile translations, build, check  (make bundle)
    .venv/bin/python packaging/build.py --check    # only check an existing dist/ipdesk
    .venv/bin/python packaging/build.py --if-stale # build only when the inputs changed since the last build

Steps: compile ``resources/translations/ipdesk_*.ts`` into ``build/translations/*.qm``; run PyInstaller on
``packaging/ipdesk.spec`` (work files in ``build/pyinstaller/``, the bundle in ``dist/ipdesk/``); then run the
bundle itself: the library closure (``ldd``, Linux), ``ipdesk --self-check`` offscreen, ``ipdesk number
check 2017106018623`` (JSON) and ``ipdesk db upgrade`` on an empty data folder, whose schema is compared
with the migrations' head. Prints sizes and times; exits non-zero on any failure.

Also imported by ``tests/packaging/test_bundle.py`` (``ensure_bundle`` and the check functions).
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "ipdesk.spec"
BUILD_DIR = ROOT / "build"
WORK_DIR = BUILD_DIR / "pyinstaller"
QM_DIR = BUILD_DIR / "translations"
DIST_DIR = ROOT / "dist"
BUNDLE = DIST_DIR / "ipdesk"
STAMP = WORK_DIR / "ipdesk-bundle.json"
EXE_NAME = "ipdesk.exe" if sys.platform == "win32" else "ipdesk"

#: A real CN invention application number (DOMAIN.md §5.1) in the 13-character list form.
SAMPLE_NUMBER = "2017106018623"

#: Everything whose change makes a new bundle necessary.
INPUTS = ("ipdesk", "migrations", "resources", "packaging/ipdesk.spec", "packaging/constraints.txt",
          "pyproject.toml")
_SKIP_PARTS = {"__pycache__", ".pytest_cache"}
_SKIP_SUFFIXES = {".pyc", ".pyo", ".qm"}

#: Libraries the target system provides (PLATFORM.md: ``apt-get install libgl1 libegl1``); never bundled.
TARGET_PROVIDED = ("libGL.so", "libEGL.so", "libOpenGL.so", "libGLX.so", "libGLdispatch.so", "libvulkan.so")

if str(ROOT) not in sys.path:  # run as a script from anywhere, without an installed ipdesk
    sys.path.insert(0, str(ROOT))


class BuildError(RuntimeError):
    """A step failed; the message says which and why."""


@dataclass
class Report:
    """What a build and check did, for printing."""

    steps: list[tuple[str, float, str]] = field(default_factory=list)

    def add(self, name: str, seconds: float, note: str = "") -> None:
        self.steps.append((name, seconds, note))
        print(f"== {name}: {seconds:.1f} s{('  ' + note) if note else ''}", flush=True)

    def summary(self) -> str:
        lines = ["", "step                        time   note"]
        lines += [f"{name:<26} {sec:5.1f} s  {note}" for name, sec, note in self.steps]
        lines.append(f"{'total':<26} {sum(s for _, s, _ in self.steps):5.1f} s")
        return "\n".join(lines)


# ----------------------------------------------------------------------------------------------- inputs


def input_files() -> list[Path]:
    files: list[Path] = []
    for name in INPUTS:
        path = ROOT / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files += [p for p in path.rglob("*") if p.is_file() and not (_SKIP_PARTS & set(p.parts))
                      and p.suffix not in _SKIP_SUFFIXES]
    return sorted(files)


def inputs_fingerprint() -> str:
    """A hash of every input file's path and content, and of the Python / PyInstaller doing the build."""
    h = hashlib.sha256()
    try:
        import PyInstaller

        h.update(f"pyinstaller {PyInstaller.__version__}\n".encode())
    except ImportError:
        pass
    h.update(f"{sys.executable} {sys.version}\n".encode())
    for path in input_files():
        h.update(str(path.relative_to(ROOT)).encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def bundle_is_fresh(fingerprint: str | None = None) -> bool:
    """True when ``dist/ipdesk`` was built by this script from the current inputs."""
    exe = BUNDLE / EXE_NAME
    if not exe.is_file() or not STAMP.is_file():
        return False
    try:
        stamp = json.loads(STAMP.read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return stamp.get("inputs") == (fingerprint or inputs_fingerprint())


# ------------------------------------------------------------------------------------------------ build


def compile_translations() -> list[Path]:
    """``*.ts`` → ``build/translations/*.qm`` with the app's own compiler (the bundle ships the .qm)."""
    try:
        from ipdesk.gui import i18n
    except ImportError as exc:
        raise BuildError(f"cannot import ipdesk.gui.i18n: {exc}") from exc
    fn = getattr(i18n, "compile_translations", None)
    if fn is None:
        print("   (ipdesk.gui.i18n.compile_translations not available: no catalogues compiled)")
        return []
    if QM_DIR.exists():
        shutil.rmtree(QM_DIR)
    try:
        return list(fn(QM_DIR))
    except RuntimeError as exc:
        raise BuildError(f"compiling translations failed: {exc}") from exc


def run_pyinstaller(clean: bool = False) -> None:
    cmd = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--log-level", "WARN",
           "--workpath", str(WORK_DIR), "--distpath", str(DIST_DIR)]
    if clean:
        cmd.append("--clean")
    env = dict(os.environ, IPDESK_QM_BUILD_DIR=str(QM_DIR), PYTHONPATH=os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p))
    proc = subprocess.run(cmd, cwd=ROOT, env=env, check=False)
    if proc.returncode != 0:
        raise BuildError(f"PyInstaller failed (exit {proc.returncode}): {' '.join(cmd)}")
    if not (BUNDLE / EXE_NAME).is_file():
        raise BuildError(f"PyInstaller finished but {BUNDLE / EXE_NAME} is missing")


def build(report: Report, clean: bool = False) -> None:
    STAMP.unlink(missing_ok=True)
    fingerprint = inputs_fingerprint()  # before building: an edit during the build makes it stale
    t = time.monotonic()
    qms = compile_translations()
    report.add("translations", time.monotonic() - t, ", ".join(q.name for q in qms) or "none")
    t = time.monotonic()
    run_pyinstaller(clean=clean)
    report.add("pyinstaller", time.monotonic() - t, str(BUNDLE.relative_to(ROOT)))
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    STAMP.write_text(json.dumps({"inputs": fingerprint, "built": time.strftime("%Y-%m-%d %H:%M:%S"),
                                 "version": bundle_version()}, indent=2), "utf-8")


def ensure_bundle(report: Report | None = None, attempts: int = 2) -> bool:
    """Build unless ``dist/ipdesk`` is fresh; returns True when it built. When the sources change during
    a build (someone is editing), build again, up to ``attempts`` builds in all."""
    if bundle_is_fresh():
        return False
    for _ in range(attempts):
        build(report or Report())
        if bundle_is_fresh():
            break
    return True


def bundle_version() -> str:
    """``ipdesk.__version__``, read without importing the package."""
    tree = ast.parse((ROOT / "ipdesk" / "__init__.py").read_text("utf-8"))
    for node in tree.body:
        names = [getattr(t, "id", None) for t in getattr(node, "targets", ())]
        if isinstance(node, ast.Assign) and "__version__" in names:
            return str(ast.literal_eval(node.value))
    raise BuildError("ipdesk/__init__.py has no __version__")


# ------------------------------------------------------------------------------------------------ check


def bundle_env(data_dir: Path, config_dir: Path, **extra: str) -> dict[str, str]:
    """The environment for running the bundle in a check: offscreen, throwaway data and settings folders,
    and none of the developer overrides that would make the bundle use files outside itself."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("IPDESK_DATABASE_URL", "IPDESK_RESOURCES", "IPDESK_QM_DIR", "IPDESK_LANG",
                        "PYTHONPATH", "PYTHONHOME")}
    env.update(QT_QPA_PLATFORM="offscreen", IPDESK_DATA_DIR=str(data_dir), XDG_CONFIG_HOME=str(config_dir),
               XDG_CACHE_HOME=str(config_dir / "cache"), PYTHONIOENCODING="utf-8", LC_ALL="C.UTF-8")
    env.update(extra)
    return env


def run_bundle(args: Sequence[str], env: dict[str, str], timeout: float = 90,
               bundle: Path = BUNDLE, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(bundle / EXE_NAME), *args], env=env, capture_output=True, text=True,
                          encoding="utf-8", errors="replace", timeout=timeout, cwd=tempfile.gettempdir(),
                          check=False, input=stdin)


def _fail(what: str, proc: subprocess.CompletedProcess[str]) -> BuildError:
    return BuildError(f"{what}: exit {proc.returncode}\n--- stdout\n{proc.stdout[-3000:]}\n"
                      f"--- stderr\n{proc.stderr[-3000:]}")


def check_layout(bundle: Path = BUNDLE) -> list[str]:
    """The files the app looks up in ``sys._MEIPASS`` are there; returns the problems."""
    internal = bundle / "_internal"
    need = ["resources/fonts/wqy-microhei.ttc", "resources/fonts/wqy-microhei.LICENSE.txt",
            "resources/icons/app.svg", "migrations/env.py", "migrations/versions"]
    if sys.platform.startswith("linux"):
        need += ["PySide6/Qt/plugins/platforms/libqoffscreen.so", "PySide6/Qt/plugins/platforms/libqxcb.so",
                 "PySide6/Qt/plugins/imageformats/libqsvg.so",
                 "PySide6/Qt/plugins/iconengines/libqsvgicon.so",
                 "PySide6/Qt/translations/qtbase_zh_CN.qm"]
    problems = [f"missing in bundle: {rel}" for rel in need if not (internal / rel).exists()]
    src_json = sorted(p.name for p in (ROOT / "resources" / "data").glob("*.json"))
    got_json = sorted(p.name for p in (internal / "resources" / "data").glob("*.json"))
    if src_json != got_json:
        problems.append(f"resources/data differs: source {src_json}, bundle {got_json}")
    src_versions = sorted(p.name for p in (ROOT / "migrations" / "versions").glob("*.py"))
    got_versions = sorted(p.name for p in (internal / "migrations" / "versions").glob("*.py"))
    if src_versions != got_versions:
        problems.append(f"migrations/versions differs: source {src_versions}, bundle {got_versions}")
    src_ts = sorted(p.stem for p in (ROOT / "resources" / "translations").glob("ipdesk_*.ts"))
    got_qm = sorted(p.stem for p in (internal / "resources" / "translations").glob("ipdesk_*.qm"))
    if not set(src_ts) <= set(got_qm):
        problems.append(f"translations not compiled into the bundle: {sorted(set(src_ts) - set(got_qm))}")
    return problems


#: Modules imported lazily or by file path at run time (Alembic scripts, the URL's driver, reports, imports);
#: PyInstaller's scan cannot see them, the spec collects them. Every ``ipdesk`` module is checked as well.
LAZY_MODULES = (
    "alembic.op", "alembic.context", "alembic.ddl.sqlite", "alembic.ddl.postgresql",
    "sqlalchemy.dialects.sqlite.pysqlite", "sqlalchemy.dialects.postgresql.psycopg", "psycopg", "psycopg.pq",
    "sqlite3", "reportlab.platypus", "reportlab.pdfbase.ttfonts", "reportlab.graphics.barcode.qrencoder",
    "openpyxl", "openpyxl.reader.excel", "cryptography.hazmat.primitives.asymmetric.ed25519",
)


def bundled_modules(bundle: Path = BUNDLE) -> set[str]:
    """The Python modules in the bundle's archive (PYZ) plus its extension modules."""
    from PyInstaller.archive.readers import pkg_archive_contents

    names = set(pkg_archive_contents(str(bundle / EXE_NAME)))
    internal = bundle / "_internal"
    for ext in internal.rglob("*.so" if os.name != "nt" else "*.pyd"):
        rel = ext.relative_to(internal)
        if ext.name.count(".") >= 2 and "Qt" not in rel.parts and not rel.parts[0].endswith(".libs"):
            package = rel.parts[:-1] if not rel.parts[0].startswith("python3") else ()  # lib-dynload
            names.add(".".join((*package, ext.name.split(".")[0])))
    return names


def source_modules() -> set[str]:
    out = set()
    for py in (ROOT / "ipdesk").rglob("*.py"):
        parts = py.relative_to(ROOT).with_suffix("").parts
        out.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return out


def check_modules(bundle: Path = BUNDLE) -> list[str]:
    """Every ipdesk module and the lazily imported libraries are in the bundle; returns the problems."""
    have = bundled_modules(bundle)
    problems = [f"ipdesk module not bundled: {m}" for m in sorted(source_modules() - have)]
    problems += [f"module not bundled: {m}" for m in LAZY_MODULES if m not in have]
    if not any(m.startswith("psycopg_binary.") for m in have):
        problems.append("psycopg_binary (the PostgreSQL driver's C implementation) not bundled")
    return problems


def _elf_files(root: Path) -> Iterable[Path]:
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink() and (".so" in path.name or path.name == EXE_NAME):
            with path.open("rb") as fh:
                if fh.read(4) == b"\x7fELF":
                    yield path


def check_libraries(bundle: Path = BUNDLE) -> tuple[list[str], list[str]]:
    """Linux: ``ldd`` every bundled ELF file with the bundle's library folder first on the search path.

    Returns (errors, target_needs): a dependency missing from the bundle is an error unless the target
    system is expected to provide it (GL/EGL) or the build host itself lacks it (then the target needs it).
    """
    if not sys.platform.startswith("linux") or shutil.which("ldd") is None:
        return [], []
    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}")
    missing: dict[str, set[str]] = {}
    for elf in _elf_files(bundle):
        out = subprocess.run(["ldd", str(elf)], env=env, capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            if "=> not found" in line:
                missing.setdefault(line.split("=>")[0].strip(), set()).add(str(elf.relative_to(internal))
                                                                             if internal in elf.parents
                                                                             else elf.name)
    errors, target = [], []
    for lib, users in sorted(missing.items()):
        if lib.startswith(TARGET_PROVIDED):
            target.append(lib)
        elif _host_has(lib):
            errors.append(f"{lib} (needed by {', '.join(sorted(users)[:3])}) is not in the bundle")
        else:
            target.append(f"{lib} (not on the build host; needed by {', '.join(sorted(users)[:2])})")
    return errors, target


def _host_has(lib: str) -> bool:
    ldconfig = "/sbin/ldconfig" if Path("/sbin/ldconfig").exists() else "ldconfig"
    out = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, check=False).stdout
    return f"{lib} " in out


def check_self_check(bundle: Path = BUNDLE) -> tuple[float, str]:
    """``ipdesk --self-check`` offscreen on an empty data folder: exit 0, no traceback, font found."""
    with tempfile.TemporaryDirectory(prefix="ipdesk-bundle-") as tmp:
        env = bundle_env(Path(tmp) / "data", Path(tmp) / "config")
        t = time.monotonic()
        proc = run_bundle(["--self-check"], env, bundle=bundle)
        seconds = time.monotonic() - t
        if proc.returncode != 0 or "Traceback" in proc.stderr:
            raise _fail("self-check", proc)
        if "font" in proc.stderr.lower() and "could not be loaded" in proc.stderr:
            raise _fail("self-check: the bundled CJK font was not loaded", proc)
        if not (Path(tmp) / "data" / "ipdesk.sqlite3").is_file():
            raise _fail("self-check did not create the database in IPDESK_DATA_DIR", proc)
        return seconds, proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""


def check_number(bundle: Path = BUNDLE, number: str = SAMPLE_NUMBER) -> dict[str, object]:
    """``ipdesk number check <n>`` prints JSON saying the number is a valid invention application."""
    with tempfile.TemporaryDirectory(prefix="ipdesk-bundle-") as tmp:
        proc = run_bundle(["number", "check", number], bundle_env(Path(tmp) / "data", Path(tmp) / "config"),
                          bundle=bundle)
    if proc.returncode != 0:
        raise _fail(f"number check {number}", proc)
    try:
        result = json.loads(proc.stdout)
    except ValueError as exc:
        raise _fail(f"number check {number} did not print JSON ({exc})", proc) from exc
    if result.get("valid") is not True or result.get("kind") != "invention":
        raise _fail(f"number check {number}: unexpected result", proc)
    return result


def expected_head() -> str:
    """The head revision of the source migrations (what the bundle must migrate to)."""
    from ipdesk.storage.migrate import head_revision

    return head_revision()


def check_db_upgrade(bundle: Path = BUNDLE, database_url: str | None = None) -> dict[str, object]:
    """``ipdesk db upgrade --create`` on an empty data folder (or ``database_url``): migrated to head from inside the
    bundle, with the application's tables. Returns the CLI's JSON plus ``tables`` for SQLite."""
    head = expected_head()
    with tempfile.TemporaryDirectory(prefix="ipdesk-bundle-") as tmp:
        data = Path(tmp) / "data"
        # --create: on a path with no database only `db upgrade --create` (or the window's first start) makes one.
        args = ["db", "upgrade", "--create"]
        args = args if database_url is None else ["--database", database_url, *args]
        proc = run_bundle(args, bundle_env(data, Path(tmp) / "config"), bundle=bundle)
        if proc.returncode != 0:
            raise _fail("db upgrade", proc)
        try:
            result = json.loads(proc.stdout)
        except ValueError as exc:
            raise _fail(f"db upgrade did not print JSON ({exc})", proc) from exc
        if result.get("from") is not None or result.get("to") != head:
            raise _fail(f"db upgrade: expected None -> {head}", proc)
        if database_url is None:
            db = data / "ipdesk.sqlite3"
            if not db.is_file():
                raise _fail(f"db upgrade did not create {db}", proc)
            con = sqlite3.connect(db)
            try:
                rows = con.execute("SELECT name FROM sqlite_master WHERE type='table'")
                tables = sorted(r[0] for r in rows)
                version = con.execute("SELECT version_num FROM alembic_version").fetchone()
            finally:
                con.close()
            if version is None or version[0] != head:
                raise _fail(f"db upgrade: alembic_version is {version}, expected {head}", proc)
            result["tables"] = tables
    return result


def check(report: Report, bundle: Path = BUNDLE) -> None:
    t = time.monotonic()
    problems = check_layout(bundle) + check_modules(bundle)
    if problems:
        raise BuildError("bundle layout:\n  " + "\n  ".join(problems))
    errors, target = check_libraries(bundle)
    if errors:
        raise BuildError("bundle libraries:\n  " + "\n  ".join(errors))
    for note in target:
        print(f"   target must provide {note}")
    report.add("layout, modules, libs", time.monotonic() - t,
               f"target must provide {len(target)} libraries (listed above)" if target else "")
    seconds, note = check_self_check(bundle)
    report.add("self-check", seconds, note)
    t = time.monotonic()
    result = check_number(bundle)
    report.add("number check", time.monotonic() - t, f"{result.get('display')} valid={result.get('valid')}")
    t = time.monotonic()
    result = check_db_upgrade(bundle)
    report.add("db upgrade", time.monotonic() - t,
               f"{result.get('from')} -> {result.get('to')}, {len(result.get('tables', []))} tables")


# ------------------------------------------------------------------------------------------------ sizes


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def size_report(bundle: Path = BUNDLE, top: int = 8) -> str:
    internal = bundle / "_internal"
    total = folder_size(bundle)
    parts = []
    if internal.is_dir():
        entries = [(folder_size(p) if p.is_dir() else p.stat().st_size, p.name) for p in internal.iterdir()
                   if not p.is_symlink()]
        parts = [f"{name} {size / 1e6:.1f}" for size, name in sorted(entries, reverse=True)[:top]]
    files = sum(1 for p in bundle.rglob("*") if p.is_file())
    return (f"bundle {bundle.relative_to(ROOT) if ROOT in bundle.parents else bundle}: {total / 1e6:.0f} MB "
            f"in {files} files; largest (MB): {', '.join(parts)}")


# ------------------------------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="only check the existing dist/ipdesk")
    mode.add_argument("--if-stale", action="store_true", help="build only when the inputs changed")
    mode.add_argument("--no-check", action="store_true", help="build without starting the bundle")
    p.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first (slower)")
    args = p.parse_args(argv)

    report = Report()
    try:
        if args.check:
            if not (BUNDLE / EXE_NAME).is_file():
                raise BuildError(f"{BUNDLE / EXE_NAME} does not exist: build first")
        elif args.if_stale and bundle_is_fresh():
            report.add("build", 0.0, "dist/ipdesk is up to date")
        else:
            build(report, clean=args.clean)
        print(size_report(), flush=True)
        if not args.no_check:
            check(report)
    except BuildError as exc:
        print(report.summary())
        print(f"\nFAILED: {exc}", file=sys.stderr)
        return 1
    except subprocess.TimeoutExpired as exc:
        print(report.summary())
        print(f"\nFAILED: timed out: {' '.join(map(str, exc.cmd))}", file=sys.stderr)
        return 1
    print(report.summary())
    print(f"\nipdesk {bundle_version()} bundle OK: {BUNDLE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
