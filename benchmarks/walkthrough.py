"""The clerk's 3-patent pledge timed under Xvfb with the keyboard only (issue 15): ``python benchmarks/walkthrough.py``.

The real main window (``WindowHost``, as ``ipdesk`` opens it) runs on the xcb platform of an Xvfb display this
script starts; a driver thread presses real keys through the X server (XTest, ``libXtst``): Ctrl+N, the form
filled with keys only, Ctrl+S (filed), Ctrl+E (examined), the decision confirmed in the real message box,
Ctrl+P (issued, previewed), Qt's own print dialog (printing to a PDF file: no printer here), Ctrl+Shift+V and the
QR payload typed as a scanner types it (verified). No mouse event is sent at all. Keystrokes are counted (a
typed character is one, a chord such as Ctrl+Shift+A is one), a clerk's typing pace is simulated (``--pace``,
default 0.15 s a key, about 400 keys a minute) and the seconds from Ctrl+N to the verified notice are measured;
a screenshot of the whole screen after each step goes to ``--out`` (docs/screenshots/walkthrough).

Xvfb has no window manager: where one gives a newly shown or uncovered window the focus, the driver asks Qt to
activate the topmost visible window (no key, no click). Everything written (database, notices, the printed PDF)
stays in a temporary folder that is removed unless ``--keep``.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

WIDTH, HEIGHT = 1360, 860
NUMBERS = ("2017106018623", "ZL201810234567.3", "CN 201920345678.1")  # typed as a clerk has them
#: US keyboard: characters typed with Shift, and X keysym names of the others that are not letters or digits
SHIFTED = {"|": "bar", "_": "underscore", ":": "colon", "+": "plus", "~": "asciitilde", "!": "exclam",
           "@": "at", "#": "numbersign", "$": "dollar", "%": "percent", "^": "asciicircum", "&": "ampersand",
           "*": "asterisk", "(": "parenleft", ")": "parenright", "?": "question", "<": "less", ">": "greater"}
PLAIN = {" ": "space", ".": "period", "-": "minus", "/": "slash", "=": "equal", ",": "comma", ";": "semicolon"}
BASE_OF = {"bar": "backslash", "underscore": "minus", "colon": "semicolon", "plus": "equal"}


class XKeys:
    """Real key presses through the X server (XTest), counted; each keystroke then waits ``pace`` seconds."""

    def __init__(self, pace: float):
        self.x11 = ctypes.cdll.LoadLibrary("libX11.so.6")
        self.xtst = ctypes.cdll.LoadLibrary("libXtst.so.6")
        self.x11.XOpenDisplay.restype = ctypes.c_void_p
        self.x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
        self.x11.XStringToKeysym.restype = ctypes.c_ulong
        self.x11.XStringToKeysym.argtypes = [ctypes.c_char_p]
        self.x11.XKeysymToKeycode.restype = ctypes.c_ubyte
        self.x11.XKeysymToKeycode.argtypes = [ctypes.c_void_p, ctypes.c_ulong]
        self.x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
        self.xtst.XTestFakeKeyEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
        self.display = self.x11.XOpenDisplay(None)  # the driver's own connection: usable from its thread
        assert self.display, "no X display"
        self.pace = pace
        self.count = 0

    def _code(self, keysym: str) -> int:
        code = self.x11.XKeysymToKeycode(self.display, self.x11.XStringToKeysym(keysym.encode()))
        assert code, f"no key for {keysym}"
        return int(code)

    def _event(self, keysym: str, down: bool) -> None:
        self.xtst.XTestFakeKeyEvent(self.display, self._code(keysym), int(down), 0)

    def chord(self, *keysyms: str, pace: float | None = None) -> None:
        """One keystroke: the modifiers held, the last key pressed and released (``chord("Control_L", "n")``)."""
        for k in keysyms:
            self._event(k, True)
        for k in reversed(keysyms):
            self._event(k, False)
        self.x11.XSync(self.display, 0)
        self.count += 1
        time.sleep(self.pace if pace is None else pace)

    def type(self, text: str, pace: float | None = None) -> None:
        for ch in text:
            if ch.isascii() and ch.isalpha() and ch.isupper():
                self.chord("Shift_L", ch.lower(), pace=pace)
            elif ch in SHIFTED:
                self.chord("Shift_L", BASE_OF.get(SHIFTED[ch], SHIFTED[ch]), pace=pace)
            else:
                self.chord(PLAIN.get(ch, ch), pace=pace)


class Gui:
    """Runs a function on the GUI thread from the driver's and returns its result (also while a message box
    or dialog runs its own event loop)."""

    def __init__(self) -> None:
        from PySide6.QtCore import QObject, Qt, Signal

        class Bridge(QObject):
            call = Signal(object)

        self.bridge = Bridge()
        # Queued, not blocking: a slot of the app may open a message box (a nested event loop) while a call
        # waits, and posted calls still run in that loop.
        self.bridge.call.connect(self._run, Qt.ConnectionType.QueuedConnection)

    @staticmethod
    def _run(box: dict[str, Any]) -> None:
        try:
            box["result"] = box["fn"]()
        except Exception as exc:
            box["error"] = exc
        finally:
            box["done"].set()

    def __call__(self, fn: Callable[[], Any]) -> Any:
        box: dict[str, Any] = {"fn": fn, "done": threading.Event()}
        self.bridge.call.emit(box)
        if not box["done"].wait(60):
            import faulthandler

            faulthandler.dump_traceback(all_threads=True)
            raise TimeoutError(f"the GUI thread did not run {fn} within 60 s")
        if "error" in box:
            raise box["error"]
        return box.get("result")

    def until(self, cond: Callable[[], Any], timeout: float = 20.0, what: str = "") -> Any:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            self(focus_topmost)
            value = self(cond)
            if value:
                return value
            time.sleep(0.02)
        raise TimeoutError(f"waited {timeout:.0f} s for {what or cond}: focus at {self(describe_focus)}")


def focus_topmost() -> None:
    """What a window manager does: the window shown last (or uncovered) has the focus."""
    from PySide6.QtWidgets import QApplication

    if QApplication.activeWindow() is not None:
        return
    modal = QApplication.activeModalWidget()
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and not w.isMinimized()
             and w.windowType() not in (0x0000000c, 0x00000013)]  # not popups or tool tips
    target = modal or (shown[-1] if shown else None)
    if target is not None:
        target.activateWindow()


def describe_focus() -> str:
    from PySide6.QtWidgets import QApplication

    return f"{QApplication.focusWidget()!r} in {QApplication.activeWindow()!r}"


def start_xvfb() -> subprocess.Popen[bytes]:
    """An Xvfb display of the desk's size on the first free number from :91."""
    for n in range(91, 130):
        if Path(f"/tmp/.X11-unix/X{n}").exists() or Path(f"/tmp/.X{n}-lock").exists():
            continue
        proc = subprocess.Popen(["Xvfb", f":{n}", "-screen", "0", f"{WIDTH}x{HEIGHT}x24", "-nolisten", "tcp"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{n}").exists():
                os.environ["DISPLAY"] = f":{n}"
                return proc
            time.sleep(0.05)
        proc.kill()
    raise RuntimeError("no free X display for Xvfb")


def build_world(ws: Any) -> dict[str, Any]:
    """A register as the demo has it, plus the pledgor firm with its three patents and the bank."""
    from ipdesk.demo.generator import load_demo_data
    from ipdesk.domain.registry.identifiers.uscc import uscc_check_char
    from ipdesk.domain.shared.permissions import Actor, Role

    system = Actor("system", Role.ADMIN, decides=True)
    load_demo_data(ws.engine, system, rights=3000, clock=ws.clock)

    def uscc(serial: int) -> str:
        body = f"91321100MA{serial:07d}"[:17]
        return body + uscc_check_char(body)

    firm = ws.parties.create(system, {"kind": "enterprise", "name": "镇江恒顺新材料科技有限公司", "uscc": uscc(4711),
                                      "address": "江苏省镇江市京口区学府路 88 号"})
    bank = ws.parties.create(system, {"kind": "bank", "name": "江苏银行股份有限公司镇江分行", "uscc": uscc(4712)})
    for number, kind, title, filed, granted in (
            ("ZL 201710601862.3", "invention", "一种图像处理装置及方法", "2017-07-25", "2020-03-10"),
            ("ZL 201810234567.3", "invention", "一种散热结构", "2018-03-01", "2021-06-15"),
            ("ZL 201920345678.1", "utility_model", "一种夹具", "2019-08-20", "2020-05-12")):
        ws.rights.create(system, {"kind": kind, "number": number, "title": title, "filing_date": filed,
                                  "grant_date": granted, "legal_status": "in_force",
                                  "owners": [{"party_id": firm.id, "share": ""}]})
    return {"firm": firm, "bank": bank}


def drive(gui: Gui, keys: XKeys, window: Any, world: dict[str, Any], out: Path, log: list[str],
          scanner_pace: float) -> dict[str, Any]:
    """The walkthrough itself, on the driver thread: keys go through X, every look at a widget through ``gui``."""
    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QApplication, QMessageBox, QPlainTextEdit

    from ipdesk.domain.pledges.application import PledgeStatus
    from ipdesk.gui.notices.notice_preview import NoticePreviewDialog
    from ipdesk.gui.notices.verify_dialog import VerifyDialog
    from ipdesk.reports.common.seal import VerifyStatus

    shots: list[str] = []
    focus = QApplication.focusWidget

    def shot(name: str) -> None:
        def grab() -> None:
            from PySide6.QtGui import QColor, QPainter, QPen

            image = QApplication.primaryScreen().grabWindow(0)
            painter = QPainter(image)  # no window manager draws frames: a line around each dialog instead
            painter.setPen(QPen(QColor("#455a64"), 2))
            for w in QApplication.topLevelWidgets():
                if w.isVisible() and w is not window and w.isWindow() and w.width() > 50:
                    painter.drawRect(w.frameGeometry().adjusted(-1, -1, 0, 0))
            painter.end()
            image.save(str(out / name))
        time.sleep(0.15)  # what was just drawn reaches the X server
        gui(grab)
        shots.append(name)
        log.append(f"{time.perf_counter() - started:6.1f} s  {keys.count:3d} keys  {name}")
        print(log[-1], flush=True)

    def box(kind: type) -> Any:
        """The visible top-level window of ``kind`` (on the GUI thread: inside ``gui`` calls)."""
        return next((w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()), None)

    ws = window.workstation
    gui.until(lambda: QApplication.activeWindow() is window, what="the main window")
    digit = gui(lambda: [a.key for a in window.areas].index("pledges") + 1)
    started = time.perf_counter()
    shot("01-start.png")
    keys.chord("Alt_L", str(digit % 10))  # Alt+4: 质押登记
    gui.until(lambda: window.current_area() == "pledges", what="the pledges page")
    page = gui(lambda: window.page("pledges"))
    keys.chord("Control_L", "n")  # 新建申请
    form = gui.until(lambda: page.form if page.form is not None and page.form.isVisible() else None,
                     what="the application form")
    gui.until(lambda: focus() is form.application_date.line_edit, what="the focus in the first field")
    shot("02-form-opened.png")
    keys.chord("Tab")  # the application date is today's
    keys.type(world["firm"].uscc)
    keys.chord("Tab")  # picks the party with that USCC
    gui.until(lambda: focus() is form.pledgee.line_edit, what="the pledgee field")
    keys.type(world["bank"].uscc)
    keys.chord("Return")  # moves on, never files
    gui.until(lambda: form.pledgee.party_id() == world["bank"].id and form.isVisible(), what="the pledgee")
    before = keys.count
    for _ in range(12):
        if gui(lambda: focus() is form.amount):
            break
        keys.chord("Tab")
    print(f"         Tab ×{keys.count - before} from the debtor to the amount", flush=True)
    keys.type("5000000")
    keys.chord("Tab")
    keys.type(ws.clock.today().replace(year=ws.clock.today().year + 1).strftime("%Y%m%d"))
    before = keys.count
    for _ in range(12):
        if gui(lambda: isinstance(focus(), QPlainTextEdit)):
            break
        keys.chord("Tab")
    print(f"         Tab ×{keys.count - before} from the deadline to 备注", flush=True)
    keys.chord("Tab")  # out of 备注 into the first right
    gui.until(lambda: focus() is form.rights.entries[0].line_edit, what="the first right's field")
    for i, number in enumerate(NUMBERS):
        keys.type(number)
        if i < len(NUMBERS) - 1:
            keys.chord("Return")  # the next right
            gui.until(lambda i=i: focus() is form.rights.entries[i + 1].line_edit, what="the next right")
    gui.until(lambda: len(form.rights.rights()) == 3, what="three rights found in the register")
    shot("03-form-rights.png")
    keys.chord("Control_L", "Shift_L", "a")  # every required document and clause received
    gui.until(lambda: form.documents.missing() == [] and form.clauses.missing() == [], what="the checklists")
    shot("04-form-complete.png")
    keys.chord("Control_L", "s")  # 保存: filed
    record = gui.until(lambda: form.result_value, what="the application filed")
    gui.until(lambda: page.current_id() == record.id and page.action("examine").isEnabled()
              and QApplication.activeWindow() is window and page.detail.currentWidget() is page.detail.scroll,
              what="the new application selected, its detail shown")
    shot("05-filed.png")
    keys.chord("Control_L", "e")  # 审查
    dialog = gui.until(lambda: page.findings_dialog if page.findings_dialog is not None
                       and page.findings_dialog.isVisible() else None, what="the findings")
    gui.until(lambda: focus() is dialog.register_button, what="准予登记 focused")
    shot("06-findings.png")
    keys.chord("Return")  # 准予登记 → the confirmation
    question = gui.until(lambda: box(QMessageBox), what="the confirmation")
    shot("07-confirm.png")
    keys.chord("Shift_L", "Tab")  # from 取消 (the default: a stray Enter never confirms) to 确定
    gui.until(lambda: focus() is not None and focus().window() is question
              and focus().text() != question.escapeButton().text(), what="确定 focused")
    keys.chord("Return")
    gui.until(lambda: ws.pledges.get(record.id).status is PledgeStatus.REGISTERED, what="registered")
    gui.until(lambda: box(QMessageBox) is not None and box(QMessageBox) is not question, what="the registration no.")
    shot("08-registered.png")
    keys.chord("Return")  # OK
    gui.until(lambda: box(QMessageBox) is None and QApplication.activeWindow() is dialog, what="back to the findings")
    keys.chord("Escape")
    gui.until(lambda: not dialog.isVisible() and QApplication.activeWindow() is window
              and page.action("print_notice").isEnabled(), what="the register with 打印通知书")
    keys.chord("Control_L", "p")  # 打印通知书: issued and previewed
    preview = gui.until(lambda: page.findChild(NoticePreviewDialog), what="the preview")
    gui.until(lambda: preview.issued is not None and focus() is preview.print_button, timeout=60,
              what="the notice issued and drawn")
    shot("09-preview.png")
    keys.chord("Return")  # 打印… → Qt's print dialog
    printer_dialog = gui.until(lambda: box(QPrintDialog), what="the print dialog")
    gui.until(lambda: QApplication.activeWindow() is printer_dialog, what="the print dialog active")
    time.sleep(0.3)
    shot("10-print-dialog.png")
    keys.chord("Return")  # 打印 (to the PDF file the dialog proposes: no printer here)
    gui.until(lambda: preview.last_printed, timeout=60, what="printed")
    printed_to = gui(lambda: preview.last_printed)
    from ipdesk.gui.common.printing import page_count

    printed_file = Path(printed_to)  # a PDF printer's name is its file
    pages = page_count(printed_file.read_bytes()) if printed_file.is_file() else 0
    payload = gui(lambda: preview.issued.payload)
    shot("11-printed.png")
    keys.chord("Escape")
    gui.until(lambda: box(NoticePreviewDialog) is None and QApplication.activeWindow() is window,
              what="back to the list")
    keys.chord("Control_L", "Shift_L", "v")  # 验证通知书
    verify = gui.until(lambda: window.findChild(VerifyDialog), what="the verify dialog")
    gui.until(lambda: focus() is verify.payload, what="the payload field")
    clerk_keys = keys.count
    keys.type(payload, pace=scanner_pace)  # a QR scanner types what it read, then Enter
    keys.chord("Return", pace=scanner_pace)
    scanned = keys.count - clerk_keys
    result = gui.until(lambda: verify.result, what="verified")
    elapsed = time.perf_counter() - started
    assert result.status is VerifyStatus.GENUINE, result
    shot("12-verified.png")
    keys.chord("Escape")
    return {"clerk_keys": keys.count - scanned, "scanner_keys": scanned, "seconds": elapsed, "shots": shots,
            "printed_to": printed_to, "printed_pages": pages,
            "registration_no": ws.pledges.get(record.id).registration_no}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots" / "walkthrough")
    parser.add_argument("--pace", type=float, default=0.15, help="seconds a clerk takes per keystroke")
    parser.add_argument("--scanner-pace", type=float, default=0.004, help="seconds per character of the scanner")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (database, PDFs)")
    args = parser.parse_args(argv)
    xvfb = start_xvfb()
    tmp = Path(tempfile.mkdtemp(prefix="ipdesk-walkthrough-"))
    os.environ.update(QT_QPA_PLATFORM="xcb", HOME=str(tmp))  # the print dialog proposes a file under HOME
    os.chdir(tmp)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        return run(args, tmp)
    finally:
        xvfb.terminate()
        xvfb.wait(10)
        os.chdir(ROOT)
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"kept {tmp}")


def run(args: argparse.Namespace, tmp: Path) -> int:
    from dataclasses import replace

    from PySide6.QtCore import QSettings

    from ipdesk.config import AppConfig, sqlite_url
    from ipdesk.domain.shared.permissions import Actor, Role
    from ipdesk.gui.app import WindowHost
    from ipdesk.gui.application import create_application
    from ipdesk.gui.settings import Settings, use_settings
    from ipdesk.services.workstation import open_workstation

    use_settings(Settings(QSettings(str(tmp / "ipdesk.ini"), QSettings.Format.IniFormat)))
    app = create_application([], locale="zh_CN", excepthook=False)
    ws = open_workstation(AppConfig(tmp / "data", sqlite_url(tmp / "ipdesk.sqlite3")),
                          Actor("wangli", Role.CLERK), create=True)
    admin = Actor("admin", Role.ADMIN, decides=True)
    ws.office.save_settings(admin, replace(ws.office.settings(), maker_checker=False))  # a desk of one decides
    world = build_world(ws)
    host = WindowHost(ws)
    window = host.open()
    window.setGeometry(0, 0, WIDTH, HEIGHT)
    gui = Gui()
    keys = XKeys(args.pace)
    log: list[str] = []
    outcome: dict[str, Any] = {}

    def driver() -> None:
        try:
            outcome.update(drive(gui, keys, window, world, args.out, log, args.scanner_pace))
        except BaseException as exc:
            outcome["error"] = exc
        finally:
            gui(app.quit)

    thread = threading.Thread(target=driver, daemon=True)
    thread.start()
    app.exec()
    thread.join(10)
    if "error" in outcome:
        print(f"walkthrough failed: {outcome['error']!r}", file=sys.stderr)
        return 1
    typing = outcome["clerk_keys"] * args.pace + outcome["scanner_keys"] * args.scanner_pace
    print(f"{outcome['registration_no']} registered, printed to {outcome['printed_to']} "
          f"({outcome['printed_pages']} page), verified genuine")
    print(f"keyboard only, no mouse: {outcome['clerk_keys']} keystrokes by the clerk + {outcome['scanner_keys']} "
          f"from the scanner; {outcome['seconds']:.1f} s from the first key to the verified notice "
          f"({typing:.1f} s of it typing at {args.pace:.2f} s a key, {outcome['seconds'] - typing:.1f} s the "
          f"application); screenshots in {args.out}")
    ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
