"""Disposal of pledged IP after a default: the case's stages and routes, the settlement waterfall, its documents."""
