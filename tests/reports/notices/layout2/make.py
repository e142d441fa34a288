"""Makes the layout-2 fixtures: run with the renderer of main before layout 3 (direct drawing) on PYTHONPATH.

    git archive d55ad04 ipdesk resources | tar -x -C /tmp/layout2
    PYTHONPATH=/tmp/layout2 python tests/reports/notices/layout2/make.py tests/reports/notices/layout2

The key is a fixed test key (seed below), so the fixtures verify with ``public.pem``; the PDFs are what
that renderer printed (content with ``"layout": 2``), kept byte for byte.
"""

import sys
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ipdesk.domain.notices.notice import sample_notice, sample_search_certificate
from ipdesk.reports.common.seal import OfficeKey
from ipdesk.reports.notices.notice_pdf import render_notice
from ipdesk.reports.notices.search_certificate_pdf import render_search_certificate

SEED = bytes(range(32))  # a test key, never an office's

out = Path(sys.argv[1])
key = OfficeKey(Ed25519PrivateKey.from_private_bytes(SEED))
(out / "public.pem").write_bytes(key.public_pem())
render_notice(sample_notice(rights=30), key, out / "registration-30-rights.pdf")
render_search_certificate(sample_search_certificate(), key, out / "search_certificate.pdf")
