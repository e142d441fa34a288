"""Makes the layout-3 fixture: run with the renderer of the commit that added layout 3 on PYTHONPATH.

    PYTHONPATH=. python tests/reports/notices/layout3/make.py tests/reports/notices/layout3

The key is a fixed test key (seed below), so the fixture verifies with ``public.pem``; the PDF is what
that renderer printed (content with ``"layout": 3``), kept byte for byte.
"""

import sys
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ipdesk.domain.notices.notice import sample_notice
from ipdesk.reports.common.seal import OfficeKey
from ipdesk.reports.notices.notice_pdf import render_notice

SEED = bytes(range(32))  # a test key, never an office's

out = Path(sys.argv[1])
key = OfficeKey(Ed25519PrivateKey.from_private_bytes(SEED))
(out / "public.pem").write_bytes(key.public_pem())
render_notice(sample_notice(rights=30), key, out / "registration-30-rights.pdf")
