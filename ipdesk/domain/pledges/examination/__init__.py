"""Examination context."""
