"""Disposal of pledged IP after a default: the settlement waterfall (the case workflow comes later)."""
