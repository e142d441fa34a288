"""The 银企对接 area: matchmaking events, their credit lines and totals, a line turned into a pledge application."""
