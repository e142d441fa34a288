"""Pledges: the application, its validation, the one lifecycle, the record and the examination."""
