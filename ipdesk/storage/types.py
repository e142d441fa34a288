"""Column types that behave the same on SQLite and PostgreSQL: aware UTC timestamps, exact money."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import DateTime, Numeric
from sqlalchemy.types import TypeDecorator

CENT = Decimal("0.01")


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in and out; SQLite stores naive UTC text, PostgreSQL timestamptz."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where an aware UTC timestamp is required")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Money(TypeDecorator[Decimal]):
    """Yuan with two decimals as NUMERIC(18, 2); values are quantised so SQLite's REAL affinity
    round-trips exactly (amounts below 10^13 yuan keep every cent)."""

    impl = Numeric(18, 2, asdecimal=True)
    cache_ok = True

    limit = Decimal("1e16")

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        amount = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
        if abs(amount) >= self.limit:  # the services refuse such input first; never store a rounded value
            raise ValueError(f"{amount} does not fit NUMERIC(18, 2)")
        return amount

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


class Percent(Money):
    """A percentage with two decimals, e.g. a co-owner's share (NUMERIC(5, 2))."""

    impl = Numeric(5, 2, asdecimal=True)
    cache_ok = True
    limit = Decimal("1000")


def utcnow() -> datetime:
    return datetime.now(UTC)


class Rate(TypeDecorator[Decimal]):
    """An interest rate in per cent a year with four decimals (NUMERIC(7, 4): 4.3500 %), exact on both engines."""

    impl = Numeric(7, 4, asdecimal=True)
    cache_ok = True
    quantum = Decimal("0.0001")

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        rate = Decimal(value).quantize(self.quantum, rounding=ROUND_HALF_UP)
        if abs(rate) >= 1000:
            raise ValueError(f"{rate} does not fit NUMERIC(7, 4)")
        return rate

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return Decimal(str(value)).quantize(self.quantum, rounding=ROUND_HALF_UP)
