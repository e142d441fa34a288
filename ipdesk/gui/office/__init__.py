"""Office context."""
