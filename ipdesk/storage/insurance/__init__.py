"""Tables of the insurance context."""
