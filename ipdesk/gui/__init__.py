"""The PySide6 desktop GUI: the only package that imports Qt."""

from ipdesk.gui._none_guard import protect_none

protect_none()  # before any PySide6 call: see _none_guard for the PySide6 6.12 / Python 3.11 defect
