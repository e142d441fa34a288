"""Pledge use cases: file, examine, register, refuse, change, extend, cancel; the pledge list."""
