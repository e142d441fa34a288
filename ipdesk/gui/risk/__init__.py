"""The 风险预警 area: early-warning signals by severity, acting on them, and the pledge detail's risk panel."""
