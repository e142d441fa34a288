"""One stand-in for every message box (qutebrowser's ``messagemock``): what was said, and the answer.

The GUI opens boxes only through ``ipdesk.gui.messages``; the ``message_mock`` fixture replaces its
functions once, so no test patches a module's private copy.
"""

from __future__ import annotations

from typing import Any

import pytest

from ipdesk.gui import messages


class MessageMock:
    """Collects ``(title, text)`` of every box (``text`` includes the detail line); ``ask`` answers
    ``answer``."""

    def __init__(self) -> None:
        self.said: list[tuple[str, str]] = []
        self.warnings: list[tuple[str, str]] = []
        self.answer = True

    def _say(self, title: str, text: str, detail: str = "") -> tuple[str, str]:
        entry = (title, text + ("\n" + detail if detail else ""))
        self.said.append(entry)
        return entry

    def tell(self, _parent: Any, title: str, text: str, *, warning: bool = False, detail: str = "",
             details: str = "", actions: Any = (), name: str = "") -> None:
        entry = self._say(title, text, detail)
        if warning:
            self.warnings.append(entry)

    def ask(self, _parent: Any, title: str, text: str, detail: str = "", **_buttons: Any) -> bool:
        self._say(title, text, detail)
        return self.answer

    def critical(self, _parent: Any, title: str, text: str, detail: str = "", details: str = "") -> None:
        self.warnings.append(self._say(title, text, detail))

    def texts(self) -> str:
        return "\n".join(text for _title, text in self.said)


def install(monkeypatch: pytest.MonkeyPatch) -> MessageMock:
    mock = MessageMock()
    for name in ("tell", "ask", "critical"):
        monkeypatch.setattr(messages, name, getattr(mock, name))
    return mock
