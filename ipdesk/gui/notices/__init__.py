"""Notices context."""
