"""Dialogs of the pledge register: the application form, the findings view and the later actions."""
