"""Storage of the audit context beyond the log itself (the last audited state of each record)."""
