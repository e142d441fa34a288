"""Audit summaries in English (issue 15): real summaries read by template; every call site's template is listed."""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from ipdesk.domain.audit.summaries import WORDS, summary_in

SERVICES = Path(__file__).resolve().parents[4] / "ipdesk" / "services"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")

#: combinations of both branches the code never writes (the two ifs test the same condition)
NEVER_WRITTEN = {("marketplace/closing.py", re.compile(r"x\d+ 流拍 x\d+"))}

REAL = [
    ("新增权利 ZL202010123456.7 一种锂电池隔膜", "Right added: ZL202010123456.7 一种锂电池隔膜"),
    ("重印 DJ-2026-000012", "Reprinted DJ-2026-000012"),
    ("出具登记通知书 DJ-2026-000012", "Registration notice DJ-2026-000012 issued"),
    ("出具查询证明 CX-2026-000003（4 条）", "Search certificate CX-2026-000003 issued (4 entries)"),
    ("受理申请 ZY2026000001", "Application filed: ZY2026000001"),
    ("受理质押登记申请 ZY2026000001", "Pledge application filed: ZY2026000001"),
    ("准予登记，登记号 Y2026000001", "Registered, registration number Y2026000001"),
    ("注销登记（repaid）（经办 clerk，审核 examiner）",
     "Registration cancelled (repaid) (prepared by clerk, approved by examiner)"),
    ("提交审核 #3：不予登记", "Submitted for approval #3: Refused"),
    ("确认决定 #3（提交人 clerk）：材料齐全", "Decision #3 confirmed (submitted by clerk): 材料齐全"),
    ("新增当事人 华兴科技有限公司", "Party added: 华兴科技有限公司"),
    ("登录失败：密码错误（连续第 2 次）", "Sign-in failed: wrong password (attempt 2 in a row)"),
    ("修改用户 alice 的角色为 examiner", "Role of user alice changed to examiner"),
    ("缴纳年费 ZL202010123456.7 第5年 1200.00 元", "Annual fee paid: ZL202010123456.7, year 5, 1200.00 yuan"),
    ("理赔 LP-2026-001 核定", "Claim LP-2026-001 approved"),
    ("处置 CZ-2026-001：违约通知 → 处置评估", "Disposal CZ-2026-001: default notice → valuation for disposal"),
    ("贷款 DK-001 放款 100.00", "Loan DK-001 放款 100.00"),
    ("AU-001 成交 250,000.00", "AU-001 sold for 250,000.00"),
    ("PL-01 成员重新加入：华兴科技有限公司", "PL-01: member rejoined: 华兴科技有限公司"),
    ("修改登记机关设置", "Office settings changed"),
    ("FD-01 补偿 500.00（CZ-2026-001）", "FD-01 compensation 500.00 (CZ-2026-001)"),
]


@pytest.mark.parametrize(("stored", "english"), REAL)
def test_real_summaries_read_in_english_and_stay_as_stored_in_chinese(stored, english):
    assert summary_in(stored, "en") == english
    assert summary_in(stored, "zh") == stored


def test_text_no_template_matches_is_shown_as_stored():
    assert summary_in("手工备注：无模板", "en") == "手工备注：无模板"
    assert summary_in("", "en") == ""


def _variants(node: ast.AST, tokens: Iterator[str]) -> list[str]:
    """Every text a summary expression can give, each variable part an ASCII token (both branches of an if)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        parts = [_variants(v.value if isinstance(v, ast.FormattedValue) else v, tokens) for v in node.values]
        return ["".join(p) for p in itertools.product(*parts)]
    if isinstance(node, ast.IfExp):
        return _variants(node.body, tokens) + _variants(node.orelse, tokens)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [a + b for a, b in itertools.product(_variants(node.left, tokens), _variants(node.right, tokens))]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("strip", "rstrip"):
        return [getattr(v, node.func.attr)() for v in _variants(node.func.value, tokens)]
    return [next(tokens)]


#: the calls that write a summary and where it is among their arguments: audit.record, and the pledges' helpers
#: that pass theirs on to it (the event, the pledge's audit entry, a decision awaiting approval)
SUMMARY_ARGUMENT = {"record": 5, "_event": 5, "_audit": 4, "_prepare": 5, "prepare_in": 5}


def _summary_of(node: ast.Call) -> ast.AST | None:
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr == "record":
        if not (isinstance(func.value, ast.Name) and func.value.id == "audit"):
            return None
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    index = SUMMARY_ARGUMENT.get(name)
    if index is None or len(node.args) <= index or isinstance(node.args[index], ast.Name):
        return None  # a summary passed on by name: its callers' texts are scanned
    return node.args[index]


def _summaries() -> Iterator[tuple[str, str]]:
    """(where, sample) for each summary a service writes, from the services' source."""
    tokens = (f"x{i}" for i in itertools.count())
    for path in sorted(SERVICES.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            arg = _summary_of(node) if isinstance(node, ast.Call) else None
            if arg is None:
                continue
            where = str(path.relative_to(SERVICES))
            for sample in _variants(arg, tokens):
                if any(where == w and p.fullmatch(sample) for w, p in NEVER_WRITTEN):
                    continue
                yield f"{where}:{node.lineno}", sample


def test_every_summary_template_in_the_services_has_an_english_one():
    found = list(_summaries())
    assert len(found) > 100  # the scan sees the call sites (about 80 audit.record, 30 in the pledges' helpers)
    missing = [(where, sample, summary_in(sample, "en")) for where, sample in found
               if CJK.search(summary_in(sample, "en"))]
    assert not missing, "add these templates to ipdesk/domain/audit/summaries.py CATALOGUE:\n" + "\n".join(
        f"{where}: {sample!r} → {english!r}" for where, sample, english in missing)


def test_the_label_words_summaries_take_are_listed_in_english():
    # the tables whose Chinese label a call site writes into its summary (a stage, a notice kind, a claim step…)
    from ipdesk.domain.disposal.stages import STAGES
    from ipdesk.domain.marketplace.auction import MODE_LABELS
    from ipdesk.services.insurance.claims import _STEP_WORDS
    from ipdesk.services.notices.service import KIND_NAMES
    from ipdesk.services.risk.service import ACTION_LABELS

    zh = [label[0] for table in (MODE_LABELS, _STEP_WORDS, KIND_NAMES, ACTION_LABELS) for label in table.values()]
    zh += [spec.label[0] for spec in STAGES.values()]
    missing = [word for word in zh if word not in WORDS]
    assert not missing, f"add to ipdesk/domain/audit/summaries.py WORDS: {missing}"
