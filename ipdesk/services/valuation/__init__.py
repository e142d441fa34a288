"""Valuation use cases: valuations, value analysis, the pledge's loan-to-value line."""
