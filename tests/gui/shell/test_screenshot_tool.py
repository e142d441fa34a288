"""The docs' screenshot tool: 1360 px wide unless told, the English set in its own folder with the same names."""

from __future__ import annotations

from pathlib import Path

from ipdesk.gui.screenshots import DEFAULT_WIDTH, parse_args


def test_the_docs_are_rendered_at_1360_px_unless_told() -> None:
    args = parse_args([])
    assert DEFAULT_WIDTH == 1360 and args.width == 1360 and Path(args.out) == Path("docs/screenshots")
    assert parse_args(["out", "en", "--width", "1440"]).width == 1440
