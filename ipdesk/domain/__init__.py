"""Pure rules of IP pledge registration: identifiers, rights, terms, examination (stdlib only)."""
