"""The sign-in's refusal codes: raised by the user service and, before it is loaded, by the CLI and the GUI's start."""

from __future__ import annotations

from ipdesk.domain.shared.messages import register

register({
    "signin.required": ("数据库已有用户：请用 --user（或 IPDESK_USER）登录，密码取自 IPDESK_PASSWORD 或提示输入",
                        "the database has users: sign in with --user (or IPDESK_USER); the password comes from "
                        "IPDESK_PASSWORD or a prompt"),
    "signin.no_users": ("数据库中还没有用户：请先添加第一个管理员"
                        "（ipdesk user add 用户名 --role admin --password-stdin）",
                        "the database has no users yet: add the first administrator first "
                        "(ipdesk user add NAME --role admin --password-stdin)"),
    "signin.failed": ("用户名或密码错误", "wrong user name or password"),
    "signin.locked": ("账户 {name} 已锁定，请管理员解锁", "account {name} is locked; an administrator must unlock it"),
})
