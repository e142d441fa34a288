"""Insurance use cases: policies, eligibility, the premium subsidy and claims."""
