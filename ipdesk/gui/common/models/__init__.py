"""Table models: the lazy table paged from SQL, a list of row dicts, status badge tones."""
