"""Typed option registry over QSettings: every key is declared once here, with its type and default.

The Picard pattern (``picard/config.py`` + ``picard/options.py``): code never calls ``QSettings``
directly; it reads and writes :class:`Option` objects through :class:`Settings`, which refuses keys that
are not registered. Options whose key contains ``{name}`` are families (one value per table, per
splitter…); ``Settings.get(TABLE_HEADER, "rights")`` reads ``tables/rights/header``.

Settings are stored as an INI file in every OS (``~/.config/ipdesk/ipdesk.ini`` on Linux,
``%APPDATA%\\ipdesk\\ipdesk.ini`` on Windows): readable, easy to back up, and tests redirect them with
``QSettings.setPath(IniFormat, UserScope, tmp)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from ipdesk import APP_NAME, ORG_NAME


@dataclass(frozen=True)
class Option:
    """One setting: key (may contain ``{name}``), value type, default and the allowed values if any."""

    key: str
    type: type
    default: Any
    doc: str = ""
    choices: tuple[Any, ...] = field(default=())

    @property
    def is_family(self) -> bool:
        return "{name}" in self.key

    def key_for(self, name: str | None = None) -> str:
        if self.is_family:
            if not name or "/" in name:
                raise KeyError(f"option {self.key!r} needs a plain name, got {name!r}")
            return self.key.format(name=name)
        if name is not None:
            raise KeyError(f"option {self.key!r} takes no name")
        return self.key

    def pattern(self) -> re.Pattern[str]:
        return re.compile("^" + re.escape(self.key).replace(r"\{name\}", "[^/]+") + "$")


REGISTRY: dict[str, Option] = {}


def option(key: str, type_: type, default: Any, doc: str = "", choices: tuple[Any, ...] = ()) -> Option:
    """Declare an option; a key declared twice is a bug."""
    if key in REGISTRY:
        raise ValueError(f"option {key!r} declared twice")
    opt = Option(key, type_, default, doc, choices)
    REGISTRY[key] = opt
    return opt


def is_registered_key(key: str) -> bool:
    """Whether a concrete QSettings key belongs to a declared option."""
    return any(opt.pattern().match(key) for opt in REGISTRY.values())


# ---- the options -------------------------------------------------------------------------------------

LANGUAGE = option("ui/language", str, "zh_CN", "UI language (zh_CN primary, en)", ("zh_CN", "en"))
WINDOW_GEOMETRY = option("mainwindow/geometry", QByteArray, QByteArray(), "main window geometry")
WINDOW_STATE = option("mainwindow/state", QByteArray, QByteArray(), "main window toolbars/docks")
CURRENT_AREA = option("mainwindow/area", str, "rights", "navigation area shown last")
SPLITTER_STATE = option("splitters/{name}", QByteArray, QByteArray(), "a QSplitter's sizes")
TABLE_HEADER = option("tables/{name}/header", QByteArray, QByteArray(), "column order, widths, hidden")
PAGE_SIZE = option("tables/page_size", int, 200, "rows fetched per SQL page in lazy tables")
LAST_IMPORT_DIR = option("paths/last_import_dir", str, "", "folder of the last imported file")
LAST_EXPORT_DIR = option("paths/last_export_dir", str, "", "folder of the last exported file")
DATABASE_URL = option("database/url", str, "", "database URL override (empty: IPDESK_DATABASE_URL or SQLite)")


# ---- access ------------------------------------------------------------------------------------------


def _qsettings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG_NAME, APP_NAME)


def _convert(opt: Option, raw: Any) -> Any:
    if raw is None:
        return opt.default
    try:
        if opt.type is QByteArray:
            if isinstance(raw, QByteArray):
                return raw
            return QByteArray(raw if isinstance(raw, bytes) else str(raw).encode("latin-1"))
        if opt.type is bool:
            return raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
        if opt.type is int:
            return int(raw)
        if opt.type is str:
            return str(raw)
        if opt.type is list:
            return list(raw) if isinstance(raw, (list, tuple)) else ([] if raw == "" else [str(raw)])
    except (TypeError, ValueError):
        return opt.default
    return raw


class Settings(QObject):
    """The application's settings: typed get/set over QSettings, only for registered options.

    Signals:
        changed(key, value): emitted after ``set`` changes a stored value.
    """

    changed = Signal(str, object)

    def __init__(self, qsettings: QSettings | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self._qs = qsettings if qsettings is not None else _qsettings()

    def get(self, opt: Option, name: str | None = None) -> Any:
        key = self._check(opt).key_for(name)
        value = _convert(opt, self._qs.value(key))
        if opt.choices and value not in opt.choices:
            return opt.default
        return value

    def set(self, opt: Option, value: Any, name: str | None = None) -> None:
        key = self._check(opt).key_for(name)
        if opt.choices and value not in opt.choices:
            raise ValueError(f"{key}: {value!r} is not one of {opt.choices}")
        if opt.type is not QByteArray and not isinstance(value, opt.type):
            raise TypeError(f"{key}: expected {opt.type.__name__}, got {type(value).__name__}")
        old = self.get(opt, name)
        self._qs.setValue(key, value)
        if old != value:
            self.changed.emit(key, value)

    def remove(self, opt: Option, name: str | None = None) -> None:
        self._qs.remove(self._check(opt).key_for(name))

    def stored_keys(self) -> list[str]:
        return list(self._qs.allKeys())

    def file_name(self) -> str:
        return self._qs.fileName()

    def sync(self) -> None:
        self._qs.sync()

    @staticmethod
    def _check(opt: Option) -> Option:
        if REGISTRY.get(opt.key) is not opt:
            raise KeyError(f"unregistered option {opt.key!r}")
        return opt

    # typed conveniences used in many places
    @property
    def language(self) -> str:
        return self.get(LANGUAGE)

    @property
    def lang(self) -> str:
        """The UI language as the domain spells it: "zh" or "en"."""
        return "en" if self.language.startswith("en") else "zh"


_current: Settings | None = None


def settings() -> Settings:
    """The process-wide :class:`Settings` (created on first use)."""
    global _current
    if _current is None:
        _current = Settings()
    return _current


def use_settings(new: Settings | None) -> None:
    """Replace the process-wide settings (tests, or after the settings file moved)."""
    global _current
    _current = new


def database_url_override() -> str:
    """The database URL set in the GUI's settings page, or ``""``; usable before a QApplication exists."""
    return Settings(_qsettings()).get(DATABASE_URL)
