"""Statistics on screen: the 统计 area (charts and tables), the workbench chart and the deadline digest."""
