"""Statistics of the register: units, dimensions and families (pure rules, no database)."""
