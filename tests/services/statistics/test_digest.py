"""The deadline digest on both engines: a performance deadline, a pledged patent's fee in its late band, a pending
application, a loan's overdue instalments — each for the roles and the agency that may see it, in order, as JSON
and as Excel."""

from __future__ import annotations

import gc
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import insert, select, update

from ipdesk.domain.shared.permissions import Actor, Role
from ipdesk.domain.shared.problems import ValidationError
from ipdesk.domain.statistics.digest import DueKind, parse_days
from ipdesk.services.workstation import Workstation
from ipdesk.storage.fees.tables import FeePaymentRow
from ipdesk.storage.schema import PledgeRow, RightRow
from tests.helpers.factories import ADMIN, application_data, invention_data, make_uscc, pledge_world


@pytest.fixture
def world(workstation: Workstation) -> dict:
    ws = workstation
    base = pledge_world(ws)
    agency = ws.parties.create(ADMIN, {"kind": "guarantee", "name": "镇江市科技融资担保有限公司",
                                       "uscc": make_uscc(700)})
    pledge = ws.pledges.file_and_register(ADMIN, application_data(
        base, debt={"type": "loan", "amount": "5000000.00", "performance_deadline": "2026-12-10"}),
        on=date(2026, 11, 20))
    # The pledged invention (filed 2017-07-25) paid through year 9: year 10's fee fell due on 2026-07-25.
    with ws.engine.begin() as conn:
        conn.execute(update(RightRow).where(RightRow.id == base["right"].id)
                     .values(fees_paid_through=9, fees_next_due=date(2026, 7, 25)))
    other = ws.rights.create(ADMIN, invention_data([base["firm"].id], number="ZL 201810601863.2"))
    pending = ws.pledges.file(ADMIN, application_data(base, rights=[other.display_number],
                                                      application_date="2026-11-30"))
    officer = Actor("danbao", Role.AGENCY, agency.id)
    loan = ws.loans.add(officer, {"lender": base["bank"].uscc, "borrower": base["firm"].uscc,
                                  "pledge": pledge.registration_no, "principal": "1200000.00", "rate": "6",
                                  "start": "2026-09-01", "maturity": "2027-09-01",
                                  "schedule": "equal_principal"}).value
    return {"ws": ws, "pledge": pledge, "pending": pending, "officer": officer, "loan": loan, "agency": agency,
            "firm": base["firm"], "bank": base["bank"]}


def test_the_office_digest_lists_every_kind_in_order(world: dict) -> None:
    ws = world["ws"]
    digest = ws.digest.digest(ADMIN, 14)
    kinds = {i.kind for i in digest.items}
    assert {DueKind.PERFORMANCE, DueKind.ANNUAL_FEE, DueKind.LOAN_INSTALMENT, DueKind.APPLICATION} <= kinds
    assert [i.due for i in digest.items] == sorted(i.due for i in digest.items)
    fee = next(i for i in digest.items if i.kind is DueKind.ANNUAL_FEE)
    assert (fee.due, fee.seq, fee.status) == (date(2026, 7, 27), 10, "late")  # 07-25 a Saturday; late on 12-01
    assert fee.rate and fee.amount and fee.amount > 0 and fee.reference == "ZL 201710601862.3"
    assert fee.detail("zh").startswith("第10年度年费 滞纳期（滞纳金 ")
    performance = next(i for i in digest.items if i.kind is DueKind.PERFORMANCE)
    assert performance.due == date(2026, 12, 10) and performance.reference == world["pledge"].registration_no
    application = next(i for i in digest.items if i.kind is DueKind.APPLICATION)
    assert application.reference == world["pending"].application_no
    overdue = [i for i in digest.items if i.kind is DueKind.LOAN_INSTALMENT and i.status == "overdue"]
    assert [i.due for i in overdue] == [date(2026, 10, 1), date(2026, 11, 1)]  # nothing repaid yet
    out = digest.to_json()
    assert out["as_of"] == "2026-12-01" and out["days"] == 14
    assert out["items"][0] == {"kind": "annual_fee", "due": "2026-07-27", "days_left": -127,
                               "reference": "ZL 201710601862.3", "subject": "一种图像处理装置及方法", "seq": 10,
                               "status": "late", "rate": f"{fee.rate:.0f}", "amount": f"{fee.amount:.2f}"}
    # Seven days ahead no longer reaches the performance deadline of 12-10.
    assert DueKind.PERFORMANCE not in {i.kind for i in ws.digest.digest(ADMIN, 7).items}
    assert gc.isenabled()  # the digest paused the cyclic collector while it read, and only then


