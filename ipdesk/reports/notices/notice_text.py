"""What a notice says, as plain text: the decision wording, the parties, the registration particulars and
the closing line, shared by every layout (:mod:`.notice_pdf`'s platypus pages, :mod:`.notice_direct`'s)."""

from __future__ import annotations

from typing import Any

from ipdesk.domain.notices.notice import (
    FAMILY_TERMS,
    Notice,
    NoticeKind,
    NoticeParty,
    RightFamily,
    china_date,
    format_yuan,
    rmb_uppercase,
)

AMOUNT_LABEL = "被担保债权数额"


def names(parties: Any) -> str:
    return "、".join(p.name for p in parties if p is not None and p.name)


def party_rows(notice: Notice) -> list[tuple[str, NoticeParty]]:
    """(role, party) in the order printed: the pledgors, the pledgee, the debtor."""
    rows: list[tuple[str, NoticeParty]] = [("出质人", p) for p in notice.pledgors if p is not None]
    rows += [(role, p) for role, p in (("质权人", notice.pledgee), ("债务人", notice.debtor)) if p is not None]
    return rows


def particular_rows(n: Notice) -> list[list[str]]:
    """The particulars table: label/value pairs two to a row, then the secured amount on its own row."""
    rows: list[list[str]] = []
    pair: list[str] = []

    def add(label: str, value: str) -> None:
        if value:
            pair.extend([label, value])
            if len(pair) == 4:
                rows.append(pair.copy())
                pair.clear()

    add("申请号", n.application_no)
    add("申请日", china_date(n.application_date))
    add("登记号", n.registration_no)
    add("登记生效日", china_date(n.effective_date))
    if n.kind == NoticeKind.CHANGE:
        add("变更登记日", china_date(n.change_date))
    if n.kind == NoticeKind.CANCELLATION:
        add("注销登记日", china_date(n.cancellation_date))
    add("债务履行期限届满日", china_date(n.performance_deadline))
    if n.kind == NoticeKind.CORRECTION:
        add("补正期限", china_date(n.correction_deadline))
    if pair:
        rows.append(pair.copy())
    if n.secured_amount is not None:
        rows.append([AMOUNT_LABEL, f"{format_yuan(n.secured_amount)}（大写：{rmb_uppercase(n.secured_amount)}）"])
    return rows


def decision_text(n: Notice) -> str:
    assert n.family is not None
    terms = FAMILY_TERMS[n.family]
    pledge, apply = terms["pledge"][0], terms["apply"][0]
    who = names([*n.pledgors, n.pledgee])
    filed = f"{who}于{china_date(n.application_date)}" if n.application_date else who
    app = f"（申请号：{n.application_no}）" if n.application_no else ""
    reg = f"登记号为{n.registration_no}的" if n.registration_no else ""
    if n.kind == NoticeKind.REGISTRATION:
        eff = f"登记生效日为{china_date(n.effective_date)}。" if n.effective_date else ""
        return (f"经审查，{filed}提交的{apply}申请{app}符合规定，准予登记，登记号为{n.registration_no}。"
                f"{eff}{pledge}自登记之日起设立。")
    if n.kind == NoticeKind.REFUSAL:
        return (f"经审查，{filed}提交的{apply}申请{app}存在下列情形，不符合登记条件，"
                f"根据有关规定，决定不予登记。")
    if n.kind == NoticeKind.CORRECTION:
        deadline = china_date(n.correction_deadline, "指定期限")
        return (f"经审查，{filed}提交的{apply}申请{app}存在下列需要补正的事项，请于{deadline}前补正。"
                f"期满未补正且无正当理由的，视为撤回申请。")
    if n.kind == NoticeKind.CHANGE:
        when = f"，变更登记日为{china_date(n.change_date)}" if n.change_date else ""
        return f"根据当事人的申请，{reg}{pledge}登记准予变更{when}。变更事项如下。"
    # cancellation
    cause = f"因{n.cancellation_trigger}，" if n.cancellation_trigger else ""
    until = f"该登记自{china_date(n.cancellation_date)}起失效。" if n.cancellation_date else ""
    return f"{cause}根据当事人的申请，{reg}{pledge}登记准予注销。{until}"


def closing_text(n: Notice) -> str:
    if n.kind == NoticeKind.REFUSAL:
        return "当事人对本决定不服的，可以自收到本通知书之日起依法申请行政复议或者提起行政诉讼。特此通知。"
    certificate = n.kind == NoticeKind.REGISTRATION and n.family in (RightFamily.TRADEMARK, RightFamily.COPYRIGHT)
    return "特此证明。" if certificate else "特此通知。"


def right_rows(n: Notice) -> list[list[str]]:
    """The rights table's rows: no., number, title, kind, filed, granted (— where unknown)."""
    return [[str(i), r.number, r.title, r.kind_label[0], r.filing_date.isoformat() if r.filing_date else "—",
             r.grant_date.isoformat() if r.grant_date else "—"] for i, r in enumerate(n.rights, 1)]


def verification_note(office_name: str, key_id: str, serial: str) -> str:
    """The note beside the QR (plain text; the platypus layouts escape it for markup)."""
    return (f"本文件由{office_name}以电子签名（Ed25519，密钥编号 {key_id}）签发。二维码含文件编号 "
            f"{serial} 与内容摘要，可使用 ipdesk“验证”功能扫码或打开本 PDF 离线核验真伪；"
            "内容被修改或编号已撤销的，核验结果为“已被篡改”或“已撤销”。")
