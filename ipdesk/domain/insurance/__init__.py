"""Patent insurance around pledges: policies, eligibility, the premium subsidy and claims (DOMAIN.md §9)."""
