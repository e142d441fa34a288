"""argparse's own messages — usage errors, the usage line — in the reader's language (Chinese unless
``--lang en`` or ``IPDESK_LANG=en``), the language of every other message of the command line."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

# argparse's message ids (Python 3.11) → Chinese; anything else (help texts) passes as it is.
ZH = {
    "usage: ": "用法：",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "expected one argument": "应给出一个值",
    "expected at most one argument": "最多给出一个值",
    "expected at least one argument": "至少给出一个值",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的取值：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "多余的参数值 %r",
    "ambiguous option: %(option)s could match %(matches)s": "选项不明确：%(option)s 可能是 %(matches)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "未知的命令 %(parser_name)r（可选：%(choices)s）",
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开 '%(filename)s'：%(error)s",
}
ZH_PLURAL = {("expected %s argument", "expected %s arguments"): "应给出 %s 个值"}


def language_of(argv: Sequence[str]) -> str:
    """The message language the command line asks for, read before the parser can say anything."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return "en" if argv[i + 1].startswith("en") else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1].startswith("en") else "zh"
    return "en" if os.environ.get("IPDESK_LANG", "zh").startswith("en") else "zh"


@contextmanager
def messages_in(lang: str) -> Iterator[None]:
    """While parsing: argparse looks its messages up through its module's ``_`` and ``ngettext``."""
    if lang == "en":
        yield
        return
    module: Any = argparse  # its private lookups: no public way to translate argparse
    plain, plural = module._, module.ngettext

    def zh(message: str) -> str:
        return ZH.get(message, plain(message))

    def zh_plural(singular: str, many: str, n: int) -> str:
        found = ZH_PLURAL.get((singular, many))
        return found if found is not None else plural(singular, many, n)

    module._ = zh
    module.ngettext = zh_plural
    try:
        yield
    finally:
        module._ = plain
        module.ngettext = plural
