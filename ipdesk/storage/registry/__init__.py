"""Storage of the rights register: row ⇄ value mappers, the full-text search index, the bulk load."""
