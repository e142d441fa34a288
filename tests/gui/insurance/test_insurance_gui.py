"""The 保险 area: policies, claims and the subsidy summary under the model tester; a claim taken from report
to payment from the page; the policy form saves, and shows the service's refusal under the field with
nothing written; an insurer officer sees only its own insurer's policies."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from ipdesk.domain.insurance.products import ClaimStatus
from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.gui.insurance.insurance_page import InsurancePage
from ipdesk.gui.insurance.policy_form import PolicyForm
from ipdesk.services.workstation import Workstation
from ipdesk.storage.insurance.tables import PolicyRow
from tests.gui.helpers.loading import settle
from tests.gui.helpers.screenshots import SHOT_WIDTH, UI_LANG, save_screenshot, ui_text
from tests.helpers.factories import ADMIN, make_uscc, pledge_world


@pytest.fixture
def world(sqlite_workstation: Workstation) -> dict[str, Any]:
    ws = sqlite_workstation
    base = pledge_world(ws)
    insurers = [ws.parties.create(ADMIN, {"kind": "insurer", "name": name, "uscc": make_uscc(serial)})
                for name, serial in (("中国人民财产保险股份有限公司镇江市分公司", 800),
                                     ("中国平安财产保险股份有限公司江苏分公司", 801))]
    for insurer, premium in ((insurers[0], "25000"), (insurers[1], "12345.67")):
        ws.insurance.add(ADMIN, {"product": "enforcement", "insurer": insurer.uscc, "insured": base["firm"].uscc,
                                 "rights": [base["right"].display_number], "limit": "500000", "premium": premium,
                                 "deductible": "5000", "from": "2026-11-01", "to": "2027-10-31",
                                 "subsidy_class": "sme"})
    return {"ws": ws, "insurers": insurers, **base}


def policies(ws: Workstation) -> int:
    with ws.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(PolicyRow)).scalar_one()


def test_policies_claims_and_subsidies(qtbot, qtmodeltester, world, tmp_path: Path) -> None:
    ws = world["ws"]
    page = InsurancePage(ws, UI_LANG)
    qtbot.addWidget(page)
    page.resize(SHOT_WIDTH, 700)
    qtbot.waitUntil(lambda: page.policies.rowCount() == 2, timeout=10_000)
    for model in (page.policies, page.subsidies):
        qtmodeltester.check(model)
    subsidy = [c[0] for c in page.policies.columns].index("subsidy")
    values = {page.policies.data(page.policies.index(r, subsidy)) for r in range(2)}
    assert values == {"25,000.00", "11,111.10"}  # the first at 100 %, the second at 90 %
    assert ui_text("补贴合计 36,111.10 元", "subsidy in all 36,111.10 yuan") in page.subsidy_title.text()
    page.policy_table.selectRow(next(r for r in range(2) if page.policies.policy(r).policy_no == "BX2026000001"))
    assert page.claim_button.isEnabled() and page.claims.rowCount() == 0
    page.file_claim({"amount": "100000", "on": "2026-11-30", "case": "（2026）苏11民初123号"})
    qtbot.waitUntil(lambda: page.claims.rowCount() == 1, timeout=5000)
    qtmodeltester.check(page.claims)
    page.claim_table.selectRow(0)
    assert page.steps[ClaimStatus.CHECKED].isEnabled() and not page.steps[ClaimStatus.PAID].isEnabled()
    for status, value in ((ClaimStatus.CHECKED, None), (ClaimStatus.APPROVED, "80000"), (ClaimStatus.PAID, None)):
        page.step(status, value)
        qtbot.waitUntil(lambda s=status: page.claims.rowCount() == 1 and page.claims.claim(0).status is s,
                        timeout=5000)
        page.claim_table.selectRow(0)
    assert page.claims.claim(0).paid == D("75000.00")
    assert page.claims.data(page.claims.index(0, 6)) == "已赔付"
    save_screenshot(page, "insurance-policies.png", tmp_path)


def test_the_policy_form_saves_and_refuses(qtbot, world) -> None:
    ws = world["ws"]
    form = PolicyForm(ws, rights=world["right"].display_number, lang=UI_LANG)
    qtbot.addWidget(form)
    form.show()
    form.insurer.set_party(world["insurers"][0])
    form.insured.set_party(world["firm"])
    qtbot.keyClicks(form.limit, "500000")
    qtbot.keyClicks(form.premium, "-2")
    assert form.premium.text() == "2"  # a negative premium cannot even be typed (the service refuses one too)
    form.end.setText("2026-10-31")  # before the start, today
    before = policies(ws)
    form.submit()
    qtbot.waitUntil(lambda: form.fields["to"].has_error, timeout=5000)
    assert "不晚于起期" in form.fields["to"].error_label.text() and policies(ws) == before
    form.end.setText("2027-11-30")
    form.premium.setText("")
    qtbot.keyClicks(form.premium, "20000")
    form.subsidy_class.setCurrentIndex(form.subsidy_class.findData("champion"))
    with qtbot.waitSignal(form.saved, timeout=10_000) as saved:
        form.save_button.animateClick()
    policy = saved.args[0].value
    assert (policy.subsidy, policy.insured_pays) == (D("16000.00"), D("4000.00"))  # 3rd application: 80 %
    assert policies(ws) == before + 1


def test_an_insurer_officer_sees_its_own_policies(qtbot, world) -> None:
    ws = world["ws"]
    ws.actor = Actor("baoxian", Role.INSURER, world["insurers"][1].id)
    page = InsurancePage(ws, "en")
    qtbot.addWidget(page)
    settle(qtbot)
    qtbot.waitUntil(lambda: page.policies.rowCount() == 1, timeout=10_000)
    assert page.policies.policy(0).insurer_id == world["insurers"][1].id
    assert page.add_button.isVisibleTo(page)
    ws.actor = Actor("shenji", Role.AUDITOR)
    audit_page = InsurancePage(ws, "en")
    qtbot.addWidget(audit_page)
    qtbot.waitUntil(lambda: audit_page.policies.rowCount() == 2, timeout=10_000)
    assert not audit_page.add_button.isVisibleTo(audit_page)
