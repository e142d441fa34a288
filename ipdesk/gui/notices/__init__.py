"""Notices on screen: preview, print, batch, list, verify, the gazette and the register search."""
