"""Rights and parties: their values, numbers, input checks, statutory terms, trademark similarity."""
