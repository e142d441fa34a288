"""Custody: maintenance custody (fees kept paid) and rights-protection custody (monitoring entries)."""
