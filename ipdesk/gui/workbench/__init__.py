"""The workbench area: what needs the clerk today (service-level tiles, pending applications)."""
