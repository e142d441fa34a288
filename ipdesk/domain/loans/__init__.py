"""Loans behind pledges: schedules, repayments and their allocation, delinquency, classification, default."""
