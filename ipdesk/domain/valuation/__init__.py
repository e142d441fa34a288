"""Valuation and value analysis: valuation records, the value-analysis score sheet, loan-to-value."""
