"""Test doubles for the GUI tests: list-backed page sources and a fake workstation."""
