"""Party names: the comparison key that treats 有限公司 / 股份有限公司 / width / script variants alike."""

from __future__ import annotations

import re

from ipdesk.domain.shared.textsearch import normalise

# Longest first, so 股份有限公司 is removed whole rather than leaving 股份.
_LEGAL_SUFFIXES = (
    "股份有限公司", "有限责任公司", "有限公司", "集团公司", "股份公司", "公司",
    "co.,ltd.", "co.,ltd", "co.ltd", "company limited", "limited", "ltd.", "ltd", "inc.", "inc",
)
_NOISE = re.compile(r"[\s\u3000,，.。·()（）\[\]【】\-—_'\"“”]+")


def name_key(name: str) -> str:
    """Key under which two spellings of the same firm compare equal (e.g. 恒顺有限公司 ≈ 恒顺股份有限公司)."""
    key = normalise(name)
    key = _NOISE.sub("", key)
    changed = True
    while changed:
        changed = False
        for suffix in _LEGAL_SUFFIXES:
            s = _NOISE.sub("", suffix)
            if key.endswith(s) and len(key) > len(s):
                key = key[: -len(s)]
                changed = True
    return key
