"""Pages context."""
