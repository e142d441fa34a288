"""Text normalisation and character-bigram tokens for searching Chinese substrings of any length.

SQLite's trigram tokenizer cannot find terms shorter than 3 characters, and many Chinese words have 2
(银行, 图像). We index each text as space-separated tokens: for every run of CJK characters its
overlapping bigrams followed by its last character, and for every Latin/digit run the lower-cased word.
A query of n >= 2 CJK characters becomes the phrase of its n-1 bigrams (adjacent tokens, so only the
exact substring matches); a single character becomes a prefix query on the tokens.
"""

from __future__ import annotations

import re
import unicodedata

# A handful of traditional forms that occur in firm names and titles; "where cheap" (issue 4).
_TRAD_TO_SIMP = str.maketrans(
    {
        "專": "专",
        "權": "权",
        "圖": "图",
        "像": "像",
        "銀": "银",
        "行": "行",
        "產": "产",
        "業": "业",
        "電": "电",
        "機": "机",
        "裝": "装",
        "置": "置",
        "術": "术",
        "學": "学",
        "國": "国",
        "華": "华",
        "東": "东",
        "廣": "广",
        "區": "区",
        "縣": "县",
        "開": "开",
        "發": "发",
        "設": "设",
        "計": "计",
        "製": "制",
        "造": "造",
        "車": "车",
        "軟": "软",
        "體": "体",
        "網": "网",
        "絡": "络",
        "鋼": "钢",
        "鐵": "铁",
        "藥": "药",
        "醫": "医",
        "療": "疗",
        "農": "农",
        "貿": "贸",
        "易": "易",
        "資": "资",
        "訊": "讯",
        "興": "兴",
        "門": "门",
        "協": "协",
        "會": "会",
        "團": "团",
        "擔": "担",
        "保": "保",
        "險": "险",
        "證": "证",
        "質": "质",
        "標": "标",
        "著": "著",
        "億": "亿",
        "萬": "万",
        "處": "处",
        "理": "理",
        "號": "号",
        "馬": "马",
        "龍": "龙",
        "蘇": "苏",
        "順": "顺",
        "蘭": "兰",
        "陽": "阳",
        "聯": "联",
        "臺": "台",
        "鳳": "凤",
        "寶": "宝",
        "達": "达",
        "實": "实",
    }
)

_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z]+")


def normalise(text: str) -> str:
    """NFKC (full-width → half-width), case-folded, traditional → simplified for common characters."""
    return unicodedata.normalize("NFKC", text or "").casefold().translate(_TRAD_TO_SIMP)


def _is_cjk(run: str) -> bool:
    return not run[0].isascii()


def tokens(text: str) -> list[str]:
    """The index tokens of ``text`` in order (see module docstring)."""
    out: list[str] = []
    for run in _RUN.findall(normalise(text)):
        if _is_cjk(run):
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
            out.append(run[-1])
        else:
            out.append(run)
    return out


def index_document(*texts: str) -> str:
    """The space-separated token document stored for a record. A phrase cannot match across two
    fields: bigrams are built per field, so no token spans the boundary."""
    return " ".join(tok for text in texts for tok in tokens(text))


def query_terms(query: str) -> list[tuple[str, list[str]]]:
    """Turn a user query into terms, each ("phrase", bigrams) or ("prefix", [token]), all to be AND-ed."""
    terms: list[tuple[str, list[str]]] = []
    for run in _RUN.findall(normalise(query)):
        if _is_cjk(run):
            if len(run) == 1:
                terms.append(("prefix", [run]))
            else:
                terms.append(("phrase", [run[i : i + 2] for i in range(len(run) - 1)]))
        else:
            terms.append(("prefix", [run]))
    return terms
