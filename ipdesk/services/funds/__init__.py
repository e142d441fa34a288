"""Fund services: the compensation fund ledger of contributions, compensation per case and recoveries."""
