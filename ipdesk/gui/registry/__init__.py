"""Registry context."""
