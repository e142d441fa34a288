"""Storage of the custody context: custody agreements and fee work, rights-protection monitoring entries."""
