"""Shared context."""
