"""Marketplace use cases: lots, auctions (English, tender, negotiated, fixed price, 变卖), deposits, bids, deals."""
