"""The loans area of the GUI: a loan's schedule, state and repayments (shown on the pledge detail)."""
