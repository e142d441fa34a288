"""Printed statistics: the statistics report PDF."""
