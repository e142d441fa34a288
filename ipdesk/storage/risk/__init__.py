"""Tables of the risk context."""
