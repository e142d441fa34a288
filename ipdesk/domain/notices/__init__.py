"""Notices and certificates the office issues, as values, and their canonical (signed) content."""
