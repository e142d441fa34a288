"""Loss sharing and compensation funds: who bears a settlement's shortfall, as data."""
