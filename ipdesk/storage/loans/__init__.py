"""Storage of the loans context: loans, their instalments and their events."""
