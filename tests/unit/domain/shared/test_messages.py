"""The one message catalogue: coded problems and messages render in the reader's language, nested ones too."""

from __future__ import annotations

from ipdesk.domain.shared.messages import Message, param_text, register, render
from ipdesk.domain.shared.problems import Problem, RuleRefusal

register({
    "test.outer": ("不能办理：{grounds}", "cannot proceed: {grounds}"),
    "test.inner": ("{label}不能为空", "{label} is empty"),
    "test.count": ("共 {n} 件{extra}", "{n} in all{extra}"),
    "test.extra": ("（已取消）", " (cancelled)"),
})


def test_nested_problems_render_in_the_readers_language():
    inner = [Problem("test.inner", "a", {"label": "出质人"}), Problem("bad_date", "b", {"value": "2026-13-01"})]
    outer = Problem("test.outer", "", {"grounds": inner})
    assert outer.message("zh") == "不能办理：出质人不能为空；日期格式应为 yyyy-MM-dd：2026-13-01"
    assert outer.message("en") == "cannot proceed: pledgor is empty; date must be yyyy-MM-dd: 2026-13-01"
    # The JSON the CLI prints keeps its shape: params as text, in the CLI's language.
    assert outer.to_json("zh")["params"] == {"grounds": "出质人不能为空；日期格式应为 yyyy-MM-dd：2026-13-01"}
    assert RuleRefusal(outer).messages("en") == [outer.message("en")]


def test_a_message_is_coded_text_and_nests():
    done = Message("test.count", {"n": 3, "extra": Message("test.extra")})
    assert done.message("zh") == "共 3 件（已取消）" and done.message("en") == "3 in all (cancelled)"
    assert Message("test.count", {"n": 1, "extra": ""}).message("en") == "1 in all"
    assert param_text([done, done], "en") == "3 in all (cancelled); 3 in all (cancelled)"
    assert param_text(7) == "7" and render("test.extra", {}, "zh") == "（已取消）"
