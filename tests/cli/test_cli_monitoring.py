"""``ipdesk monitoring add|close|list``: an invalidation request flags the right (``right show``) until closed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import _seed_world, run


def test_add_list_close(capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path) -> None:
    _seed_world(capsys, db_args, tmp_path)
    now = ["--now", "2026-12-01T10:00:00+08:00"]
    code, out = run(capsys, *db_args, *now, "monitoring", "add", "ZL 201710601862.3", "--kind", "invalidation",
                    "--on", "2026-11-28", "--counterparty", "某某科技有限公司", "--reference", "4W112233")
    assert code == 0 and out["entry"]["status"] == "open" and out["entry"]["opened_on"] == "2026-11-28"
    entry_id = out["entry"]["id"]
    assert run(capsys, *db_args, "right", "show", "2017106018623")[1]["flags"]["invalidation_requested"] is True
    code, out = run(capsys, *db_args, *now, "monitoring", "list", "--open")
    assert code == 0 and [e["id"] for e in out["entries"]] == [entry_id]
    code, out = run(capsys, *db_args, *now, "monitoring", "close", str(entry_id), "--outcome", "maintained")
    assert code == 0 and out["entry"]["closed_on"] == "2026-12-01" and out["entry"]["outcome"] == "maintained"
    assert run(capsys, *db_args, "right", "show", "2017106018623")[1]["flags"]["invalidation_requested"] is False
    code, out = run(capsys, *db_args, "monitoring", "list", "ZL 201710601862.3")
    assert code == 0 and out["entries"][0]["status"] == "closed"


def test_a_future_date_is_bad_input(capsys: pytest.CaptureFixture[str], db_args: list[str], tmp_path: Path) -> None:
    _seed_world(capsys, db_args, tmp_path)
    code, out = run(capsys, *db_args, "--lang", "en", "--now", "2026-12-01T10:00:00+08:00", "monitoring", "add",
                    "ZL 201710601862.3", "--kind", "litigation", "--on", "2026-12-05")
    assert code == 2 and out["errors"][0]["code"] == "monitoring.future_date"
    assert run(capsys, *db_args, "monitoring", "list")[1]["entries"] == []
