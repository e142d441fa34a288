"""check_rights (a file's rows at once, each distinct cell parsed once) says exactly what check_right says
row by row, whatever the cells: good, bad, repeated, of mixed types."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from ipdesk.domain.registry.right_input import check_right, check_rights

CELLS = {
    "kind": st.sampled_from([None, "", "发明专利", "invention", "商标", "软件著作权", "外观设计", "鸡蛋"]),
    "number": st.sampled_from(["ZL 201710601862.3", "2017106018623", "201710601862.4", "12345678",
                               "2023SR0123456", "ZL 2017106018623", "x", "", 2014103620773, "95115608.X"]),
    "title": st.sampled_from(["一种装置", "", "Ａ" * 301, "一种图像处理装置（1）"]),
    "legal_status": st.sampled_from([None, "有效", "pending", "审查中", "坏"]),
    "filing_date": st.sampled_from([None, "2017-07-25", "2017-02-30", date(2015, 1, 1), datetime(2016, 5, 4),
                                    "20170725", "1900-01-01"]),
    "grant_date": st.sampled_from([None, "2020-03-10", "2016-01-01", "2021-06-02", "x"]),
    "registration_date": st.sampled_from([None, "", "2019-01-01", "2010-01-01"]),
    "expiry_date": st.sampled_from([None, "2040-01-01", ""]),
    "term_extension_days": st.sampled_from([None, "", "30", "-1", 12, "x", "9999"]),
    "renewals": st.sampled_from([None, "0", "21", 1.0, True]),
    "invalidation_requested": st.sampled_from([None, "是", "否", "maybe", True, 1]),
    "nice_classes": st.sampled_from([None, "9,42", "9、42", "0", "46"]),
    "ipc_main": st.sampled_from([None, "G06T 7/00", True, 1, "x" * 41]),
    "product": st.sampled_from([None, "工业相机"]),
    "same_day_twin": st.sampled_from([None, "", "是", "否", "ZL 201710601862.3", "12345678", "x" * 41]),
    "fee_reduction": st.sampled_from([None, "", "85", "70%", "50"]),
    "fees_paid_through": st.sampled_from([None, "", "3", "21", "x"]),
    "owners": st.sampled_from([[], [{"party_id": 1, "share": "", "name": "甲"}],
                               [{"party_id": 1, "share": "70", "name": "甲"}, {"party_id": 2, "share": "30"}],
                               [{"party_id": 1, "share": "70"}, {"party_id": 1, "share": "30"}],
                               [{"party_id": 1, "share": "60"}, {"party_id": 2, "share": "30"}]]),
}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.fixed_dictionaries(CELLS), min_size=1, max_size=12))
def test_many_rows_at_once_are_checked_as_one_by_one(rows) -> None:  # type: ignore[no-untyped-def]
    assert check_rights(rows) == [check_right(dict(r)) for r in rows]
