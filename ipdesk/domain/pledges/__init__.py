"""Pledges context."""
