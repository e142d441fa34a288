"""What the notice dialogs share: the kinds of a pledge notice and their names, the dialogs' language."""

from __future__ import annotations

from collections.abc import Sequence

from ipdesk.domain.notices.notice import NoticeKind
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.i18n import current_lang
from ipdesk.services.notices.service import KIND_NAMES

#: the kinds a pledge notice can be (the search certificate comes from the register search)
PLEDGE_KINDS = (
    NoticeKind.REGISTRATION,
    NoticeKind.REFUSAL,
    NoticeKind.CORRECTION,
    NoticeKind.CHANGE,
    NoticeKind.CANCELLATION,
)
#: which notice the print action offers first: the latest decision a pledge normally has
_PREFERENCE = (
    NoticeKind.CANCELLATION,
    NoticeKind.CHANGE,
    NoticeKind.REGISTRATION,
    NoticeKind.REFUSAL,
    NoticeKind.CORRECTION,
)


def kind_name(kind: NoticeKind | str, lang: str = "zh") -> str:
    return pick(KIND_NAMES[NoticeKind(kind)], lang)


def default_kind(kinds: Sequence[NoticeKind]) -> NoticeKind | None:
    for k in _PREFERENCE:
        if k in kinds:
            return k
    return kinds[0] if kinds else None


def dialog_lang(lang: str | None) -> str:
    return lang or current_lang()
