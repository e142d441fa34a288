"""The later contexts' tables are mapped when needed, not when the schema is imported: by their services, by
``load_all`` (migrations, the audit binding) and before every write (``ipdesk.services.uow.transaction``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from ipdesk.storage import schema

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, sys
from ipdesk.storage import schema
from ipdesk.storage.engine import make_engine

seen = {"imported": len(schema.Base.metadata.tables), "disposal": "ipdesk.storage.disposal.tables" in sys.modules}
from ipdesk.services.uow import transaction

with transaction(make_engine(sys.argv[1])) as session:
    seen["in_write"] = len(schema.Base.metadata.tables)
print(json.dumps(seen))
"""


def test_importing_the_schema_maps_the_register_only_and_a_write_maps_every_table(sqlite_template: Path) -> None:
    everything = len(schema.load_all().tables)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", CHILD, f"sqlite:///{sqlite_template}"], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert not seen["disposal"] and seen["imported"] < everything
    assert seen["in_write"] == everything


def test_load_all_lists_every_context_tables_module() -> None:
    # a tables module left out of _CONTEXT_TABLES would be missing from the migrations' compare
    found = {str(p.relative_to(ROOT / "ipdesk" / "storage").with_suffix("")).replace("/", ".")
             for p in (ROOT / "ipdesk" / "storage").glob("*/*tables.py")}
    assert found == set(schema._CONTEXT_TABLES)
