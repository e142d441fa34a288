"""GUI test fixtures: an ipdesk-configured QApplication, settings in a temp folder, Chinese UI by default."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # so `tests.gui.helpers` imports however pytest was started
    sys.path.insert(0, str(ROOT))

import pytest  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402

from ipdesk.gui import i18n  # noqa: E402
from ipdesk.gui.application import create_application  # noqa: E402
from ipdesk.gui.settings import Settings, use_settings  # noqa: E402
from ipdesk.gui.tasks import runner  # noqa: E402
from tests.gui.helpers.screenshots import UI_LANG  # noqa: E402

HERE = Path(__file__).resolve().parent
UI_LOCALE = "en" if UI_LANG == "en" else "zh_CN"  # Chinese; IPDESK_UI_LANG=en for the English screenshots
#: Qt messages that are not problems: what the offscreen platform plugin cannot do (no window manager).
BENIGN_QT_MESSAGES = (
    r"This plugin does not support (propagateSizeHints\(\)|raise\(\)|grabbing the (keyboard|mouse))",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.qt_log_ignore(*BENIGN_QT_MESSAGES))


@pytest.fixture(scope="session")
def ipdesk_app(qapp):
    """The pytest-qt QApplication, configured as ipdesk configures its own (font, style, translators)."""
    return create_application([], locale=UI_LOCALE, excepthook=False)


@pytest.fixture(autouse=True)
def gui_settings(ipdesk_app, tmp_path):
    """Every test writes settings into its own temp folder, never into the user's ipdesk.ini."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    s = Settings()
    use_settings(s)
    yield s
    runner().wait(10_000)
    ipdesk_app.processEvents()
    use_settings(None)
    if i18n.current_lang() != i18n.lang_of(UI_LOCALE):
        i18n.install_translators(UI_LOCALE)


@pytest.fixture
def message_mock(monkeypatch):
    """Every message box collected instead of shown; questions answered yes (``message_mock.answer``)."""
    from tests.gui.helpers.messagemock import install

    return install(monkeypatch)
