"""Marketplace documents: the transaction confirmation."""
