"""Use cases: one transaction each, permission check and audit entry (no Qt)."""
