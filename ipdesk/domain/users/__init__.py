"""Users of the workstation: accounts, roles tied to parties, password and user-name rules."""
