"""The catalogue of problem messages in Chinese (primary) and English, keyed by problem code.

Modules that define problem codes register their templates here with :func:`register`, so each rule's
wording sits next to the rule and the catalogue stays one lookup. Templates use ``str.format`` fields
named after the problem's params. A param may itself be coded — anything with ``message(lang)`` (a
:class:`~ipdesk.domain.shared.problems.Problem`, an examination finding) or a list of them — and is then
rendered in the same language, so a refusal that quotes other problems reads whole in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_CATALOGUE: dict[str, tuple[str, str]] = {}
# Chinese field labels → English, so a problem built with the Chinese label reads well in English too.
_LABELS_EN: dict[str, str] = {}


@dataclass(frozen=True)
class Message:
    """A coded text that is not a problem (a summary, a status line): the reader's front end renders it."""

    code: str
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    def message(self, lang: str = "zh") -> str:
        return render(self.code, self.params, lang)


def register_labels(pairs: dict[str, tuple[str, str]] | dict[str, str]) -> None:
    """Register field labels: ``{key: (zh, en)}`` or ``{zh: en}``."""
    for key, value in pairs.items():
        if isinstance(value, tuple):
            _LABELS_EN[value[0]] = value[1]
        else:
            _LABELS_EN[key] = value


def register(templates: dict[str, tuple[str, str]]) -> None:
    """Add ``{code: (zh, en)}`` templates; a code registered twice with different text is a bug."""
    for code, pair in templates.items():
        old = _CATALOGUE.get(code)
        if old is not None and old != pair:
            raise ValueError(f"message code {code!r} registered twice with different text")
        _CATALOGUE[code] = pair


def render(code: str, params: dict[str, Any], lang: str = "zh") -> str:
    """The message for ``code`` in ``lang`` ("zh" or "en"); unknown codes show the code itself."""
    pair = _CATALOGUE.get(code)
    if pair is None:
        return code + (" " + repr(params) if params else "")
    english = lang.startswith("en")
    template = pair[1] if english else pair[0]
    if english and params:
        params = {k: (params.get(f"{k}_en") or _LABELS_EN.get(v, v) if isinstance(v, str) else v)
                  for k, v in params.items()}
    if params and any(_is_coded(v) for v in params.values()):
        params = {k: param_text(v, lang) if _is_coded(v) else v for k, v in params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def _is_coded(value: Any) -> bool:
    if isinstance(value, (list, tuple)):
        return bool(value) and all(callable(getattr(v, "message", None)) for v in value)
    return callable(getattr(value, "message", None))


def param_text(value: Any, lang: str = "zh") -> str:
    """A param as text in ``lang``: nested problems rendered (lists joined), anything else ``str``."""
    if isinstance(value, (list, tuple)) and _is_coded(value):
        return ("; " if lang.startswith("en") else "；").join(v.message(lang) for v in value)
    if _is_coded(value):
        return str(value.message(lang))
    return str(value)


def known_codes() -> set[str]:
    return set(_CATALOGUE)


register(
    {
        "required": ("{label}不能为空", "{label} is required"),
        "not_found": ("未找到{what}：{key}", "{what} not found: {key}"),
        "bad_date": ("日期格式应为 yyyy-MM-dd：{value}", "date must be yyyy-MM-dd: {value}"),
        "bad_decimal": (
            "金额应为数字，最多两位小数：{value}",
            "amount must be a number with at most 2 decimals: {value}",
        ),
        "permission": ("用户 {user}（{role}）无权执行：{action}", "user {user} ({role}) may not: {action}"),
        "stale": ("记录已被他人修改，请刷新后重试", "the record was changed by someone else; refresh and retry"),
    }
)


# Used wherever a file is read (an application, an import, a key): registered with the catalogue itself so
# no reader ever sees the bare code because the module that reads the file happened not to be loaded.
register({"import.unreadable": ("无法读取文件：{reason}", "cannot read the file: {reason}")})
