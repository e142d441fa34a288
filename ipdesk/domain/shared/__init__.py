"""What every context shares: problems, the message catalogue, changes, the clock, roles, parsing."""
