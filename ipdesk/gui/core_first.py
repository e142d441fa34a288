"""Imported before Qt by the modules that open the window at once: the first page's services and SQLAlchemy.

Once PySide6 is imported, its import hook reads the source of every module imported after it (to see whether
the module uses PySide's ``__feature__`` switches), which made these ~300 modules cost start-up a fifth more.
The ``ipdesk`` command's signed-in start (:mod:`ipdesk.gui.launch`) does not import this: it paints the
sign-in dialog first and loads the core behind it.
"""

import ipdesk.services.audit
import ipdesk.services.fees.status
import ipdesk.services.office.settings
import ipdesk.services.registry.rights
import ipdesk.services.uow  # noqa: F401
