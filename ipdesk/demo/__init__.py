"""The deterministic demo data set: vocabulary, parties, rights, pledges through the services."""
