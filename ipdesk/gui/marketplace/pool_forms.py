"""The 专利池 area's forms: set up a pool, a member joins (or rejoins), a member leaves, licence income
distributed by the key, the pool's patents pledged as one package. Keyboard-first (FormDialog); the service
decides and its refusals come back under the fields — a key that does not add up to 100 % shows under 分配比例
before anything is sent, and nothing is written."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

# the modules registering the message codes raised here (the services load only when first used)
import ipdesk.domain.marketplace.rules
import ipdesk.services.marketplace.pool_pledge
import ipdesk.services.marketplace.pools  # noqa: F401
from ipdesk.domain.marketplace.pools import POOL_METHOD_LABELS, Share, key_problems
from ipdesk.domain.shared.fields import parse_date, parse_money, required
from ipdesk.domain.shared.problems import Problem
from ipdesk.gui.common.rich_text import pick
from ipdesk.gui.common.widgets.date_edit import DateEdit
from ipdesk.gui.common.widgets.field_edit import FieldEdit
from ipdesk.gui.common.widgets.form_dialog import FormDialog, form_label
from ipdesk.gui.common.widgets.money_edit import MoneyEdit
from ipdesk.gui.i18n import ui_lang
from ipdesk.gui.marketplace.pool_models import percent


def _missing(data: dict[str, Any], names: dict[str, str]) -> list[Problem]:
    return [required(name, label) for name, label in names.items() if not str(data.get(name) or "").strip()]


def _day(text: str) -> date | None:
    return parse_date(text, "on", "日期")[0]


class PoolForm(FormDialog):
    """A new pool (``PoolService.create``): name, valuation method and the trust plan."""

    def __init__(self, workstation: Any, *, parent: QWidget | None = None, lang: str | None = None):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("新建专利池"))
        self.setObjectName("PoolForm")
        self.workstation = workstation
        self.name = FieldEdit()
        self.add_field("name", form_label(self.tr("名称"), True, lang), self.name)
        self.method = QComboBox()
        for method, pair in POOL_METHOD_LABELS.items():
            self.method.addItem(pick(pair, lang), method.value)
        self.add_field("method", form_label(self.tr("估值方法"), True, lang), self.method)
        self.trustee = FieldEdit(placeholder=self.tr("信托公司的统一社会信用代码或全称"))
        self.add_field("trustee", form_label(self.tr("受托人"), False, lang), self.trustee)
        self.amount = MoneyEdit()
        self.add_field("trust_amount", form_label(self.tr("信托金额（元）"), False, lang), self.amount)
        self.term = FieldEdit()
        self.add_field("trust_term_months", form_label(self.tr("信托期限（月）"), False, lang), self.term)
        self.beneficiaries = FieldEdit()
        self.add_field("beneficiaries", form_label(self.tr("受益人"), False, lang), self.beneficiaries)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"name": self.name.text().strip(), "method": self.method.currentData(),
                "trustee": self.trustee.text().strip(), "trust_amount": self.amount.raw_text(),
                "trust_term_months": self.term.text().strip(), "beneficiaries": self.beneficiaries.text().strip()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        found = _missing(data, {"name": "名称"})
        term = data["trust_term_months"]
        if term and not (term.isdigit() and 0 < int(term) < 1200):
            found.append(Problem("market.pool_term", "trust_term_months", {"value": term}))
        return found

    def save(self, data: dict[str, Any]) -> Any:  # writer thread
        return self.workstation.pools.create(self.workstation.actor, data)


class MemberForm(FormDialog):
    """A party joins the pool (or rejoins after leaving) with its patents and its share of the income."""

    def __init__(self, workstation: Any, pool_no: str, *, parent: QWidget | None = None, lang: str | None = None):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("加入专利池：{pool}").format(pool=pool_no))
        self.setObjectName("PoolMemberForm")
        self.workstation, self.pool_no = workstation, pool_no
        self.party = FieldEdit(placeholder=self.tr("成员企业的统一社会信用代码或全称"))
        self.add_field("party", form_label(self.tr("成员"), True, lang), self.party)
        self.share = FieldEdit(placeholder=self.tr("占许可收入的百分比，如 40"))
        self.add_field("share", form_label(self.tr("分配比例（%）"), True, lang), self.share)
        self.rights = FieldEdit(placeholder=self.tr("专利号，多项以逗号分隔"))
        self.add_field("rights", form_label(self.tr("投入专利"), False, lang), self.rights)
        self.on = DateEdit()
        self.on.setDate(workstation.clock.today())
        self.add_field("on", form_label(self.tr("加入日"), True, lang), self.on)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"party": self.party.text().strip(), "share": self.share.text().strip().rstrip("%"),
                "rights": [t.strip() for t in self.rights.text().split(",") if t.strip()], "on": self.on.iso_text()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        found = _missing(data, {"party": "成员", "share": "分配比例"}) + parse_date(data["on"], "on", "加入日")[1]
        if data["share"]:
            try:
                share = Decimal(data["share"])
                bad = not share.is_finite() or not 0 <= share <= 100
            except InvalidOperation:
                bad = True
            if bad:
                found.append(Problem("market.pool_share", "share", {"value": data["share"]}))
        return found

    def save(self, data: dict[str, Any]) -> Any:  # writer thread
        return self.workstation.pools.join(self.workstation.actor, self.pool_no, data["party"],
                                           Decimal(data["share"]), data["rights"], on=_day(data["on"]))


class LeaveForm(FormDialog):
    """A member leaves the pool on a day, its patents with it."""

    def __init__(self, workstation: Any, pool_no: str, party: str = "", *, parent: QWidget | None = None,
                 lang: str | None = None):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("成员退出：{pool}").format(pool=pool_no))
        self.setObjectName("PoolLeaveForm")
        self.workstation, self.pool_no = workstation, pool_no
        self.party = FieldEdit(party, placeholder=self.tr("成员企业的统一社会信用代码或全称"))
        self.add_field("party", form_label(self.tr("成员"), True, lang), self.party)
        self.on = DateEdit()
        self.on.setDate(workstation.clock.today())
        self.add_field("on", form_label(self.tr("退出日"), True, lang), self.on)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"party": self.party.text().strip(), "on": self.on.iso_text()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        return _missing(data, {"party": "成员"}) + parse_date(data["on"], "on", "退出日")[1]

    def save(self, data: dict[str, Any]) -> Any:  # writer thread
        return self.workstation.pools.leave(self.workstation.actor, self.pool_no, data["party"], on=_day(data["on"]))


class IncomeForm(FormDialog):
    """Licence income received on a day, distributed at once to the members in the pool that day by their
    key; the key in force is shown (分配比例) and checked before anything is sent."""

    def __init__(self, workstation: Any, pool: Any, *, parent: QWidget | None = None, lang: str | None = None):
        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("许可收入分配：{pool}").format(pool=pool.pool_no))
        self.setObjectName("PoolIncomeForm")
        self.setMinimumWidth(640)  # the key line names every member
        self.workstation, self.pool = workstation, pool
        self.amount = MoneyEdit()
        self.add_field("amount", form_label(self.tr("许可收入（元）"), True, lang), self.amount)
        self.on = DateEdit()
        self.on.setDate(workstation.clock.today())
        self.add_field("on", form_label(self.tr("收入日"), True, lang), self.on)
        self.source = FieldEdit(placeholder=self.tr("如许可合同编号"))
        self.add_field("source", form_label(self.tr("来源"), False, lang), self.source)
        self.key = FieldEdit()
        self.key.setObjectName("poolKey")
        self.key.line_edit.setReadOnly(True)
        self.add_field("share", form_label(self.tr("分配比例"), False, lang), self.key)
        self.on.textChanged.connect(lambda _t: self._show_key())
        self._show_key()
        self.mark_clean()

    def shares(self, on: date | None) -> list[Share]:
        """The key in force on ``on``: the members in the pool that day, with their shares."""
        if on is None:
            return []
        return [Share(m.id, m.name, m.share) for m in self.pool.members if m.in_force(on)]

    def _show_key(self) -> None:
        shares = self.shares(_day(self.on.iso_text()))
        total = sum((s.percent for s in shares), Decimal(0))
        text = "、".join(f"{s.name} {percent(s.percent)}" for s in shares)
        self.key.setText(self.tr("{members}（合计 {total}）").format(members=text or "—", total=percent(total)))

    def values(self) -> dict[str, Any]:
        return {"amount": self.amount.raw_text(), "on": self.on.iso_text(), "source": self.source.text().strip()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        amount, found = parse_money(data["amount"], "amount", "许可收入")
        found += [] if amount is not None or found else [required("amount", "许可收入")]
        if amount is not None and amount <= 0:
            found.append(Problem("market.positive", "amount", {"label": "许可收入", "value": f"{amount:.2f}"}))
        day, bad = parse_date(data["on"], "on", "收入日")
        found += bad
        shares = self.shares(day)
        if day is not None and not shares:
            found.append(Problem("market.pool_no_members", "share", {"pool": self.pool.pool_no,
                                                                     "on": day.isoformat()}))
        return found + key_problems(shares)

    def save(self, data: dict[str, Any]) -> Any:  # writer thread
        amount = parse_money(data["amount"], "amount", "许可收入")[0]
        return self.workstation.pools.record_income(self.workstation.actor, self.pool.pool_no, amount,
                                                    on=_day(data["on"]), source=data["source"])


class PledgePackageForm(FormDialog):
    """One pledge application of all the pool's patents (filed, then examined in 质押登记): the pledgee, the
    secured amount and the performance deadline default to the trust plan's."""

    def __init__(self, workstation: Any, pool: Any, *, parent: QWidget | None = None, lang: str | None = None):
        from ipdesk.services.marketplace.pool_pledge import add_months

        lang = ui_lang(lang)
        super().__init__(parent, title=self.tr("专利池打包出质：{pool}").format(pool=pool.pool_no))
        self.setObjectName("PoolPledgeForm")
        self.setMinimumWidth(560)
        self.workstation, self.pool = workstation, pool
        self.rights = FieldEdit("、".join(pool.rights))
        self.rights.line_edit.setReadOnly(True)
        self.add_field("pool", form_label(self.tr("出质专利"), False, lang), self.rights)
        self.pledgee = FieldEdit(pool.trustee, placeholder=self.tr("质权人的统一社会信用代码或全称"))
        self.add_field("pledgee", form_label(self.tr("质权人"), True, lang), self.pledgee)
        self.amount = MoneyEdit()
        if pool.trust_amount is not None:
            self.amount.setValue(pool.trust_amount)
        self.add_field("amount", form_label(self.tr("担保债权数额（元）"), True, lang), self.amount)
        self.deadline = DateEdit()
        today = workstation.clock.today()
        self.deadline.setDate(add_months(today, pool.trust_term_months) if pool.trust_term_months else None)
        self.add_field("performance_deadline", form_label(self.tr("债务履行期限"), True, lang), self.deadline)
        self.on = DateEdit()
        self.on.setDate(today)
        self.add_field("on", form_label(self.tr("申请日"), True, lang), self.on)
        self.mark_clean()

    def values(self) -> dict[str, Any]:
        return {"pledgee": self.pledgee.text().strip(), "amount": self.amount.raw_text(),
                "performance_deadline": self.deadline.iso_text(), "on": self.on.iso_text()}

    def problems(self, data: dict[str, Any]) -> list[Problem]:
        found = _missing(data, {"pledgee": "质权人", "amount": "担保债权数额", "performance_deadline": "债务履行期限"})
        if not self.pool.rights:
            found.append(Problem("market.pool_no_patents", "pool", {"pool": self.pool.pool_no}))
        return found + parse_date(data["on"], "on", "申请日")[1]

    def save(self, data: dict[str, Any]) -> Any:  # writer thread
        return self.workstation.pools.pledge_package(
            self.workstation.actor, self.pool.pool_no,
            {k: data[k] for k in ("pledgee", "amount", "performance_deadline")}, on=_day(data["on"]))
