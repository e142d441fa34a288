"""The 处置 area: disposal cases by stage, their timeline and settlement, the compensation funds' ledgers."""
