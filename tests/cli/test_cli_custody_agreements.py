"""``ipdesk custody agreement add|list``: an agreement over patents through the custody service, JSON out; bad
input exits 2, a right already in custody is refused (exit 1) and nothing is written."""

from __future__ import annotations

import pytest

from tests.cli.test_cli_fees import NUMBER, db, run  # noqa: F401 (db is the fixture with two parties, one patent)

OWNER = "江苏恒顺新材料科技有限公司"


def test_add_then_list(capsys: pytest.CaptureFixture[str], db: list[str]) -> None:  # noqa: F811
    code, out = run(capsys, *db, "custody", "agreement", "add", "--custodian", OWNER, "--rights", "2017106018623",
                    "--from", "2026-01-01", "--to", "2028-12-31")
    assert code == 0 and out["ok"] is True
    agreement = out["agreement"]
    assert (agreement["custodian"], agreement["starts_on"], agreement["ends_on"], agreement["rights"]) == (
        OWNER, "2026-01-01", "2028-12-31", [NUMBER])
    assert agreement["payer"] == "custodian" and agreement["fee_budget"] is None
    code, out = run(capsys, *db, "custody", "agreement", "list")
    assert code == 0 and out["agreements"] == [agreement]
    assert run(capsys, *db, "custody", "agreement", "list", "--custodian", "镇江高新研究院")[1]["agreements"] == []
    # The new agreement feeds the worklist at once.
    assert run(capsys, *db, "custody", "worklist", "--days", "30")[1]["count"] == 1


def test_from_defaults_to_today_and_to_is_open(capsys: pytest.CaptureFixture[str], db: list[str]) -> None:  # noqa: F811
    code, out = run(capsys, *db, "custody", "agreement", "add", "--custodian", "91110000600037341L",
                    "--rights", f"{NUMBER},")
    assert code == 0 and out["agreement"]["starts_on"] == "2026-12-01" and out["agreement"]["ends_on"] is None


def test_a_right_in_custody_twice_is_refused(capsys: pytest.CaptureFixture[str], db: list[str]) -> None:  # noqa: F811
    assert run(capsys, *db, "custody", "agreement", "add", "--custodian", OWNER, "--rights", NUMBER)[0] == 0
    code, out = run(capsys, *db, "custody", "agreement", "add", "--custodian", "镇江高新研究院", "--rights", NUMBER)
    assert code == 1 and out["errors"][0]["code"] == "custody.right_in_custody"
    code, out = run(capsys, *db, "custody", "agreement", "add", "--custodian", OWNER,
                    "--rights", f"{NUMBER},2017106018623")
    assert code == 1 and "custody.listed_twice" in [e["code"] for e in out["errors"]]
    assert len(run(capsys, *db, "custody", "agreement", "list")[1]["agreements"]) == 1


@pytest.mark.parametrize(("args", "code_"), [
    (["--custodian", "无此机构", "--rights", NUMBER], "not_found"),
    (["--custodian", OWNER, "--rights", ","], "custody.no_rights"),
    (["--custodian", OWNER, "--rights", "ZL 201710601862.5"], None),  # a bad check digit
    (["--custodian", OWNER, "--rights", NUMBER, "--from", "2026-05-01", "--to", "2026-04-30"], "custody.term_order"),
    (["--custodian", OWNER, "--rights", NUMBER, "--from", "someday"], None),
])
def test_bad_input_exits_2_and_writes_nothing(capsys: pytest.CaptureFixture[str], db: list[str],  # noqa: F811
                                              args: list[str], code_: str | None) -> None:
    code, out = run(capsys, *db, "custody", "agreement", "add", *args)
    assert code == 2 and out["errors"]
    if code_:
        assert code_ in [e["code"] for e in out["errors"]]
    assert run(capsys, *db, "custody", "agreement", "list")[1]["agreements"] == []


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], db: list[str]) -> None:  # noqa: F811
    from ipdesk.cli.main import main

    for args in (["agreement", "add", "--rights", NUMBER], ["agreement"]):
        with pytest.raises(SystemExit) as exited:
            main([*db, "custody", *args])
        assert exited.value.code == 2
    capsys.readouterr()


def test_owner_still_works_as_the_former_name_of_custodian(capsys: pytest.CaptureFixture[str],
                                                          db: list[str]) -> None:  # noqa: F811
    code, out = run(capsys, *db, "custody", "agreement", "add", "--owner", OWNER, "--rights", NUMBER)
    assert code == 0 and out["agreement"]["custodian"] == OWNER


def test_the_custodian_is_required_and_named_once(capsys: pytest.CaptureFixture[str],
                                                 db: list[str]) -> None:  # noqa: F811
    from ipdesk.cli.main import main

    with pytest.raises(SystemExit) as missing:
        main([*db, "custody", "agreement", "add", "--rights", NUMBER])
    assert missing.value.code == 2
    error = capsys.readouterr().err
    assert "--custodian" in error and "--owner" not in error  # the usage error names the proper option
    with pytest.raises(SystemExit) as both:
        main([*db, "custody", "agreement", "add", "--custodian", OWNER, "--owner", OWNER, "--rights", NUMBER])
    assert both.value.code == 2
    capsys.readouterr()
    assert run(capsys, *db, "custody", "agreement", "list")[1]["agreements"] == []


def test_the_help_names_custodian_not_owner(capsys: pytest.CaptureFixture[str]) -> None:
    from ipdesk.cli.main import build_parser

    custody = build_parser()._subparsers._group_actions[0].choices["custody"]  # type: ignore[union-attr]
    agreement = custody._subparsers._group_actions[0].choices["agreement"]  # type: ignore[union-attr]
    text = agreement._subparsers._group_actions[0].choices["add"].format_help()  # type: ignore[union-attr]
    assert "--custodian" in text and "--owner" not in text
