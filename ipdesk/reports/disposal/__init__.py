"""Disposal reports: a case's settlement statement and transfer confirmation as signed PDFs."""
