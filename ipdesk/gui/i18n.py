"""Translations: Chinese source strings in ``tr()``, English in ``resources/translations/ipdesk_en.ts``.

Chinese is the primary language and needs no catalogue at all. English comes from ``ipdesk_en.qm``,
compiled from the committed ``.ts`` by :func:`compile_translations` (the build calls it; a run from a
checkout compiles on demand into the user cache). Qt's own strings (``qtbase_*.qm``: dialog buttons,
context menus of line edits) are installed too.

Updating the catalogue after changing GUI strings::

    .venv/bin/python -m ipdesk.gui.i18n update     # lupdate: new strings added as unfinished
    # fill every <translation> in resources/translations/ipdesk_en.ts (Qt Linguist or an editor)
    .venv/bin/python -m ipdesk.gui.i18n check      # lists what is still untranslated
    .venv/bin/python -m ipdesk.gui.i18n sort       # after adding entries by hand: the one order (update sorts too)

``tests/gui/shell/test_gui_i18n.py`` fails while a string is untranslated or a ``{placeholder}`` is lost.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QStandardPaths, QTranslator

from ipdesk.resources import resource_path as resource

log = logging.getLogger(__name__)

#: Qt's own strings that qtbase_zh_CN.qm lacks (Qt 6 added mnemonics to them): (context, source) → Chinese
QT_ZH_GAPS: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QPrintDialog", "Page &Set:"): "打印范围(&S)：",
}


class _QtGaps(QTranslator):
    """Fills :data:`QT_ZH_GAPS` (installed after qtbase_zh_CN, so it is asked first)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,  # type: ignore[override]
                  n: int = -1) -> str | None:
        # None is a null QString, which tells Qt to ask the next translator ("" would blank the text)
        return QT_ZH_GAPS.get((context, source))

    def isEmpty(self) -> bool:
        return False


#: The UI languages offered, by locale name, with their name in their own language.
LANGUAGES: dict[str, str] = {"zh_CN": "中文", "en": "English"}
CATALOGUES = ("ipdesk_en",)

_installed: list[QTranslator] = []
_lang = "zh"


def lang_of(locale: str) -> str:
    """ "zh" or "en" (the domain's language codes) for a locale name like ``zh_CN`` or ``en_GB``."""
    return "en" if locale.lower().startswith("en") else "zh"


def current_lang() -> str:
    """The language the UI was last set to ("zh" or "en")."""
    return _lang


def ui_lang(lang: str | None = None) -> str:
    """``lang`` when a caller chose one (a test, a Chinese-only preview), else the UI's current language:
    pages and dialogs take their language from here, so a switch reaches every page built afterwards."""
    return lang or _lang


def translations_dir() -> Path:
    return resource("translations")


def find_lrelease() -> str | None:
    """The ``lrelease`` tool: next to the running Python (venv), on PATH, or inside the PySide6 wheel."""
    exe = Path(sys.executable).parent
    candidates = [exe / "pyside6-lrelease", exe / "pyside6-lrelease.exe"]
    found = shutil.which("pyside6-lrelease")
    if found:
        candidates.append(Path(found))
    try:
        import PySide6

        pkg = Path(PySide6.__file__).parent
        candidates += [pkg / "lrelease", pkg / "lrelease.exe", pkg / "Qt" / "bin" / "lrelease"]
    except ImportError:  # pragma: no cover - PySide6 is a hard dependency of this package
        pass
    for c in candidates:
        if c.is_file() and os.access(c, os.X_OK):
            return str(c)
    return None


