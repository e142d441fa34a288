"""Add / edit forms of the registers (all built on :class:`ipdesk.gui.widgets.FormDialog`)."""
