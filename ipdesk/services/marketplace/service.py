"""The marketplace's one service: lots, auctions, deposits, bids, closing, deals (see the mixins' modules)."""

from __future__ import annotations

from ipdesk.services.marketplace.confirmations import ConfirmationCommands
from ipdesk.services.marketplace.lots import LotDeal, deal_of_lot_in


class MarketService(ConfirmationCommands):
    """Lots (:mod:`.lots`), auctions (:mod:`.auctions`), closing and deals (:mod:`.closing`),
    the signed confirmation (:mod:`.confirmations`).

    Construct with the engine and the office clock; on a workstation also the legal-status source (the fee
    engine), the pledge service (transfer recordal of a sold ordinary lot) and the office keys (the signed
    transaction confirmation)."""


__all__ = ["LotDeal", "MarketService", "deal_of_lot_in"]
