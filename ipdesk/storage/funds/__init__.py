"""Storage of the funds context: compensation funds and their ledger entries."""