def test_each_role_and_agency_sees_its_own(world: dict) -> None:
    ws = world["ws"]
    custodian = ws.digest.digest(Actor("tuoguan", Role.CUSTODIAN), 14)
    assert {i.kind for i in custodian.items} == {DueKind.ANNUAL_FEE}
    clerk = ws.digest.digest(Actor("clerk", Role.CLERK), 14)
    assert DueKind.LOAN_INSTALMENT not in {i.kind for i in clerk.items}
    own = ws.digest.digest(world["officer"], 14)
    # The agency's own loan; not the bank's pledge (it is not the pledgee), no fees.
    assert {i.kind for i in own.items} == {DueKind.LOAN_INSTALMENT}  # (no disposal case, no auction in this world)
    stranger = ws.digest.digest(Actor("other", Role.AGENCY, world["agency"].id + 1000), 14)
    assert stranger.items == ()
    assert ws.digest.digest(Actor("insurer", Role.INSURER, 1), 14).items == ()


def test_a_part_payment_of_the_open_year_lowers_the_fee_due(world: dict) -> None:
    """The payments of the year due count (read with the rights in one statement); a recorded payment of a year
    already paid through does not."""
    ws = world["ws"]
    before = next(i for i in ws.digest.digest(ADMIN, 14).items if i.kind is DueKind.ANNUAL_FEE)
    paid = ws.fees.pay(ADMIN, before.reference, 10, Decimal("100.00"), on=date(2026, 11, 20))  # late, not settled
    assert not paid.matched.settles
    with ws.engine.begin() as conn:  # year 9, paid through already: an old record the engine does not reread
        conn.execute(insert(FeePaymentRow.__table__).values(
            right_id=before.right_id, year=9, amount=Decimal("900.00"), paid_on=date(2025, 7, 20),
            created_at=datetime(2025, 7, 20, tzinfo=UTC), updated_at=datetime(2025, 7, 20, tzinfo=UTC)))
    after = next(i for i in ws.digest.digest(ADMIN, 14).items if i.kind is DueKind.ANNUAL_FEE)
    assert (after.seq, after.status, after.due) == (10, "late", date(2026, 7, 27))
    assert after.amount == before.amount - Decimal("100.00")
    assert [i.right_id for i in ws.digest.digest(ADMIN, 14).items if i.kind is DueKind.ANNUAL_FEE] == [
        before.right_id]  # one item per right, however many payments it has


def test_the_four_pledge_deadlines_each_under_its_kind_and_for_the_pledgee(world: dict) -> None:
    """The pledges' deadlines are read in one statement: each item keeps its kind, date, number and amount."""
    ws, pledge, pending = world["ws"], world["pledge"], world["pending"]
    with ws.engine.begin() as conn:  # today 2026-12-01, 14 days: pledge terms from 11-17, the open ones any time
        conn.execute(update(PledgeRow).where(PledgeRow.id == pledge.id).values(pledge_term_end=date(2026, 11, 20)))
        conn.execute(update(PledgeRow).where(PledgeRow.id == pending.id)
                     .values(status="correction", correction_deadline=date(2026, 10, 30)))
        sla = conn.scalar(select(PledgeRow.sla_deadline).where(PledgeRow.id == pending.id))
    pledge_kinds = {DueKind.APPLICATION, DueKind.CORRECTION, DueKind.PLEDGE_TERM, DueKind.PERFORMANCE}

    def listed(actor: Actor) -> list[tuple]:
        return [(i.kind, i.due, i.reference, i.pledge_id, i.amount) for i in ws.digest.digest(actor, 14).items
                if i.kind in pledge_kinds]

    assert listed(ADMIN) == sorted([
        (DueKind.CORRECTION, date(2026, 10, 30), pending.application_no, pending.id, None),  # long passed, open
        (DueKind.PLEDGE_TERM, date(2026, 11, 20), pledge.registration_no, pledge.id, None),  # passed 11 days ago
        (DueKind.PERFORMANCE, date(2026, 12, 10), pledge.registration_no, pledge.id, Decimal("5000000.00")),
        (DueKind.APPLICATION, sla, pending.application_no, pending.id, None),  # still undecided under correction
    ], key=lambda t: (t[1], list(DueKind).index(t[0])))
    bank = Actor("yinhang", Role.AGENCY, world["bank"].id)  # the pledgee sees its pledge's term and deadline
    assert [t[0] for t in listed(bank)] == [DueKind.PLEDGE_TERM, DueKind.PERFORMANCE]
    assert listed(world["officer"]) == []  # not the pledgee


