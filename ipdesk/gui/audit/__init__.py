"""The audit area: the tamper-evident log, searchable, and its chain verification."""
