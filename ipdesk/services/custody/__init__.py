"""Custody use cases: maintenance custody (agreements, the fee worklist) and rights-protection monitoring."""
