"""The 流转市场 area: lots, the live auction view, deals."""
