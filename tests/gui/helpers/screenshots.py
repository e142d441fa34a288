"""The docs' screenshots taken by GUI tests: always into the test's folder (so the grab itself is tested), and
into ``docs/screenshots`` (Chinese) or ``docs/screenshots/en`` (``IPDESK_UI_LANG=en``) with
``IPDESK_SCREENSHOTS=1``. Pages are shown at :data:`SHOT_WIDTH` (1360 px unless ``IPDESK_SHOT_WIDTH`` says).
The commands are in docs/screenshots/README.md; the English run skips the assertions (``python -O
--assert=plain``), so a test taking screenshots calls what it checks outside its ``assert`` statements.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from ipdesk.gui.i18n import current_lang

ROOT = Path(__file__).resolve().parents[3]
#: the GUI tests' UI language ("zh"; IPDESK_UI_LANG=en renders the docs' English screenshots)
UI_LANG = "en" if os.environ.get("IPDESK_UI_LANG", "zh").startswith("en") else "zh"
#: the width a page or window is shown at for the docs: the narrowest screen a clerk's desk has
SHOT_WIDTH = int(os.environ.get("IPDESK_SHOT_WIDTH", "1360"))


def docs_folder() -> Path:
    """Where the docs keep the screenshots of the UI's current language."""
    out = ROOT / "docs" / "screenshots"
    return out if current_lang() == "zh" else out / current_lang()


def save_screenshot(widget: Any, name: str, tmp_path: Path) -> Path:
    """Grab ``widget`` as it is shown and save it as ``name``; returns the copy in ``tmp_path``."""
    from ipdesk.gui.application import load_cjk_font

    assert load_cjk_font(), "the shipped CJK font must be loaded for the screenshot"
    widget.show()
    QApplication.processEvents()
    image = widget.grab()
    path = tmp_path / name
    assert not image.isNull() and image.save(str(path))
    if os.environ.get("IPDESK_SCREENSHOTS") == "1":
        out = docs_folder()
        out.mkdir(parents=True, exist_ok=True)
        image.save(str(out / name))
    return path


def ui_text(zh: str, en: str) -> str:
    """What the UI says in the tests' language: the screenshot tests run in English too (IPDESK_UI_LANG=en)."""
    return en if UI_LANG == "en" else zh
