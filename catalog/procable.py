"""The catalog's one seam to Pro-Cable: the gateway of back.procable (tests swap `gateway`)."""

from __future__ import annotations

from typing import Any


def gateway() -> Any:
    """Return the configured Pro-Cable gateway."""
    from back.procable.gateway import get_gateway

    return get_gateway()


def not_found_errors() -> tuple[type[Exception], ...]:
    """The exception classes the gateway raises for an unknown address or customer."""
    from back.procable.errors import ProCableNotFoundError

    return (ProCableNotFoundError,)
