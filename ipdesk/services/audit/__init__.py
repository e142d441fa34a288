"""The audit context: the keyed audit log binding the register's state, its secret, anchors and checks."""

from ipdesk.services.audit import binding as _binding  # noqa: F401  (registers the commit hooks)
from ipdesk.services.audit.log import (
    GENESIS,
    AuditEntry,
    canonical_json,
    entry_hash,
    record,
    to_entry,
)
from ipdesk.services.audit.service import AuditService
from ipdesk.services.audit.verify import ChainReport, verify_chain, verify_register

__all__ = ["GENESIS", "AuditEntry", "AuditService", "ChainReport", "canonical_json", "entry_hash", "record",
           "to_entry", "verify_chain", "verify_register"]
