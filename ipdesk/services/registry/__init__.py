"""Rights and parties register use cases: add, edit, look up, search, page, import from files."""
