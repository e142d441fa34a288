"""Office-wide settings in the database: name, timezone, numbering, service levels, holidays."""
