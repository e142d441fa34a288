"""The rights and parties areas: register pages, forms, party picker, owners editor, import."""
