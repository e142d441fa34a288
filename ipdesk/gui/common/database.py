"""How the GUI names the database it works on (status bar, settings, self-check), never with the password."""

from __future__ import annotations

from urllib.parse import urlsplit


def describe_database(url: str) -> str:
    """``SQLite /path/ipdesk.sqlite3`` or ``PostgreSQL host:5432/db`` (never the password)."""
    if not url:
        return "-"
    if url.startswith("sqlite"):
        path = url.split(":///", 1)[1] if ":///" in url else url
        return f"SQLite {path or ':memory:'}"
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    return f"PostgreSQL {host}{port}{parts.path or ''}"
