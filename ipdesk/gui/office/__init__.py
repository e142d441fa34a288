"""The settings area: this workstation, the office settings, the holiday calendar, the signing key."""
