"""Text that may reach the database and the files: no NUL, no lone surrogates, bounded length and nesting.

PostgreSQL refuses a NUL character in text, and neither engine can store a lone surrogate (what Python
makes of bytes that are not UTF-8 in a command-line argument, or of a ``"\\ud800"`` escape in JSON). Both
are refused here, before the database, as bad input with a message saying where.
"""

from __future__ import annotations

import re
from typing import Any

from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem

register({
    "input.nul": ("{where}含有空字符（NUL），不能保存", "{where} contains a NUL character, which cannot be stored"),
    "input.surrogate": ("{where}不是有效的文本（含有无效的 Unicode 字符，可能不是 UTF-8 编码）",
                        "{where} is not valid text (an invalid Unicode character: not UTF-8?)"),
    "input.too_long": ("{where}过长：{length} 个字符，最多 {max} 个",
                       "{where} is too long: {length} characters, at most {max}"),
    "input.too_deep": ("{where}嵌套过深：最多 {max} 层", "{where} is nested too deeply: at most {max} levels"),
})

_BAD = re.compile("[\x00\ud800-\udfff]")
#: No application file needs more than a handful of levels; deeper is an attack on the parser.
MAX_JSON_DEPTH = 32


def text_problem(value: str, where: str, field: str = "") -> Problem | None:
    """The problem with ``value`` as text to store (None when it is fine); ``where`` names it for the reader."""
    bad = _BAD.search(value)
    if bad is None:
        return None
    code = "input.nul" if bad.group() == "\x00" else "input.surrogate"
    return Problem(code, field, {"where": where})


def has_bad_text(value: str) -> bool:
    """True when ``value`` holds a NUL or a lone surrogate (the quick test for a whole batch of values)."""
    return _BAD.search(value) is not None


def json_problems(data: Any, where: str, max_depth: int = MAX_JSON_DEPTH) -> list[Problem]:
    """Every NUL or lone surrogate in the keys and strings of parsed JSON, and nesting beyond ``max_depth``
    (walked without recursion, so a hostile file cannot exhaust the stack here either)."""
    problems: list[Problem] = []
    stack: list[tuple[Any, str, int]] = [(data, "", 1)]
    while stack:
        value, path, depth = stack.pop()
        if depth > max_depth:
            return [Problem("input.too_deep", path, {"where": where, "max": max_depth})]
        if isinstance(value, str):
            p = text_problem(value, f"{where} {path}".strip(), path)
            if p:
                problems.append(p)
        elif isinstance(value, dict):
            for k, v in value.items():
                key = str(k)
                p = text_problem(key, f"{where} {path}".strip(), path)
                if p:
                    problems.append(p)
                    continue
                stack.append((v, f"{path}.{key}" if path else key, depth + 1))
        elif isinstance(value, list):
            stack.extend((v, f"{path}[{i}]", depth + 1) for i, v in enumerate(value))
    return problems
