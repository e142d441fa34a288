"""The QApplication: names, Fusion style, the shipped CJK font, translators and the crash dialog."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from ipdesk import APP_NAME, ORG_NAME, __version__
from ipdesk.gui import i18n
from ipdesk.gui.errors import install_excepthook
from ipdesk.gui.settings import settings
from ipdesk.resources import resource_path as resource

log = logging.getLogger(__name__)

FONT_FILE = ("fonts", "wqy-microhei.ttc")
FONT_POINT_SIZE = 10
_font_families: list[str] = []


def load_cjk_font() -> list[str]:
    """Register the shipped WenQuanYi Micro Hei; returns its families (empty if the file is missing).

    Chinese must render on a machine with no CJK font installed, so the app font is set to the shipped
    family rather than relying on fontconfig fallbacks.
    """
    if _font_families:
        return _font_families
    path = resource(*FONT_FILE)
    font_id = QFontDatabase.addApplicationFont(str(path)) if path.is_file() else -1
    if font_id < 0:
        log.warning("CJK font %s could not be loaded; Chinese may render as boxes", path)
        return []
    _font_families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return _font_families


def apply_app_font(app: QGuiApplication) -> None:
    families = load_cjk_font()
    if not families:
        return
    font = QFont(app.font())
    font.setFamilies([families[0], *font.families()])
    font.setPointSize(FONT_POINT_SIZE)
    app.setFont(font)


def create_application(
    argv: Sequence[str] | None = None, *, locale: str | None = None, excepthook: bool = True
) -> QApplication:
    """Create (or configure the existing) QApplication for ipdesk.

    Args:
        argv: command-line arguments for Qt (``sys.argv`` if None).
        locale: ``"zh_CN"`` or ``"en"``; defaults to the remembered UI language.
        excepthook: install the crash dialog as ``sys.excepthook`` (tests pass False).
    """
    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv if argv is not None else sys.argv))
    assert isinstance(app, QApplication)
    QGuiApplication.setApplicationDisplayName("ipdesk")
    app.setStyle("Fusion")
    app.setPalette(_palette(app.style().standardPalette()))
    apply_app_font(app)
    app.setWindowIcon(QIcon(str(resource("icons", "app.svg"))))
    i18n.install_translators(locale or settings().language)
    if excepthook:
        install_excepthook()
    return app


def _palette(base: QPalette) -> QPalette:
    """Fusion's light palette with a restrained blue highlight."""
    pal = QPalette(base)
    pal.setColor(QPalette.ColorRole.Highlight, "#2f6fb0")
    pal.setColor(QPalette.ColorRole.Link, "#1f5f99")
    return pal
