"""The patent-circulation marketplace: lots, the three auction regimes as dated presets, the auction state machine."""
