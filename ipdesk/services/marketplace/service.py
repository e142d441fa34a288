"""The marketplace's one service: lots, auctions, deposits, bids, closing, deals (see the mixins' modules)."""

from __future__ import annotations

from ipdesk.domain.shared.permissions import Actor
from ipdesk.services.marketplace.confirmations import ConfirmationCommands
from ipdesk.services.marketplace.lots import LotDeal, deal_of_lot_in
from ipdesk.services.marketplace.queries import LotListSource


class MarketService(ConfirmationCommands):
    """Lots (:mod:`.lots`), auctions (:mod:`.auctions`), closing and deals (:mod:`.closing`),
    the signed confirmation (:mod:`.confirmations`).

    Construct with the engine and the office clock; on a workstation also the legal-status source (the fee
    engine), the pledge service (transfer recordal of a sold ordinary lot) and the notice service (the office
    key and issue log of the signed transaction confirmation)."""

    def lot_source(self, actor: Actor) -> LotListSource:
        """The lot register for a lazy table, within ``actor``'s scope."""
        return LotListSource(self.engine, actor)


__all__ = ["LotDeal", "MarketService", "deal_of_lot_in"]
