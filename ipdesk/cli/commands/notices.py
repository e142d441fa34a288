"""Notice commands: print, reprint and revoke notices, verify one offline, export the signing key, search
the pledge register (with Excel export and certificate) and export the gazette."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ipdesk.cli.commands.common import EXIT_OK, EXIT_REFUSED, Subparsers, command, date_arg, emit
from ipdesk.config import AppConfig
from ipdesk.domain.shared.messages import register
from ipdesk.domain.shared.problems import Problem, ValidationError

register({
    "cli.notice_print_all": ("用法：ipdesk notice print <编号> --kind 种类 --out 文件，或 ipdesk notice print --all "
                             "--kind 种类 --out 文件夹 [--from 日期] [--to 日期]",
                             "usage: ipdesk notice print <number> --kind KIND --out FILE, or ipdesk notice print --all "
                             "--kind KIND --out FOLDER [--from DATE] [--to DATE]"),
    "cli.notice_workers": ("--workers 须为 1 或更大的整数", "--workers must be a whole number of 1 or more"),
})


def add_parsers(sub: Subparsers) -> None:
    ver = command(sub, "verify", run_verify, help="verify a notice offline: a PDF file or the QR text")
    ver.add_argument("value", help="path of a notice PDF, or the QR payload text (IPD1|…)")

    notice = command(sub, "notice", run_notice, help="notices: print, reprint, revoke")
    notice_sub = notice.add_subparsers(dest="notice_command", required=True)
    nprint = notice_sub.add_parser("print", help="print the notice of a pledge to a PDF file, or --all of a kind")
    nprint.add_argument("number", nargs="?", help="registration or application number")
    nprint.add_argument("--kind", required=True,
                        choices=["registration", "refusal", "correction", "change", "cancellation"])
    nprint.add_argument("--out", type=Path, required=True, help="the PDF file; with --all, the folder")
    nprint.add_argument("--all", action="store_true",
                        help="every pledge's notice of this kind (one file each, into the --out folder)")
    nprint.add_argument("--from", dest="date_from", help="--all: events on or after this date")
    nprint.add_argument("--to", dest="date_to", help="--all: events on or before this date")
    nprint.add_argument("--workers", type=int, default=None,
                        help="--all: processes rendering the notices (default: one per core)")
    nre = notice_sub.add_parser("reprint", help="reprint an issued notice (same content and serial)")
    nre.add_argument("serial")
    nre.add_argument("--out", type=Path, required=True)
    nrev = notice_sub.add_parser("revoke", help="revoke an issued notice")
    nrev.add_argument("serial")
    nrev.add_argument("--reason", required=True)

    key = command(sub, "key", run_key,
                  help="the office signing key: export the public keys, list, rotate, import, retire, protect")
    key.add_argument("action", choices=["export", "list", "rotate", "import", "retire", "protect"])
    key.add_argument("file", type=Path, nargs="?",
                     help="export: the file to write; import: the private key (PEM) to install")
    key.add_argument("--key-id", default="", help="retire: the key id to retire")

    srch = command(sub, "search", run_search,
                   help="search the pledge register (JSON; optional Excel and certificate)")
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

    gaz = command(sub, "gazette", run_gazette,
                  help="export gazette lines of registrations/changes/cancellations")
    gaz.add_argument("--from", dest="date_from", required=True)
    gaz.add_argument("--to", dest="date_to", required=True)
    gaz.add_argument("--out", type=Path, required=True, help=".csv or .xlsx")
    gaz.add_argument("--patents-only", action="store_true")


def run_verify(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    value = args.value.strip()
    path = Path(value)
    is_file = not value.startswith("IPD1|") and path.exists()
    result = ws.notices.verify_file(path) if is_file else ws.notices.verify_text(value)
    out: dict[str, Any] = {"status": result.status.value, "serial": result.serial,
                           "reason": result.message.message(config.lang), "content_checked": result.content_checked,
                           "pages_checked": result.pages_checked,
                           "differences": [d.message(config.lang) for d in result.differences]}
    if result.register_content is not None:  # QR only: the register's copy, to compare with the paper
        out["register_content"] = result.register_content
    emit(out)
    return EXIT_OK if result.ok else EXIT_REFUSED


def run_key(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    """Passphrases come from the environment, never the command line: IPDESK_KEY_PASSPHRASE unlocks the
    current key file, IPDESK_NEW_KEY_PASSPHRASE protects the one written (rotate, import, protect)."""
    import os

    keys = ws.notices.keys
    new_passphrase = os.environ.get("IPDESK_NEW_KEY_PASSPHRASE") or None

    def required(value: Any, name: str) -> Any:
        if not value:
            raise ValidationError(Problem("required", name, {"label": name}))
        return value

    if args.action == "export":
        key_id = ws.notices.export_public_key(required(args.file, "file"))
        emit({"key_id": key_id, "file": str(args.file), "keys": [p.to_json() for p in keys.periods()]})
        return EXIT_OK
    if args.action == "rotate":
        keys.rotate(ws.actor, new_passphrase)
    elif args.action == "import":
        keys.import_key(ws.actor, required(args.file, "file").read_bytes(), new_passphrase)
    elif args.action == "retire":
        keys.retire(ws.actor, required(args.key_id, "--key-id"))
    elif args.action == "protect":
        keys.protect(ws.actor, new_passphrase)
    current = None if args.action == "retire" else ws.notices.key.key_id
    emit({"ok": True, "key_id": current, "keys": [p.to_json() for p in keys.periods()]})
    return EXIT_OK


def run_gazette(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    from ipdesk.services.notices.gazette import export_gazette

    start, end = date_arg(args.date_from, ws.clock), date_arg(args.date_to, ws.clock)
    n = export_gazette(ws.engine, start, end, args.out,
                       patents_only=args.patents_only)  # a publication: Chinese whatever --lang says
    emit({"ok": True, "lines": n, "file": str(args.out)})
    return EXIT_OK


def run_search(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    from ipdesk.services.notices.register_search import STATUS_TEXT, SearchCriteria

    criteria = SearchCriteria(
        name=args.name, similar=not args.exact, role=args.role, uscc=args.uscc, right_number=args.right,
        registration_no=args.registration_no,
        registered_from=date_arg(args.date_from, ws.clock) if args.date_from else None,
        registered_to=date_arg(args.date_to, ws.clock) if args.date_to else None,
        status=args.status, as_of=date_arg(args.as_of, ws.clock) if args.as_of else None)
    rows = ws.register_search.search(criteria, 0, 100_000)
    en = config.lang == "en"
    results = [{k: STATUS_TEXT[v][1 if en else 0] if k == "status" else v for k, v in r.items()
                if k not in ("id", "rights")} for r in rows]
    out: dict[str, Any] = {"query": criteria.describe(), "count": len(rows), "results": results}
    if args.export:
        ws.register_search.export_xlsx(criteria, args.export)
        out["export"] = str(args.export)
    if args.certificate:
        cert = ws.register_search.certificate(ws.actor, criteria)
        ws.notices.reprint(ws.actor, cert.serial, args.certificate)
        out["certificate"] = {"serial": cert.serial, "file": str(args.certificate)}
    emit(out)
    return EXIT_OK


def run_notice(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    if args.notice_command == "print" and (args.all or args.date_from or args.date_to):
        return _print_all(args, config, ws)
    if args.notice_command == "print":
        if not args.number:
            raise ValidationError(Problem("cli.notice_print_all", "number"))
        record = ws.pledges.find(args.number)
        issued = ws.notices.print_notice(ws.actor, record.id, args.kind, args.out)
    elif args.notice_command == "reprint":
        issued = ws.notices.reprint(ws.actor, args.serial, args.out)
    else:
        ws.notices.revoke(ws.actor, args.serial, args.reason)
        pending = next((d.id for d in ws.pledges.decisions() if d.params.get("serial") == args.serial), None)
        # With maker-checker on the revocation awaits an approver: "pending" names the decision.
        emit({"ok": True, "serial": args.serial, "revoked": pending is None, "pending": pending})
        return EXIT_OK
    emit({"ok": True, "serial": issued.serial, "kind": issued.kind.value, "file": str(args.out),
          "payload": issued.payload})
    return EXIT_OK


def _print_all(args: argparse.Namespace, config: AppConfig, ws: Any) -> int:
    """Month end: every notice of a kind (events in --from..--to) into one folder, one file each."""
    import time

    if not args.all or args.number:
        raise ValidationError(Problem("cli.notice_print_all", "all"))
    start = date_arg(args.date_from, ws.clock) if args.date_from else None
    end = date_arg(args.date_to, ws.clock) if args.date_to else None
    ids = ws.notices.pledges_with(args.kind, start, end)
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file of that name, or no right to make it
        from ipdesk.domain.shared.files import os_error_problem

        raise ValidationError(os_error_problem(exc, "out", args.out)) from None
    started = time.perf_counter()
    from ipdesk.reports.notices.batch_render import default_workers

    workers = args.workers if args.workers is not None else default_workers()
    if workers < 1:
        raise ValidationError(Problem("cli.notice_workers", "workers"))
    report = ws.notices.print_batch(ws.actor, ids, args.kind, folder=args.out, workers=workers)
    seconds = time.perf_counter() - started
    emit({"ok": not report.failed, "kind": args.kind, "pledges": len(ids), "written": len(report.written),
          "folder": str(args.out), "seconds": round(seconds, 2), "workers": workers,
          "per_second": round(len(report.written) / seconds, 1) if seconds and report.written else 0.0,
          "skipped": [{"pledge": p, "reason": why.message(config.lang)} for p, why in report.skipped],
          "failed": [{"file": f, "reason": why} for f, why in report.failed]})
    return EXIT_OK if not report.failed else EXIT_REFUSED
