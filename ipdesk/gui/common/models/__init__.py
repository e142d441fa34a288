"""Models context."""
