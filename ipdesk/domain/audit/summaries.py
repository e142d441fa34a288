"""Audit summaries in English: the stored Chinese text (hashed into the chain, never changed) read by template.

Each call site of ``audit.record`` (and each pledge event) writes a Chinese summary from a template; this
catalogue pairs every template with its English one. At display time the stored text is matched against the
templates and the English one is filled with the captured parts (a captured word from a known word list is
translated too). Text no template matches (an older wording, a new call site) is shown as stored.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: (Chinese template, English template); {name} is a variable part, {summary} a nested summary
CATALOGUE: tuple[tuple[str, str], ...] = (
    # a decision taken by a checker on a maker's behalf (the suffix of any pledge summary)
    ("{summary}（经办 {maker}，审核 {checker}）", "{summary} (prepared by {maker}, approved by {checker})"),
    # the audit trail itself
    ("留痕扩展：绑定新纳入留痕的记录（{specs}）", "Audit trail extended: records newly audited bound ({specs})"),
    ("留痕基线：绑定登记簿现有记录的状态", "Audit trail baseline: the register's existing records bound"),
    # registry
    ("新增当事人 {name}", "Party added: {name}"),
    ("修改当事人 {name}", "Party updated: {name}"),
    ("新增权利 {number} {title}", "Right added: {number} {title}"),
    ("修改权利 {number}", "Right updated: {number}"),
    ("导入当事人 {n} 条：{file}", "Parties imported ({n}): {file}"),
    ("导入权利 {n} 条：{file}", "Rights imported ({n}): {file}"),
    # office
    ("修改登记机关设置", "Office settings changed"),
    ("修改节假日与调休工作日表", "Holiday and make-up working day calendar changed"),
    # pledges: the audit entries
    ("受理质押登记申请 {application}", "Pledge application filed: {application}"),
    ("审查 {application}：{outcome}", "Examined {application}: {outcome}"),
    ("补正通知 {application}", "Correction notice for {application}"),
    ("补正 {application}", "Corrections for {application}"),
    ("{application} 记录 {code} 声明", "{application}: declaration {code} recorded"),
    ("{application} 其他理由", "{application}: other ground"),
    ("准予登记 {application}（{day}）", "Registration of {application} ({day})"),
    ("不予登记 {application}（{day}）", "Refusal of {application} ({day})"),
    ("登记 {number}", "Registered {number}"),
    ("不予登记 {application}", "Refused {application}"),
    ("撤回 {application}", "Withdrawn {application}"),
    ("变更 {number}", "Changed {number}"),
    ("延期 {number}", "Extended {number}"),
    ("注销 {number}（{trigger}，{day}）", "Cancellation of {number} ({trigger}, {day})"),
    ("注销 {number}", "Cancelled {number}"),
    # pledges: the events (the timeline of a pledge's detail)
    ("受理申请 {application}", "Application filed: {application}"),
    ("审查结论：{outcome}", "Examined: {outcome}"),
    ("发出补正通知书", "Correction notice issued"),
    ("收到补正材料", "Corrections received"),
    ("记录当事人声明（{code}）", "Parties' declaration recorded ({code})"),
    ("增加其他不予登记理由：{reason}", "Other ground for refusal added: {reason}"),
    ("准予登记，登记号 {number}", "Registered, registration number {number}"),
    ("不予登记", "Refused"),
    ("申请撤回", "Application withdrawn"),
    ("变更登记", "Change registered"),
    ("延期至 {day}", "Extended to {day}"),
    ("注销登记（{trigger}）", "Registration cancelled ({trigger})"),
    ("{verb}决定 #{id}（提交人 {maker}）：{reason}", "Decision #{id} {verb} (submitted by {maker}): {reason}"),
    ("{verb}决定 #{id}（提交人 {maker}）", "Decision #{id} {verb} (submitted by {maker})"),
    ("提交审核 #{id}：{summary}", "Submitted for approval #{id}: {summary}"),
    ("{number} {kind}（质权人同意，价款{proceeds}）", "{number} {kind} (the pledgee consents; proceeds: {proceeds})"),
    ("{number} 记录{kind}：{counterparty}", "{number}: {kind} recorded: {counterparty}"),
    ("{number} 权利人变更为 {buyer}（质权实现）", "{number}: holder changed to {buyer} (pledge enforced)"),
    # notices
    ("出具查询证明 {serial}（{n} 条）", "Search certificate {serial} issued ({n} entries)"),
    ("出具{document} {serial}", "{document} {serial} issued"),
    ("重印 {serial}", "Reprinted {serial}"),
    ("撤销通知书 {serial}：{reason}", "Notice {serial} revoked: {reason}"),
    ("撤销通知书 {serial}", "Revocation of notice {serial}"),
    ("信任公钥 {key} {label}", "Public key {key} trusted: {label}"),
    ("启用本机构签发密钥 {key}", "Office signing key {key} enabled"),
    ("更换签发密钥：{old} → {new}", "Signing key replaced: {old} → {new}"),
    ("停用密钥 {key}", "Key {key} retired"),
    ("设置签发密钥 {key} 的口令", "Passphrase set on signing key {key}"),
    ("取消签发密钥 {key} 的口令", "Passphrase removed from signing key {key}"),
    # users
    ("新增用户 {name}（{role}）", "User added: {name} ({role})"),
    ("修改用户 {name} 的角色为 {role}", "Role of user {name} changed to {role}"),
    ("锁定用户 {name}", "User {name} locked"),
    ("解锁用户 {name}", "User {name} unlocked"),
    ("修改用户 {name} 的密码", "Password of user {name} changed"),
    ("空闲锁定：用户 {name}", "Idle lock: user {name}"),
    ("登录失败：无此用户", "Sign-in failed: no such user"),
    ("登录被拒：账户已锁定", "Sign-in refused: account locked"),
    ("登录失败：密码错误（连续第 {n} 次）", "Sign-in failed: wrong password (attempt {n} in a row)"),
    ("连续 {n} 次登录失败，锁定用户 {name}", "{n} failed sign-ins in a row: user {name} locked"),
    ("用户 {name} 登录", "User {name} signed in"),
    # valuation, fees
    ("修改评估与质押率设置", "Valuation and pledge rate settings changed"),
    ("评估 {numbers}：{value} 元", "Valuation of {numbers}: {value} yuan"),
    ("价值分析权重（{day} 起）", "Value analysis weights (from {day})"),
    ("价值分析 {number}：价值度 {degree}", "Value analysis of {number}: value degree {degree}"),
    ("缴纳年费 {number} 第{year}年 {amount} 元", "Annual fee paid: {number}, year {year}, {amount} yuan"),
    # custody
    ("新增托管协议 {agreement}（{custodian}，{n} 项权利）",
     "Custody agreement added: {agreement} ({custodian}, {n} rights)"),
    ("托管协议 {agreement} 加入 {n} 项质押专利", "Custody agreement {agreement}: {n} pledged patents admitted"),
    ("维权托管结案：{number} {outcome}", "Enforcement case closed: {number} {outcome}"),
    ("维权托管：{number} {kind}", "Enforcement: {number} {kind}"),
    # insurance
    ("修改保险资格与补贴规则", "Insurance eligibility and subsidy rules changed"),
    ("录入保单 {policy}", "Policy entered: {policy}"),
    ("保单 {policy} 报案 {claim}", "Claim {claim} reported on policy {policy}"),
    ("理赔 {claim} {step}", "Claim {claim} {step}"),
    # loans
    ("修改贷款设置", "Loan settings changed"),
    ("登记贷款 {loan}", "Loan registered: {loan}"),
    ("贷款 {loan} {kind} {amount}", "Loan {loan} {kind} {amount}"),
    ("贷款 {loan} {kind}", "Loan {loan} {kind}"),
    # risk
    ("修改风险预警规则", "Risk alert rules changed"),
    ("风险预警扫描 {day}：新增 {opened}，解除 {cleared}", "Risk scan {day}: {opened} opened, {cleared} cleared"),
    ("预警 #{id}（{number}）{action}", "Alert #{id} ({number}): {action}"),
    # marketplace, funds, matchmaking
    ("挂牌标的 {lot}", "Lot listed: {lot}"),
    ("{lot} {verb}{mode} {auction}（起拍价 {start}）", "{lot}: {mode} {auction} {verb} (starting price {start})"),
    ("{auction} 竞买人 {bidder} 交纳保证金 {amount}", "{auction}: bidder {bidder} paid a deposit of {amount}"),
    ("{auction} 竞买人 {bidder} 出价 {amount}", "{auction}: bidder {bidder} bid {amount}"),
    ("{auction} 成交 {price}", "{auction} sold for {price}"),
    ("{auction} 成交", "{auction} sold"),
    ("{auction} 流拍", "{auction} unsold"),
    ("{deal} 买受人悔拍，保证金 {amount} 不予退还", "{deal}: the buyer defaulted, the deposit of {amount} is kept"),
    ("{deal} 收到价款 {amount}", "{deal}: payment of {amount} received"),
    ("{deal} 出具成交确认书 {serial}（{price} 元）", "{deal}: deal confirmation {serial} issued ({price} yuan)"),
    ("设立专利池 {pool} {name}", "Patent pool set up: {pool} {name}"),
    ("{pool} 成员重新加入：{name}", "{pool}: member rejoined: {name}"),
    ("{pool} 成员加入：{name}", "{pool}: member joined: {name}"),
    ("{pool} 成员退出", "{pool}: member left"),
    ("{pool} 许可收入 {amount} 元分配", "{pool}: licence income of {amount} yuan distributed"),
    ("{pool} 信托计划变更", "{pool}: trust plan changed"),
    ("设立补偿资金池 {name}", "Compensation fund set up: {name}"),
    ("{fund} {kind} {amount}（{case}）", "{fund} {kind} {amount} ({case})"),
    ("{fund} {kind} {amount}", "{fund} {kind} {amount}"),
    ("银企对接会 {event} {name}", "Bank-enterprise matchmaking event {event}: {name}"),
    ("{line} {bank} 向 {firm} 授信 {amount} 元", "{line}: {bank} offers {firm} credit of {amount} yuan"),
    ("{line} 转为质押申请 {application}", "{line} became pledge application {application}"),
    ("{line} 批准", "{line} approved"),
    ("{line} 撤回", "{line} withdrawn"),
    # disposal
    ("启动处置 {case}", "Disposal started: {case}"),
    ("处置 {case} 补充材料", "Disposal {case}: documents added"),
    ("处置 {case}：撤回至 {stage}", "Disposal {case}: back to {stage}"),
    ("处置 {case}：{stage} → {next}", "Disposal {case}: {stage} → {next}"),
    ("处置 {case} 清偿分配", "Disposal {case}: settlement"),
    ("处置 {case} 事后收回 {amount}", "Disposal {case}: {amount} recovered afterwards"),
)

#: words a summary takes from a label table (a stage, a notice kind, a claim step…), each in English
WORDS: dict[str, str] = {
    # notices and documents
    "登记通知书": "Registration notice", "不予登记通知书": "Refusal notice", "补正通知书": "Correction notice",
    "变更通知书": "Change notice", "注销通知书": "Cancellation notice", "查询证明": "Search certificate",
    # decisions, auctions, transactions
    "确认": "confirmed", "退回": "returned", "开始": "opened", "转让": "Assignment", "许可": "Licence",
    "拍卖": "English auction", "变卖": "sale", "招投标": "sealed tender", "协议转让": "negotiated sale",
    "挂牌交易": "fixed-price listing",
    # compensation fund entries
    "注资": "contribution", "补偿": "compensation", "收回": "recovery",
    # insurance claims, risk actions
    "审核": "checked", "核定": "approved", "拒赔": "rejected", "赔付": "paid",
    "备注": "note", "叫停": "halt", "催收": "collect",
    # disposal stages
    "违约通知": "default notice", "处置评估": "valuation for disposal", "处置方式": "route", "挂牌": "listing",
    "成交": "deal", "清偿分配": "settlement", "转让登记": "transfer recordal", "质押注销": "pledge cancellation",
    "结案": "closed",
}

_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_NESTED = "summary"


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The templates as anchored patterns, the most literal text first (so 出具查询证明 … beats 出具{document} …)."""
    compiled = []
    for zh, en in CATALOGUE:
        parts = _PLACEHOLDER.split(zh)  # literal, name, literal, name, …
        literal = "".join(parts[0::2])
        pattern = "".join(re.escape(p) if i % 2 == 0 else f"(?P<{p}>.+?)" for i, p in enumerate(parts))
        compiled.append((len(literal), re.compile(pattern, re.DOTALL), en))
    compiled.sort(key=lambda c: -c[0])  # stable: equal lengths keep the catalogue's order
    return tuple((pattern, en) for _, pattern, en in compiled)


def summary_in(text: str, lang: str) -> str:
    """A stored summary in ``lang``: Chinese as stored; English by its template, or as stored if none matches."""
    if not lang.startswith("en") or not text:
        return text
    for pattern, en in _compiled():
        match = pattern.fullmatch(text)
        if match is None:
            continue
        values = {
            name: summary_in(value, lang) if name == _NESTED else WORDS.get(value, value)
            for name, value in match.groupdict().items()
        }
        return en.format(**values)
    return text
