"""Disposal services: opening a case on a defaulted pledge, its stages, settlement, recoveries and documents."""
