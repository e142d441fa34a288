"""GUI of the annual-fee context: a patent's fee schedule with its late bands coloured."""
