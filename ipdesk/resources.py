"""Where the bundled resources (fonts, icons, translations, data tables) live, without Qt.

Looked up in this order; the first existing directory wins:

1. ``$IPDESK_RESOURCES`` (an override for tests and unusual installs);
2. a PyInstaller bundle: ``sys._MEIPASS/resources`` (add ``--add-data resources:resources``);
3. a source checkout: ``<repo>/resources`` next to the ``ipdesk`` package;
4. an installed package that carries them as package data: ``ipdesk/_resources``;
5. a data-files install: ``<sys.prefix>/share/ipdesk/resources``.
"""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates() -> list[Path]:
    out: list[Path] = []
    env = os.environ.get("IPDESK_RESOURCES")
    if env:
        out.append(Path(env))
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        out.append(Path(meipass) / "resources")
    out += [_PACKAGE_DIR.parent / "resources", _PACKAGE_DIR / "_resources",
            Path(sys.prefix) / "share" / "ipdesk" / "resources"]
    return out


@lru_cache(maxsize=1)
def resources_dir() -> Path:
    """The resources directory (the source-checkout path when none exists, so errors name a real place)."""
    for cand in _candidates():
        if cand.is_dir():
            return cand
    return _PACKAGE_DIR.parent / "resources"


def resource_path(*parts: str) -> Path:
    """``resource_path("fonts", "wqy-microhei.ttc")`` → absolute path of that resource (may not exist)."""
    return resources_dir().joinpath(*parts)
