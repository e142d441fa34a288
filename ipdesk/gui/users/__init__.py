"""The users context of the GUI: signing in, the first administrator, a forced change of password."""
