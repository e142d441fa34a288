"""The trademark bundling rule's notion of "identical or similar" marks on "similar" goods (a simplification).

注册商标专用权质押登记程序规定 第三条: identical or similar marks registered on identical or similar goods or
services must be pledged together. Real similarity is an examiner's judgement over the 类似商品和服务区分表
(sub-groups, not whole classes) and over the marks' sound, look and meaning. ipdesk approximates it:

- **Marks** are "identical or similar" when their normalised names are equal or one contains the other.
  Normalisation: NFKC, case-folding, and removing spaces, punctuation and symbols. A mark whose name
  normalises to nothing (a purely figurative mark) is compared with nothing.
- **Goods** are "similar" when the marks' Nice classes share a similarity group of the table
  ``resources/data/trademark_similarity.json`` — data, not code, so the office can edit it. With
  ``same_class_similar`` on, every class is similar to itself.

This module is pure: :meth:`SimilarityTable.from_json` takes the parsed JSON; :func:`load_similarity_table`
is a small helper that reads the file for callers who have a path.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

NICE_CLASSES = range(1, 46)


def normalise_mark_name(name: str) -> str:
    """NFKC, case-folded, with whitespace, punctuation and symbols removed ("Sun-Ray ®" → "sunray")."""
    text = unicodedata.normalize("NFKC", name or "").casefold()
    return "".join(ch for ch in text if unicodedata.category(ch)[0] not in "PZSC")


def names_similar(a: str, b: str) -> bool:
    """Equal or one contains the other, after normalisation; empty names match nothing."""
    na, nb = normalise_mark_name(a), normalise_mark_name(b)
    if not na or not nb:
        return False
    return na == nb or na in nb or nb in na


@dataclass(frozen=True)
class SimilarityGroup:
    """Nice classes whose goods/services are treated as similar to each other."""

    id: str
    classes: frozenset[int]
    label_zh: str = ""
    label_en: str = ""


@dataclass(frozen=True)
class SimilarityTable:
    """Groups of Nice classes judged similar; ``same_class_similar``: a class is similar to itself."""

    groups: tuple[SimilarityGroup, ...] = ()
    same_class_similar: bool = True
    source: str = ""
    _by_class: dict[int, frozenset[str]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_class: dict[int, set[str]] = {}
        for g in self.groups:
            for c in g.classes:
                by_class.setdefault(c, set()).add(g.id)
        object.__setattr__(self, "_by_class", {c: frozenset(ids) for c, ids in by_class.items()})

    @classmethod
    def from_json(cls, obj: Mapping[str, Any]) -> SimilarityTable:
        """Build from the parsed JSON (see ``resources/data/trademark_similarity.json``).

        Raises ValueError for a malformed table (unknown class number, group without an id).
        """
        groups = []
        for raw in obj.get("groups", []):
            gid = str(raw.get("id", "")).strip()
            if not gid:
                raise ValueError("similarity group without an id")
            classes = frozenset(int(c) for c in raw.get("classes", []))
            bad = [c for c in classes if c not in NICE_CLASSES]
            if bad:
                raise ValueError(f"group {gid!r}: not Nice classes (1-45): {bad}")
            groups.append(
                SimilarityGroup(gid, classes, str(raw.get("label_zh", "")), str(raw.get("label_en", "")))
            )
        return cls(tuple(groups), bool(obj.get("same_class_similar", True)), str(obj.get("source", "")))

    @classmethod
    def same_class_only(cls) -> SimilarityTable:
        """The fallback when no table is loaded: goods are similar only within one Nice class."""
        return cls((), True, "built-in: same class only")

    def groups_of(self, nice_class: int) -> frozenset[str]:
        return self._by_class.get(nice_class, frozenset())

    def classes_similar(self, a: int, b: int) -> bool:
        if a == b and self.same_class_similar:
            return True
        return bool(self.groups_of(a) & self.groups_of(b))

    def goods_similar(self, classes_a: Iterable[int], classes_b: Iterable[int]) -> bool:
        """True when some class of ``a`` is similar to some class of ``b``."""
        bs = list(classes_b)
        return any(self.classes_similar(x, y) for x in classes_a for y in bs)


def load_similarity_table(path: str | Path) -> SimilarityTable:
    """Read and parse a similarity table file (UTF-8 JSON)."""
    with open(path, encoding="utf-8") as fh:
        return SimilarityTable.from_json(json.load(fh))
