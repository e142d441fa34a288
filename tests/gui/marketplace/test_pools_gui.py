"""The 专利池 area: the pool register and the detail models under the model tester, the trust plan and value,
the forms (a pool set up, a member joins, leaves and rejoins, licence income distributed, a key off 100 %
shown under 分配比例 with nothing written, the patents pledged as one package); a screenshot."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest

from ipdesk.gui.marketplace.pool_forms import IncomeForm, LeaveForm, MemberForm, PledgePackageForm, PoolForm
from ipdesk.gui.marketplace.pools_page import PoolsPage
from ipdesk.services.workstation import Workstation
from tests.gui.helpers.screenshots import SHOT_WIDTH, save_screenshot
from tests.gui.marketplace.test_market_gui import settle
from tests.helpers.factories import ADMIN, add_party, invention_data, make_uscc, pledge_world

SECOND = "ZL 201810123456.5"


@pytest.fixture
def ws(sqlite_workstation: Workstation) -> Any:
    ws = sqlite_workstation
    world = pledge_world(ws)
    other = add_party(ws, "常州天宇热管理有限公司", 60)
    ws.rights.create(ADMIN, invention_data([other.id], SECOND, title="一种均温板"))
    trustee = ws.parties.create(ADMIN, {"kind": "institution", "name": "中航信托股份有限公司", "uscc": make_uscc(61)})
    pool = ws.pools.create(ADMIN, {"name": "镇江热管理专利池", "trustee": trustee.uscc, "trust_amount": "30000000",
                                   "trust_term_months": "36", "beneficiaries": "成员企业"})
    ws.pools.join(ADMIN, pool.pool_no, world["firm"].uscc, D(60), [world["right"].display_number],
                  on=date(2026, 11, 1))
    ws.pools.join(ADMIN, pool.pool_no, other.uscc, D(40), [SECOND], on=date(2026, 11, 1))
    ws.pools.record_income(ADMIN, pool.pool_no, D("100000.01"), on=date(2026, 11, 20), source="许可合同 XK-01")
    ws.world, ws.other, ws.pool_no = world, other, pool.pool_no  # type: ignore[attr-defined]
    return ws


def shown(qtbot: Any, ws: Any, pools: int = 1, lang: str = "zh") -> PoolsPage:
    page = PoolsPage(ws, lang)
    qtbot.addWidget(page)
    page.resize(SHOT_WIDTH, 720)
    qtbot.waitUntil(lambda: page.pools.rowCount() == pools, timeout=5000)
    settle(qtbot)
    page.table.selectRow(pools - 1)  # latest first: the fixture's pool is the last row
    qtbot.waitUntil(lambda: page.pool is not None, timeout=5000)
    return page


def test_the_pools_page_shows_the_pool_its_members_and_distributions(qtbot, qtmodeltester, ws, tmp_path) -> None:
    page = shown(qtbot, ws)
    qtmodeltester.check(page.pools)
    qtmodeltester.check(page.members)
    qtmodeltester.check(page.payouts)
    assert page.pools.data(page.pools.index(0, page.pools.column_index("method"))) == "平均值法"
    assert page.pools.data(page.pools.index(0, page.pools.column_index("members"))) == "2"
    assert "中航信托股份有限公司" in page.trust.text() and "30,000,000.00 元" in page.trust.text()
    assert "36 个月" in page.trust.text() and "池内专利 2 件" in page.trust.text()
    assert [page.members.data(page.members.index(r, 1)) for r in range(2)] == ["60%", "40%"]
    assert [page.payouts.data(page.payouts.index(r, 5)) for r in range(2)] == ["60,000.01", "40,000.00"]
    assert page.payouts.data(page.payouts.index(0, 2)) == "许可合同 XK-01"
    assert page.buttons["pledge"].isEnabled() and page.buttons["income"].isEnabled()
    shot = save_screenshot(page, "pools.png", tmp_path)
    assert shot.stat().st_size > 10_000


def test_a_key_off_100_percent_shows_under_the_field_and_writes_nothing(qtbot, ws, tmp_path) -> None:
    page = shown(qtbot, ws)
    page.member_table.selectRow(1)
    leave = page.member_leaves()
    assert isinstance(leave, LeaveForm) and leave.party.text() == f"#{ws.other.id}"
    leave.on.setDate(date(2026, 11, 25))
    with qtbot.waitSignal(leave.saved, timeout=5000):
        leave.submit()
    qtbot.waitUntil(lambda: page.members.rowCount() == 2 and page.pool.members[1].left_on is not None, timeout=5000)
    form = page.record_income()
    assert isinstance(form, IncomeForm)
    form.amount.setText("5000")
    form.on.setDate(date(2026, 11, 26))  # only the firm, with its 60 %
    assert "合计 60%" in form.key.text()
    form.submit()
    assert form.fields["share"].has_error and "100%" in " ".join(form.fields["share"].problems())
    assert save_screenshot(form, "pools-income-key.png", tmp_path).stat().st_size > 5_000
    settle(qtbot)
    assert len(ws.pools.incomes(ADMIN, ws.pool_no)) == 1  # nothing written
    form.on.setDate(date(2026, 11, 21))  # both were in the pool that day: the key adds up
    with qtbot.waitSignal(form.saved, timeout=5000):
        form.submit()
    assert [a for _n, _s, a in ws.pools.incomes(ADMIN, ws.pool_no)[0].payouts] == [D("3000.00"), D("2000.00")]


def test_the_forms_set_up_a_pool_add_a_member_and_pledge_the_package(qtbot, ws) -> None:
    form = PoolForm(ws, lang="zh")
    qtbot.addWidget(form)
    form.term.setText("三年")
    form.submit()
    assert form.fields["name"].has_error and form.fields["trust_term_months"].has_error
    form.name.setText("常州光电专利池")
    form.term.setText("24")
    with qtbot.waitSignal(form.saved, timeout=5000):
        form.submit()
    pool = form.result_value.pool_no
    join = MemberForm(ws, pool, lang="zh")
    qtbot.addWidget(join)
    join.party.setText(ws.world["firm"].uscc)
    join.share.setText("100")
    join.rights.setText(SECOND)  # not its patent: the service's refusal, under the field
    join.submit()
    qtbot.waitUntil(lambda: join.fields["rights"].has_error, timeout=5000)
    assert "不属于" in " ".join(join.fields["rights"].problems())
    join.rights.setText(ws.world["right"].display_number)  # already in the first pool
    join.submit()
    qtbot.waitUntil(lambda: "另一个专利池" in " ".join(join.fields["rights"].problems()), timeout=5000)
    page = shown(qtbot, ws, pools=2)
    assert page.pool.pool_no == ws.pool_no
    pledge = page.pledge_package()
    assert isinstance(pledge, PledgePackageForm) and pledge.pledgee.text() == "中航信托股份有限公司"
    assert pledge.amount.value() == D("30000000") and pledge.deadline.date() is not None
    with qtbot.waitSignal(pledge.saved, timeout=5000):
        pledge.submit()
    filed = pledge.result_value
    assert [r.display_number for r in filed.rights] == [ws.world["right"].display_number, SECOND]
    assert filed.pledgor_names == (ws.world["firm"].name, ws.other.name)


def test_the_pools_page_in_english(qtbot, ws, tmp_path) -> None:
    from ipdesk.gui import i18n

    i18n.install_translators("en")
    try:
        page = shown(qtbot, ws, lang="en")
        assert page.buttons["income"].text() == "Distribute income…"
        assert page.pools.data(page.pools.index(0, page.pools.column_index("method"))) == "Average"
        assert "Trustee: 中航信托股份有限公司" in page.trust.text() and "36 months" in page.trust.text()
        assert save_screenshot(page, "pools.png", tmp_path).stat().st_size > 10_000  # docs/screenshots/en
        form = page.record_income()
        assert form.windowTitle() == f"Distribute licence income: {ws.pool_no}" and "(total 100%)" in form.key.text()
        form.close()
    finally:
        i18n.install_translators("zh_CN")