def compile_translations(out_dir: Path | str, ts_dir: Path | None = None) -> list[Path]:
    """Compile every ``ipdesk_*.ts`` into ``out_dir/ipdesk_*.qm``; returns the written files.

    Raises:
        RuntimeError: ``pyside6-lrelease`` is not available or fails.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tool = find_lrelease()
    if tool is None:
        raise RuntimeError("pyside6-lrelease not found; install PySide6-Essentials in this environment")
    written = []
    for ts in sorted((ts_dir or translations_dir()).glob("ipdesk_*.ts")):
        qm = out / (ts.stem + ".qm")
        proc = subprocess.run([tool, "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True)
        if proc.returncode != 0 or not qm.is_file():
            raise RuntimeError(f"lrelease failed for {ts.name}: {proc.stderr.strip() or proc.stdout.strip()}")
        written.append(qm)
    return written


def _cache_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(base or tempfile.gettempdir()) / "translations"


def find_catalogue(name: str) -> Path | None:
    """A compiled ``<name>.qm``: shipped (bundle / build output), else compiled on demand into the cache."""
    dirs = [Path(d) for d in os.environ.get("IPDESK_QM_DIR", "").split(os.pathsep) if d]
    dirs += [translations_dir(), _cache_dir()]
    ts = translations_dir() / f"{name}.ts"
    for d in dirs:
        qm = d / f"{name}.qm"
        if qm.is_file() and (not ts.is_file() or qm.stat().st_mtime >= ts.stat().st_mtime):
            return qm
    if ts.is_file():
        try:
            for qm in compile_translations(_cache_dir()):
                if qm.stem == name:
                    return qm
        except (RuntimeError, OSError) as exc:
            log.warning("cannot compile translations: %s", exc)
    return None


def install_translators(locale: str) -> str:
    """Install the catalogues for ``locale`` (replacing earlier ones); returns the language "zh"/"en".

    Chinese is the source language, so ``zh_CN`` only installs Qt's own Chinese catalogue.
    """
    global _lang
    app = QCoreApplication.instance()
    for t in _installed:
        if app is not None:
            app.removeTranslator(t)
    _installed.clear()
    _lang = lang_of(locale)
    QLocale.setDefault(
        QLocale(QLocale.Language.Chinese, QLocale.Country.China)
        if _lang == "zh"
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    )
    if app is None:
        return _lang
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_name = "qtbase_zh_CN" if _lang == "zh" else "qtbase_en"
    qt = QTranslator(app)
    if qt.load(qt_name, qt_dir):
        app.installTranslator(qt)
        _installed.append(qt)
    if _lang == "zh":  # "Look in:" and a few more are missing from Qt's own Chinese catalogue
        gaps = _QtGaps(app)
        app.installTranslator(gaps)
        _installed.append(gaps)
    if _lang == "en":
        for name in CATALOGUES:
            qm = find_catalogue(name)
            t = QTranslator(app)
            if qm is not None and t.load(str(qm)):
                app.installTranslator(t)
                _installed.append(t)
            else:
                log.warning("English catalogue %s not available; the UI stays Chinese", name)
    return _lang


# ---- maintaining the catalogue (developers; the tests call these too) ---------------------------------


def gui_sources() -> list[Path]:
    return sorted(Path(__file__).resolve().parent.rglob("*.py"))


def run_lupdate(ts_file: Path | str) -> None:
    """Extract every ``tr()``/``translate()`` into ``ts_file`` (keeps translations)."""
    tool = find_lrelease()
    lupdate = Path(tool).with_name(Path(tool).name.replace("lrelease", "lupdate")) if tool else None
    if lupdate is None or not lupdate.is_file():
        raise RuntimeError("pyside6-lupdate not found")
    proc = subprocess.run(
        [
            str(lupdate),
            *map(str, gui_sources()),
            "-ts",
            str(ts_file),
            "-source-language",
            "zh_CN",
            "-target-language",
            "en",
            "-no-obsolete",
            "-locations",
            "none",
            "-silent",
        ],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"lupdate failed: {proc.stderr.strip()}")


def read_catalogue(ts_file: Path | str) -> dict[tuple[str, str], str | None]:
    """``{(context, source): translation}``; None for unfinished or empty translations."""
    import xml.etree.ElementTree as ET

    out: dict[tuple[str, str], str | None] = {}
    for ctx in ET.parse(ts_file).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            finished = tr is not None and tr.get("type") not in ("unfinished", "obsolete", "vanished")
            text = (tr.text or "") if tr is not None else ""
            out[(name, msg.findtext("source") or "")] = text if finished and text.strip() else None
    return out


def missing_translations(ts_file: Path | str | None = None) -> list[tuple[str, str]]:
    """Strings in the code that ``ts_file`` (default: the committed English catalogue) does not translate."""
    committed = read_catalogue(ts_file or translations_dir() / "ipdesk_en.ts")
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "extract.ts"
        run_lupdate(fresh)
        wanted = read_catalogue(fresh)
    return sorted(key for key in wanted if not committed.get(key))


_CONTEXT = re.compile(r"<context>.*?</context>\n?", re.S)
_MESSAGE = re.compile(r"[ \t]*<message\b.*?</message>\n?", re.S)


def _name_of(block: str) -> str:
    m = re.search(r"<name>(.*?)</name>", block, re.S)
    return m.group(1) if m else ""


def _message_key(block: str) -> tuple[str, str]:
    source = re.search(r"<source>(.*?)</source>", block, re.S)
    comment = re.search(r"<comment>(.*?)</comment>", block, re.S)
    return (source.group(1) if source else "", comment.group(1) if comment else "")


def sort_catalogue(ts_file: Path | str) -> bool:
    """Put ``ts_file`` in one order — contexts by name, messages by source — so that entries added in
    parallel (by lupdate or by hand) land in the same place and merge; the blocks themselves are kept
    verbatim. True if the file changed."""
    path = Path(ts_file)
    text = path.read_text(encoding="utf-8")
    contexts = _CONTEXT.findall(text)
    if not contexts:
        return False
    head, tail = text[: text.index(contexts[0])], text[text.rindex(contexts[-1]) + len(contexts[-1]):]
    out = []
    for block in sorted(contexts, key=_name_of):
        messages = _MESSAGE.findall(block)
        if messages:
            start, end = block.index(messages[0]), block.rindex(messages[-1]) + len(messages[-1])
            block = block[:start] + "".join(sorted(messages, key=_message_key)) + block[end:]
        out.append(block if block.endswith("\n") else block + "\n")
    new = head + "".join(out) + tail
    if new == text:
        return False
    path.write_text(new, encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    """``python -m ipdesk.gui.i18n update | sort | check | compile OUT_DIR``."""
    args = sys.argv[1:] if argv is None else argv
    command = args[0] if args else "check"
    ts = translations_dir() / "ipdesk_en.ts"
    if command == "compile":
        for qm in compile_translations(args[1] if len(args) > 1 else translations_dir()):
            print(qm)
        return 0
    if command == "update":
        run_lupdate(ts)
        sort_catalogue(ts)
    if command == "sort":  # after adding entries by hand: nothing is extracted or dropped
        sort_catalogue(ts)
    missing = missing_translations(ts)
    for context, source in missing:
        print(f"untranslated [{context}] {source}")
    print(f"{len(missing)} untranslated strings in {ts.name}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
