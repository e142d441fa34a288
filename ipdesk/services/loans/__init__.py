"""Loan services: booking, servicing and reading loans behind pledges, scoped to the actor's agency."""
