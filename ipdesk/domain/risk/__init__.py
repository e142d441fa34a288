"""Risk early warning: rules as data, signals per pledge and right, the actions taken on them."""
