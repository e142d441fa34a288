"""Common context."""
