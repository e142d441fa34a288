"""Workbench context."""
