"""The marketplace tables: lots, their rights, auctions, bidders, bids and deals."""
