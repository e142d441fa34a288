"""GUI of the valuation context: valuations on the right's and the pledge's detail panes, the LTV line."""
