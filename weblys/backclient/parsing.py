"""Parsing helpers shared by the back client's typed records (`*_types.py`): JSON values to Python values."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any


def money(value: Any) -> Decimal:
    """An amount as the back sends it (string or number); missing or empty reads as zero."""
    return Decimal(str(value if value not in (None, "") else "0"))


def optional_money(value: Any) -> Decimal | None:
    """An amount that may be absent: missing or empty reads as None."""
    return None if value in (None, "") else Decimal(str(value))


def strings(values: Any) -> tuple[str, ...]:
    """A JSON list as a tuple of strings; missing reads as empty."""
    return tuple(str(v) for v in values or ())


def day(value: Any) -> date | None:
    """An ISO date (`YYYY-MM-DD`); missing or empty reads as None."""
    return date.fromisoformat(str(value)) if value else None


def day_of(value: Any) -> date | None:
    """The date part of an ISO date or date-time (first ten characters); missing or empty reads as None."""
    return date.fromisoformat(str(value)[:10]) if value else None


def parse_instant(value: str) -> datetime:
    """An ISO date-time, `Z` accepted for UTC."""
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def instant(value: Any) -> datetime | None:
    """An ISO date-time, `Z` accepted for UTC; missing or empty reads as None."""
    return parse_instant(str(value)) if value else None
