"""GUI of the custody context: maintenance custody (the 托管 area) and rights-protection monitoring."""
