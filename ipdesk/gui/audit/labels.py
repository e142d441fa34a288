"""The audit log in words: ``pledge.register`` reads 质押登记：准予登记, ``pledge#42`` reads 质押登记 #42.

The log stores stable codes (they are hashed into the chain and never change); this table only says them.
A code not listed here is shown as stored, so a new action is never hidden.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from ipdesk.domain.audit.summaries import summary_in

#: what an audited entity type is
ENTITY_LABELS: dict[str, tuple[str, str]] = {
    "pledge": ("质押登记", "Pledge"),
    "party": ("当事人", "Party"),
    "right": ("知识产权", "Right"),
    "user": ("用户", "User"),
    "session": ("会话", "Session"),
    "signin": ("登录", "Sign-in"),
    "notice": ("通知书", "Notice"),
    "key": ("签名密钥", "Signing key"),
    "settings": ("设置", "Settings"),
    "demo": ("演示数据", "Demo data"),
}

#: what was done, by the action's last part (its first part is the entity)
VERB_LABELS: dict[str, tuple[str, str]] = {
    "create": ("新增", "created"), "update": ("修改", "updated"), "add": ("新增", "added"),
    "file": ("受理申请", "application filed"), "examine": ("审查", "examined"),
    "correction": ("发出补正通知", "correction requested"), "cure": ("补正", "corrected"),
    "waive": ("记录当事人声明", "declaration recorded"), "other_ground": ("增加其他理由", "ground added"),
    "register": ("准予登记", "registered"), "refuse": ("不予登记", "refused"), "withdraw": ("撤回", "withdrawn"),
    "change": ("变更登记", "changed"), "extend": ("延期登记", "extended"), "cancel": ("注销登记", "cancelled"),
    "issue": ("出具通知书", "notice issued"), "reprint": ("重印通知书", "notice reprinted"),
    "revoke": ("撤销通知书", "notice revoked"), "search_certificate": ("出具查询证明", "search certificate issued"),
    "trust": ("信任公钥", "key trusted"), "role": ("修改角色", "role changed"), "lock": ("锁定", "locked"),
    "unlock": ("解锁", "unlocked"), "password": ("修改密码", "password changed"), "ok": ("登录成功", "signed in"),
    "failed": ("登录失败", "sign-in failed"), "refused": ("登录被拒", "sign-in refused"),
    "calendar": ("修改节假日表", "calendar changed"), "office": ("修改机关设置", "office settings changed"),
    "load": ("载入", "loaded"),
}


def action_words(code: str) -> tuple[str, str]:
    """``pledge.register`` → (质押登记：准予登记, Pledge: registered); unknown parts stay as stored."""
    entity, _, verb = str(code).partition(".")
    what = ENTITY_LABELS.get(entity, (entity, entity))
    done = VERB_LABELS.get(verb, (verb, verb)) if verb else ("", "")
    if not verb:
        return what
    return f"{what[0]}：{done[0]}", f"{what[1]}: {done[1]}"


def entity_words(text: str) -> tuple[str, str]:
    """``pledge#42`` → (质押登记 #42, Pledge #42); a type without an id is the type's name."""
    kind, _, rest = str(text).partition("#")
    zh, en = ENTITY_LABELS.get(kind, (kind, kind))
    return (f"{zh} #{rest}", f"{en} #{rest}") if rest else (zh, en)


class _Words(Mapping[Any, tuple[str, str]]):
    """A label table the lazy table reads by value, computed rather than listed."""

    def __init__(self, words: Any):
        self._words = words

    def __getitem__(self, key: Any) -> tuple[str, str]:
        return self._words(key)  # type: ignore[no-any-return]

    def __iter__(self) -> Iterator[Any]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __bool__(self) -> bool:  # open-ended: non-empty although it lists no keys
        return True


ACTIONS = _Words(action_words)
ENTITIES = _Words(entity_words)
#: a stored summary as stored and in English (by its template; ipdesk.domain.audit.summaries)
SUMMARIES = _Words(lambda text: (text, summary_in(str(text), "en")))
