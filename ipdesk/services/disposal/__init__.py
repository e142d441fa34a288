"""Disposal cases: opening, stages, settlement."""