def test_digest_days_and_export(world: dict, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    assert parse_days(None) == 14 and parse_days("30") == 30
    for bad in ("0", "367", "x", "-1"):
        with pytest.raises(ValidationError):
            parse_days(bad)
    ws = world["ws"]
    digest = ws.digest.digest(ADMIN, 14)
    path = tmp_path / "digest.xlsx"
    assert ws.digest.export(digest, path) == len(digest.items)
    sheet = load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("到期提醒（2026-12-01 起 14 天）")
    assert rows[1] == ("到期日", "剩余天数", "事项", "编号", "名称", "内容", "金额（元）")
    assert rows[2][2] == "质押专利年费" and rows[2][1] == -127


def test_an_open_disposal_case_lists_its_stage_deadline_for_its_agency(world: dict) -> None:
    from sqlalchemy import insert

    from ipdesk.storage.disposal.tables import DisposalCaseRow

    ws = world["ws"]
    with ws.engine.begin() as conn:
        conn.execute(insert(DisposalCaseRow.__table__), [
            {"case_no": "CZ-1", "pledge_id": world["pledge"].id, "loan_id": world["loan"].id,
             "owner_party_id": world["agency"].id, "stage": "valuation", "stage_entered_on": date(2026, 11, 2),
             "stage_due_on": date(2026, 11, 30), "responsible": "danbao", "opened_on": date(2026, 11, 2),
             "closed_on": None, "scheme": "", "listing": "", "created_at": datetime(2026, 11, 2, tzinfo=UTC),
             "updated_at": datetime(2026, 11, 2, tzinfo=UTC), "version": 1},
            {"case_no": "CZ-2", "pledge_id": world["pledge"].id, "loan_id": world["loan"].id,
             "owner_party_id": world["agency"].id, "stage": "closed", "stage_entered_on": date(2026, 11, 2),
             "stage_due_on": date(2026, 11, 20), "responsible": "danbao", "opened_on": date(2026, 10, 2),
             "closed_on": date(2026, 11, 20), "scheme": "", "listing": "",
             "created_at": datetime(2026, 11, 2, tzinfo=UTC), "updated_at": datetime(2026, 11, 2, tzinfo=UTC),
             "version": 1}])
    own = [i for i in ws.digest.digest(world["officer"], 14).items if i.kind is DueKind.DISPOSAL_STAGE]
    assert [(i.reference, i.due, i.status) for i in own] == [("CZ-1", date(2026, 11, 30), "valuation")]  # passed
    assert own[0].detail("zh") == "「处置评估」阶段" and own[0].detail("en") == "stage: valuation for disposal"
    other = ws.digest.digest(Actor("other", Role.AGENCY, world["agency"].id + 1000), 14)
    assert not [i for i in other.items if i.kind is DueKind.DISPOSAL_STAGE]
    assert not [i for i in ws.digest.digest(Actor("clerk", Role.CLERK), 14).items
                if i.kind is DueKind.DISPOSAL_STAGE]
    assert [i.reference for i in ws.digest.digest(ADMIN, 14).items if i.kind is DueKind.DISPOSAL_STAGE] == ["CZ-1"]


def test_insurance_cover_ending_lists_for_its_insurer(world: dict) -> None:
    from sqlalchemy import insert

    from ipdesk.storage.insurance.tables import PolicyRow

    ws = world["ws"]
    a, b = (ws.parties.create(ADMIN, {"kind": "insurer", "name": name, "uscc": make_uscc(serial)})
            for name, serial in (("甲保险公司", 810), ("乙保险公司", 811)))

    def policy(no: str, insurer: int, ends: date) -> dict:
        return {"policy_no": no, "product": "enforcement", "insurer_id": insurer, "holder_id": world["firm"].id,
                "insured_id": world["firm"].id, "pledge_id": world["pledge"].id, "limit_total": "500000.00",
                "limit_per_right": None, "deductible": "0.00", "premium": "25000.00", "subsidy_rate": "0",
                "subsidy": "0.00", "insured_pays": "25000.00", "starts_on": date(2025, 12, 1), "ends_on": ends}

    with ws.engine.begin() as conn:  # today 2026-12-01, 14 days: 11-17 .. 12-15
        conn.execute(insert(PolicyRow.__table__), [
            policy("BX-1", a.id, date(2026, 12, 10)), policy("BX-2", a.id, date(2026, 11, 10)),  # in; too long ago
            policy("BX-3", b.id, date(2026, 12, 31)), policy("BX-4", b.id, date(2026, 11, 25))])  # beyond; passed

    def listed(actor: Actor) -> list[tuple[str, date]]:
        return [(i.reference, i.due) for i in ws.digest.digest(actor, 14).items if i.kind is DueKind.INSURANCE_END]

    assert listed(Actor("a", Role.INSURER, a.id)) == [("BX-1", date(2026, 12, 10))]
    assert listed(Actor("b", Role.INSURER, b.id)) == [("BX-4", date(2026, 11, 25))]
    assert listed(ADMIN) == [("BX-4", date(2026, 11, 25)), ("BX-1", date(2026, 12, 10))]
    assert listed(world["officer"]) == [] and listed(Actor("tuoguan", Role.CUSTODIAN)) == []
    item = next(i for i in ws.digest.digest(ADMIN, 14).items if i.kind is DueKind.INSURANCE_END)
    assert item.to_json(date(2026, 12, 1))["kind"] == "insurance_end" and item.amount == 500000
    assert item.subject == world["firm"].name and item.pledge_id == world["pledge"].id


def test_open_auctions_closing_list_for_the_lots_agency(world: dict) -> None:
    from sqlalchemy import insert

    from ipdesk.storage.marketplace.tables import AuctionRow, LotRow

    ws = world["ws"]
    lot = {"kind": "sale", "status": "listed", "pledgee_consent": True, "assessed_value": "1000000.00",
           "listed_on": date(2026, 11, 1)}
    with ws.engine.begin() as conn:
        own, office = (conn.execute(insert(LotRow.__table__).values(lot_no=no, title=title, owner_party_id=owner,
                                                                    **lot)).inserted_primary_key[0]
                       for no, title, owner in (("LOT-1", "担保公司的专利", world["agency"].id),
                                                ("LOT-2", "登记处的专利", None)))

        def auction(no: str, lot_id: int, rnd: int, closes: datetime, result: str | None = None) -> dict:
            return {"auction_no": no, "lot_id": lot_id, "round": rnd, "mode": "english", "preset": "online_judicial",
                    "preset_effective": date(2026, 1, 1), "start_price": "700000.00", "increment": "10000",
                    "deposit": "70000.00", "opens_at": datetime(2026, 11, 1, 2, tzinfo=UTC), "closes_at": closes,
                    "current_closes_at": closes, "price": "720000.00" if result else None, "result": result,
                    "closed_at": closes if result else None,
                    "owner_party_id": world["agency"].id if lot_id == own else None}

        conn.execute(insert(AuctionRow.__table__), [
            auction("PM-1", own, 1, datetime(2026, 12, 15, 15, 30, tzinfo=UTC)),  # 12-15 23:30 in Beijing: in
            auction("PM-2", own, 2, datetime(2026, 12, 15, 16, 30, tzinfo=UTC)),  # 12-16 00:30 in Beijing: out
            auction("PM-3", own, 3, datetime(2026, 11, 30, 2, tzinfo=UTC)),  # passed, not yet closed: in
            auction("PM-4", own, 4, datetime(2026, 11, 29, 2, tzinfo=UTC), "sold"),  # closed: out
            auction("PM-5", office, 1, datetime(2026, 12, 5, 2, tzinfo=UTC))])

    def listed(actor: Actor) -> list[tuple[str, date]]:
        return [(i.reference, i.due) for i in ws.digest.digest(actor, 14).items if i.kind is DueKind.AUCTION_CLOSING]

    assert listed(world["officer"]) == [("PM-3", date(2026, 11, 30)), ("PM-1", date(2026, 12, 15))]
    assert listed(ADMIN) == [("PM-3", date(2026, 11, 30)), ("PM-5", date(2026, 12, 5)), ("PM-1", date(2026, 12, 15))]
    assert listed(Actor("other", Role.AGENCY, world["agency"].id + 1000)) == []
    assert listed(Actor("clerk", Role.CLERK)) == []
    first = next(i for i in ws.digest.digest(world["officer"], 14).items if i.kind is DueKind.AUCTION_CLOSING)
    assert (first.subject, first.seq, first.amount, first.detail("zh")) == ("担保公司的专利", 3, 700000, "第3轮竞价")
    assert first.to_json(date(2026, 12, 1))["days_left"] == -1
