"""Storage of the valuation context: valuations, the rights they cover, value-analysis score sheets."""
