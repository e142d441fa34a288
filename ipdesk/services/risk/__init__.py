"""Risk early warning: the scan that keeps signals in step with the rules, and acting on a signal."""
