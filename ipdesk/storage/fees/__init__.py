"""Tables of the annual-fee context: the payments recorded against a patent year."""
