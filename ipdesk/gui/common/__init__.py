"""What every area shares: the Workstation protocol, pages, table models, widgets, rich text."""
