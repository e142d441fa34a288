"""The refusal grounds as implemented: codes, families and the articles they come from."""

from __future__ import annotations

from dataclasses import dataclass

from ipdesk.domain.pledges.application import WAIVABLE_CODES, Document
from ipdesk.domain.pledges.examination import messages  # noqa: F401 - ground_table renders the titles
from ipdesk.domain.shared.messages import render

PM = "《专利权质押登记办法》"  # 国家知识产权局公告第461号（2021）
TMR = "《注册商标专用权质押登记程序规定》"  # 国家知识产权局公告第358号（2020）
CRM = "《著作权质权登记办法》"  # 国家版权局令第8号（2010）
CIVIL_428 = "《民法典》第四百二十八条"

# Article numbers of the trademark rule in one place: the 2020 text was not checked verbatim
# (DOMAIN.md §2 gives "Art. 5" (K) for the grounds; the 2009/2020 rule as recalled numbers them Art. 8).
TM_GROUNDS_ART = "第八条"
TM_DOCS_ART = "第四条"
TM_CONTRACT_ART = "第五条"
#: what each family's rules say about the documents and the contract (DOC cites only the families present)
DOC_FAMILY_ARTICLES = {
    "patent": f"{PM}第七条、第八条",
    "trademark": f"{TMR}{TM_DOCS_ART}、{TM_CONTRACT_ART}",
    "copyright": f"{CRM}第六条、第七条",
}
TM_BUNDLING_ART = "第三条"

_CN_NUM = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二"]


def _item(n: int) -> str:
    return f"第（{_CN_NUM[n]}）项"


@dataclass(frozen=True)
class Ground:
    """One refusal ground as implemented: its code, family, article and whether it is per right."""

    code: str
    family: str  # "patent", "trademark", "copyright" or "" (DOC)
    article: str
    per_right: bool
    waivable: bool = False


def _p(n: int, extra: str = "") -> str:
    return f"{PM}第十一条{_item(n)}{extra}"


def _tm(n: int, extra: str = "") -> str:
    return f"{TMR}{TM_GROUNDS_ART}{_item(n)}{extra}"


def _cr(n: int, extra: str = "") -> str:
    return f"{CRM}第十二条{_item(n)}{extra}"


GROUNDS: dict[str, Ground] = {
    g.code: g
    for g in [
        Ground("P1", "patent", _p(1), True),
        Ground("P2", "patent", _p(2), True),
        Ground("P3", "patent", _p(3), True),
        Ground("P4", "patent", _p(4), True),
        Ground("P5", "patent", _p(5), True),
        Ground("P6", "patent", _p(6), True),
        Ground("P7", "patent", _p(7, f"、第八条；{CIVIL_428}"), False),
        Ground("P8", "patent", _p(8), True),
        Ground("P9", "patent", _p(9), True),
        Ground("P10", "patent", _p(10), True, waivable=True),
        Ground("P11", "patent", _p(11), True, waivable=True),
        Ground("P12", "patent", _p(12), False),
        Ground("TM1", "trademark", _tm(1), True),
        Ground("TM2", "trademark", _tm(3), True),
        Ground("TM3", "trademark", _tm(4), True),
        Ground("TM4", "trademark", f"{TMR}{TM_BUNDLING_ART}", True),
        Ground("TM5", "trademark", _tm(5), True),
        Ground("TM6", "trademark", _tm(2, f"；{CIVIL_428}"), False),
        Ground("TM7", "trademark", _tm(5), True),
        Ground("TM8", "trademark", _tm(5), False),
        Ground("CR1", "copyright", _cr(1), True),
        Ground("CR2", "copyright", _cr(3), True),
        Ground("CR3", "copyright", _cr(4), True),
        Ground("CR4", "copyright", _cr(5), True),
        Ground("CR5", "copyright", _cr(2, f"；{CIVIL_428}"), False),
        Ground("CR6", "copyright", _cr(6), True),
        Ground("CR7", "copyright", _cr(6), False),
        Ground("DOC", "", "；".join(DOC_FAMILY_ARTICLES.values()), False),
    ]
}
assert WAIVABLE_CODES == {c for c, g in GROUNDS.items() if g.waivable}

OTHER_CODE = {"patent": "P12", "trademark": "TM8", "copyright": "CR7"}

DOC_ARTICLES = {"patent": f"{PM}第七条", "trademark": f"{TMR}{TM_DOCS_ART}", "copyright": f"{CRM}第六条"}
CLAUSE_ARTICLES = {
    "patent": f"{PM}第八条",
    "trademark": f"{TMR}{TM_CONTRACT_ART}",
    "copyright": f"{CRM}第七条",
}
# Documents only some families list; others fall back to DOC_ARTICLES of every family present.
DOC_FAMILIES: dict[Document, set[str]] = {
    Document.MAIN_CONTRACT: {"trademark", "copyright"},
    Document.LICENCE_CONTRACTS: {"copyright"},
    Document.VALUATION_REPORT: {"patent", "copyright"},
}
DOC_SPECIAL_ARTICLES: dict[Document, dict[str, str]] = {
    Document.CO_OWNERS_CONSENT: {
        "patent": f"{PM}第四条",
        "trademark": f"{TMR}{TM_BUNDLING_ART}",
        "copyright": f"{CRM}第六条",
    },
    Document.WAIVER_DECLARATION: {"patent": f"{PM}第十一条"},
}


def ground_table(lang: str = "zh") -> list[dict[str, str]]:
    """Every ground as implemented: code, title, article (for documents, the CLI and the GUI legend)."""
    return [
        {
            "code": g.code,
            "family": g.family,
            "title": render(f"exam.{g.code}", {}, lang),
            "article": g.article,
            "per_right": "yes" if g.per_right else "no",
            "waivable": "yes" if g.waivable else "no",
        }
        for g in GROUNDS.values()
    ]
