"""Notices and certificates: issue, print, revoke, keys; the public register search, the gazette."""
