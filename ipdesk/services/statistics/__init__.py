"""Statistics of the register computed in SQL on both engines (pledge financing by year, family, bank, region)."""
