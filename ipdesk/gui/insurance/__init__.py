"""The 保险 area: policies, claims and the subsidy summary; the policy form; a pledge's cover."""
