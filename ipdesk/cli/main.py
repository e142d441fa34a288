"""The command line on the same services as the GUI.

Exit codes: 0 ok, 1 refused by a rule, 2 bad input (nothing written), 3 internal error (a bug: reported
as JSON with the exception, never as a bare traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ipdesk import __version__
from ipdesk.config import AppConfig
from ipdesk.domain.shared.problems import DomainError

EXIT_OK, EXIT_REFUSED, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


def emit(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="ipdesk", description="知识产权质押登记与处置工作站 / IP pledge workstation")
    p.add_argument("--version", action="version", version=f"ipdesk {__version__}")
    p.add_argument("--database", help="SQLAlchemy URL (default: IPDESK_DATABASE_URL or SQLite in the data folder)")
    p.add_argument("--data-dir", type=Path, help="data folder (default: IPDESK_DATA_DIR or the user data folder)")
    p.add_argument("--lang", choices=["zh", "en"], help="message language (default zh)")
    p.add_argument("--self-check", action="store_true", help="open the database and the main window offscreen, then exit")
    sub = p.add_subparsers(dest="command")

    gui = sub.add_parser("gui", help="start the workstation (default)")
    gui.add_argument("--demo-if-empty", action="store_true", help="load demo data when the register is empty")
    gui.add_argument("--self-check", action="store_true", dest="self_check_gui")

    db = sub.add_parser("db", help="database: upgrade | current | backup")
    db.add_argument("action", choices=["upgrade", "current", "backup"])

    demo = sub.add_parser("demo-data", help="load a deterministic demo data set into an empty register")
    demo.add_argument("--rights", type=int, default=2000)
    demo.add_argument("--seed", type=int, default=2026)
    demo.add_argument("--pledges", type=int, default=40, help="demo pledge applications filed through the services")

    number = sub.add_parser("number", help="identifiers")
    number_sub = number.add_subparsers(dest="number_command", required=True)
    check = number_sub.add_parser("check", help="validate and normalise a right number (JSON)")
    check.add_argument("value")
    check.add_argument("--kind", help="invention | utility_model | design | trademark | copyright | software")

    right = sub.add_parser("right", help="rights register")
    right_sub = right.add_subparsers(dest="right_command", required=True)
    show = right_sub.add_parser("show", help="a right as JSON")
    show.add_argument("number")

    audit = sub.add_parser("audit", help="audit log")
    audit.add_argument("action", choices=["verify"])

    exam = sub.add_parser("examine", help="examine an application JSON file (exit 0: would register, 1: not)")
    exam.add_argument("file", type=Path)
    exam.add_argument("--on", help="examine as of this date (default today)")

    reg = sub.add_parser("register", help="file, examine and register an application JSON file (all or nothing)")
    reg.add_argument("file", type=Path)
    reg.add_argument("--on", help="registration date (default today)")

    pledge = sub.add_parser("pledge", help="pledge register")
    pledge_sub = pledge.add_subparsers(dest="pledge_command", required=True)
    pshow = pledge_sub.add_parser("show", help="a pledge with its history as JSON")
    pshow.add_argument("number", help="registration number (or application number)")
    pcancel = pledge_sub.add_parser("cancel", help="cancel a registered pledge")
    pcancel.add_argument("number")
    pcancel.add_argument("--trigger", required=True,
                         choices=["repaid", "realised", "waived", "main_contract_void", "extinguished_by_law"])
    pcancel.add_argument("--on", help="cancellation date (default today)")

    ver = sub.add_parser("verify", help="verify a notice offline: a PDF file or the QR text")
    ver.add_argument("value", help="path of a notice PDF, or the QR payload text (IPD1|…)")

    notice = sub.add_parser("notice", help="notices: print, reprint, revoke")
    notice_sub = notice.add_subparsers(dest="notice_command", required=True)
    nprint = notice_sub.add_parser("print", help="print the notice of a pledge to a PDF file")
    nprint.add_argument("number", help="registration or application number")
    nprint.add_argument("--kind", required=True,
                        choices=["registration", "refusal", "correction", "change", "cancellation"])
    nprint.add_argument("--out", type=Path, required=True)
    nre = notice_sub.add_parser("reprint", help="reprint an issued notice (same content and serial)")
    nre.add_argument("serial")
    nre.add_argument("--out", type=Path, required=True)
    nrev = notice_sub.add_parser("revoke", help="revoke an issued notice")
    nrev.add_argument("serial")
    nrev.add_argument("--reason", required=True)

    key = sub.add_parser("key", help="the office signing key")
    key.add_argument("action", choices=["export"])
    key.add_argument("file", type=Path)

    srch = sub.add_parser("search", help="search the pledge register (JSON; optional Excel and certificate)")
    srch.add_argument("--name", default="", help="pledgor or pledgee name")
    srch.add_argument("--exact", action="store_true", help="exact name only (default: similar names too)")
    srch.add_argument("--role", choices=["pledgor", "pledgee"], default="")
    srch.add_argument("--uscc", default="")
    srch.add_argument("--right", default="", help="right number in any form")
    srch.add_argument("--registration-no", default="")
    srch.add_argument("--from", dest="date_from")
    srch.add_argument("--to", dest="date_to")
    srch.add_argument("--status", choices=["in_force", "cancelled"], default="")
    srch.add_argument("--as-of", help="the register as it stood at the end of this date")
    srch.add_argument("--export", type=Path, help="write the results to this .xlsx file")
    srch.add_argument("--certificate", type=Path, help="issue a search certificate PDF to this file")

    gaz = sub.add_parser("gazette", help="export gazette lines of registrations/changes/cancellations")
    gaz.add_argument("--from", dest="date_from", required=True)
    gaz.add_argument("--to", dest="date_to", required=True)
    gaz.add_argument("--out", type=Path, required=True, help=".csv or .xlsx")
    gaz.add_argument("--patents-only", action="store_true")

    imp = sub.add_parser("import", help="import parties or rights from CSV / XLSX (all or nothing)")
    imp.add_argument("kind", choices=["parties", "rights"])
    imp.add_argument("file", type=Path)
    return p


def config_from(args: argparse.Namespace) -> AppConfig:
    base = AppConfig.from_env(database_url=args.database, data_dir=args.data_dir)
    if args.lang:
        return AppConfig(base.data_dir, base.database_url, args.lang)
    return base


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    config = config_from(args)
    try:
        return dispatch(args, config)
    except DomainError as err:
        emit({"ok": False, "errors": [p.to_json(config.lang) for p in err.problems]})
        return err.exit_code
    except Exception as exc:  # noqa: BLE001 - never a bare traceback; exit 3 = internal error, not a refusal
        import traceback

        message = "内部错误" if config.lang == "zh" else "internal error"
        emit({"ok": False, "internal_error": True, "error": f"{message}: {type(exc).__name__}: {exc}",
              "traceback": traceback.format_exc().splitlines()[-6:]})
        return EXIT_INTERNAL


def dispatch(args: argparse.Namespace, config: AppConfig) -> int:
    command = args.command
    if command == "number":
        from ipdesk.domain.registry.identifiers import describe_number
        from ipdesk.domain.registry.rights import RightKind

        kind = None
        if args.kind:
            try:
                kind = RightKind(args.kind)
            except ValueError:
                emit({"valid": False, "input": args.value, "error": f"unknown kind: {args.kind}"})
                return EXIT_BAD_INPUT
        result = describe_number(args.value, kind, config.lang)
        emit(result)
        return EXIT_OK if result.get("valid") else EXIT_BAD_INPUT

    from ipdesk.services.workstation import open_workstation

    if command in (None, "gui"):
        from ipdesk.gui.app import run_gui

        self_check = bool(args.self_check or getattr(args, "self_check_gui", False))
        return run_gui(config, self_check=self_check, demo_if_empty=getattr(args, "demo_if_empty", False))

    if command == "db":
        from ipdesk.storage import migrate
        from ipdesk.storage.engine import describe, make_engine

        engine = make_engine(config.database_url)
        if args.action == "current":
            emit({"database": describe(engine), "current": migrate.current_revision(engine),
                  "head": migrate.head_revision()})
        elif args.action == "upgrade":
            before = migrate.current_revision(engine)
            copy = migrate.upgrade_to_head(engine, config.backup_dir)
            emit({"database": describe(engine), "from": before, "to": migrate.current_revision(engine),
                  "backup": str(copy) if copy else None})
        else:
            copy = migrate.backup(engine, config.backup_dir)
            emit({"database": describe(engine), "backup": str(copy)})
        engine.dispose()
        return EXIT_OK

    ws = open_workstation(config)
    try:
        if command == "demo-data":
            from ipdesk.demo.generator import load_demo_data

            summary = load_demo_data(ws.engine, ws.actor, rights=args.rights, seed=args.seed, pledges=args.pledges)
            emit(summary.to_json() if hasattr(summary, "to_json") else summary.__dict__)
            return EXIT_OK
        if command == "right":
            right = ws.rights.get_by_number(args.number)
            emit(right_json(right))
            return EXIT_OK
        if command == "audit":
            report = ws.audit.verify()
            emit(report.to_json())
            return EXIT_OK if report.ok else EXIT_REFUSED
        if command in ("examine", "register", "pledge"):
            return pledge_command(ws, args, config)
        if command in ("verify", "notice", "key", "search", "gazette"):
            return notice_command(ws, args, config)
        if command == "import":
            from ipdesk.services.registry.imports import ImportService

            report = ImportService(ws.engine).import_file(ws.actor, args.kind, args.file)
            emit({**report.to_json(), "problems": [p.to_json(config.lang) for p in report.problems]})
            return EXIT_OK if report.ok else EXIT_BAD_INPUT
    finally:
        ws.close()
    return EXIT_BAD_INPUT


def _date_arg(text: str | None):  # type: ignore[no-untyped-def]
    from ipdesk.domain.shared.fields import parse_date
    from ipdesk.domain.shared.problems import ValidationError
    from ipdesk.services.office.service import today

    if not text:
        return today()
    value, problems = parse_date(text, "on", "日期")
    if problems:
        raise ValidationError(problems)
    return value


def _load_json(path: Path) -> Any:
    from ipdesk.domain.shared.problems import Problem, ValidationError

    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(Problem("import.unreadable", "file", {"reason": str(exc)})) from exc


def pledge_command(ws: Any, args: argparse.Namespace, config: AppConfig) -> int:
    import ipdesk.domain.pledges.examination.engine  # noqa: F401 - registers the finding texts
    from ipdesk.domain.pledges.examination.engine import Outcome

    lang = config.lang
    if args.command == "examine":
        on = _date_arg(args.on)
        result = ws.pledges.examine_data(_load_json(args.file), as_of=on)
        emit(result.to_json(lang))
        return EXIT_OK if result.outcome is Outcome.REGISTER else EXIT_REFUSED
    if args.command == "register":
        on = _date_arg(args.on)
        data = _load_json(args.file)
        result = ws.pledges.examine_data(data, as_of=on)
        if result.outcome is not Outcome.REGISTER:
            emit({"ok": False, "registered": False, "examination": result.to_json(lang)})
            return EXIT_REFUSED
        record = ws.pledges.file_and_register(ws.actor, data, on=on)  # one transaction: all or nothing
        emit({"ok": True, "registered": True, **pledge_json(ws, record)})
        return EXIT_OK
    if args.pledge_command == "show":
        record = ws.pledges.find(args.number)
        emit({**pledge_json(ws, record), "events": ws.pledges.events(record.id)})
        return EXIT_OK
    record = ws.pledges.find(args.number)
    record = ws.pledges.cancel(ws.actor, record.id, args.trigger, on=_date_arg(args.on))
    emit({"ok": True, **pledge_json(ws, record)})
    return EXIT_OK


def notice_command(ws: Any, args: argparse.Namespace, config: AppConfig) -> int:
    lang = config.lang
    if args.command == "verify":
        value = args.value.strip()
        path = Path(value)
        result = ws.notices.verify_file(path) if not value.startswith("IPD1|") and path.exists() else ws.notices.verify_text(value)
        emit({"status": result.status.value, "serial": result.serial, "reason": result.message.message(lang),
              "content_checked": result.content_checked})
        return EXIT_OK if result.ok else EXIT_REFUSED
    if args.command == "key":
        key_id = ws.notices.export_public_key(args.file)
        emit({"key_id": key_id, "file": str(args.file)})
        return EXIT_OK
    if args.command == "gazette":
        from ipdesk.services.notices.gazette import export_gazette

        n = export_gazette(ws.engine, _date_arg(args.date_from), _date_arg(args.date_to), args.out,
                           patents_only=args.patents_only)  # a publication: Chinese whatever --lang says
        emit({"ok": True, "lines": n, "file": str(args.out)})
        return EXIT_OK
    if args.command == "search":
        from ipdesk.services.notices.register_search import SearchCriteria

        criteria = SearchCriteria(
            name=args.name, similar=not args.exact, role=args.role, uscc=args.uscc, right_number=args.right,
            registration_no=args.registration_no,
            registered_from=_date_arg(args.date_from) if args.date_from else None,
            registered_to=_date_arg(args.date_to) if args.date_to else None,
            status=args.status, as_of=_date_arg(args.as_of) if args.as_of else None)
        rows = ws.register_search.search(criteria, 0, 100_000)
        from ipdesk.services.notices.register_search import STATUS_TEXT

        en = lang == "en"
        out: dict[str, Any] = {"query": criteria.describe(), "count": len(rows), "results": [
            {k: STATUS_TEXT[v][1 if en else 0] if k == "status" else v for k, v in r.items() if k not in ("id", "rights")}
            for r in rows]}
        if args.export:
            ws.register_search.export_xlsx(criteria, args.export)
            out["export"] = str(args.export)
        if args.certificate:
            cert = ws.register_search.certificate(ws.actor, criteria)
            ws.notices.reprint(ws.actor, cert.serial, args.certificate)
            out["certificate"] = {"serial": cert.serial, "file": str(args.certificate)}
        emit(out)
        return EXIT_OK
    if args.notice_command == "print":
        record = ws.pledges.find(args.number)
        issued = ws.notices.print_notice(ws.actor, record.id, args.kind, args.out)
    elif args.notice_command == "reprint":
        issued = ws.notices.reprint(ws.actor, args.serial, args.out)
    else:
        ws.notices.revoke(ws.actor, args.serial, args.reason)
        emit({"ok": True, "serial": args.serial, "revoked": True})
        return EXIT_OK
    emit({"ok": True, "serial": issued.serial, "kind": issued.kind.value, "file": str(args.out), "payload": issued.payload})
    return EXIT_OK


def pledge_json(ws: Any, record: Any) -> dict[str, Any]:
    from ipdesk.services.pledges.inputs import application_to_json

    app = application_to_json(record.application, {r.number: r.display_number for r in record.rights})
    return {
        "id": record.id,
        "application_no": record.application_no,
        "registration_no": record.registration_no,
        "status": record.status.value,
        "family": record.family,
        "pledgors": list(record.pledgor_names),
        "pledgee": record.pledgee_name,
        "debtor": record.debtor_name,
        "secured_amount": str(record.secured_amount),
        "effective_date": record.registered_on,
        "sla_deadline": record.sla_deadline,
        "refused_on": record.refused_on,
        "cancelled_on": record.cancelled_on,
        "cancellation_trigger": record.cancellation_trigger.value if record.cancellation_trigger else None,
        "rights": [{"number": r.number, "display_number": r.display_number, "title": r.title, "kind": r.kind}
                   for r in record.rights],
        "application": app,
    }


def right_json(right: Any) -> dict[str, Any]:
    from ipdesk.domain.registry.rights import KIND_LABELS, STATUS_LABELS

    return {
        "id": right.id,
        "kind": right.kind.value,
        "kind_label": KIND_LABELS[right.kind][0],
        "number": right.number,
        "display_number": right.display_number,
        "title": right.title,
        "legal_status": right.legal_status.value,
        "legal_status_label": STATUS_LABELS[right.legal_status][0],
        "filing_date": right.filing_date,
        "grant_date": right.grant_date,
        "registration_date": right.registration_date,
        "publication_date": right.publication_date,
        "expiry_date": right.expiry_date,
        "term_extension_days": right.term_extension_days,
        "flags": {
            "invalidation_requested": right.invalidation_requested,
            "ownership_dispute": right.ownership_dispute,
            "court_preservation": right.court_preservation,
        },
        "nice_classes": list(right.nice_classes),
        "ipc_main": right.ipc_main,
        "product": right.product,
        "owners": [{"party_id": o.party_id, "name": o.name, "share": str(o.share)} for o in right.owners],
        "version": right.version,
    }


if __name__ == "__main__":
    sys.exit(main())
