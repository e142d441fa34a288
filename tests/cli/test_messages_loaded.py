"""No reader sees a bare message code: every problem code a module the CLI has loaded can raise is in the
catalogue by then (``import.unreadable {…}`` was shown raw when the module registering it was not loaded)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CODE = re.compile(r'(?:Problem|Message)\(\s*"([a-z_]+(?:\.[a-z_]+)*)"')

PROBE = """
import json, sys
import ipdesk.cli.main, ipdesk.services.workstation  # what every command has loaded before it runs
from ipdesk.domain.shared import messages
print(json.dumps({"modules": sorted(m for m in sys.modules if m.startswith("ipdesk")),
                  "codes": sorted(messages._CATALOGUE)}))
"""


def test_every_code_of_a_loaded_module_is_in_the_catalogue() -> None:
    proc = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    loaded = json.loads(proc.stdout)
    known = set(loaded["codes"])
    missing = {}
    for module in loaded["modules"]:
        path = ROOT / Path(*module.split("."))
        source = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        for code in CODE.findall(source.read_text(encoding="utf-8")):
            if code not in known:
                missing.setdefault(module, set()).add(code)
    assert not missing, missing
    assert "import.unreadable" in known
