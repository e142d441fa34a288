"""Annual fees as use cases: a patent's fee schedule, recording payments, the legal status the fees give."""
