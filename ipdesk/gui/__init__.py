"""The PySide6 desktop GUI: the only package that imports Qt."""

from ipdesk.gui._none_guard import protect_none

protect_none()  # before any PySide6 call: see _none_guard for the PySide6 6.12 / Python 3.11 defect

# The services the window's first page needs (and SQLAlchemy under them) are imported before Qt: once
# PySide6 is imported, its import hook reads the source of every module imported after it (to see whether
# the module uses PySide's __feature__ switches), which made these ~300 modules cost start-up a fifth more.
import ipdesk.services.audit  # noqa: E402
import ipdesk.services.fees.status  # noqa: E402
import ipdesk.services.office.settings  # noqa: E402
import ipdesk.services.registry.rights  # noqa: E402
import ipdesk.services.uow  # noqa: E402, F401
