"""Choose the Pro-Cable adapter: `get_gateway()` is the only way the rest of Weblys reaches Pro-Cable.

`settings.PROCABLE_ADAPTER` names it: "embedded" (default, the reference Pro-Cable in the `procable`
database) or a dotted path to a class implementing `ProCableGateway` (for an integrator's adapter).

Simulating Pro-Cable down (tests, demos of the "Pro-Cable unavailable" paths): either set
`settings.PROCABLE_SIMULATE_DOWN = True` (read at every call, so `override_settings` / the pytest
`settings` fixture work), or use the switch

    from back.procable.gateway import simulate_down
    with simulate_down():
        ...   # every gateway call raises ProCableUnavailableError
    # ... and Pro-Cable is "up" again here

`set_down(True)` / `set_down(False)` flip the same process-wide switch without a context manager.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .port import ProCableGateway

_state = {"down": False}


def is_down() -> bool:
    """True while Pro-Cable is simulated down (switch or `settings.PROCABLE_SIMULATE_DOWN`)."""
    return _state["down"] or bool(getattr(settings, "PROCABLE_SIMULATE_DOWN", False))


def set_down(down: bool) -> None:
    """Simulate Pro-Cable down (True) or back up (False) for every adapter call in this process."""
    _state["down"] = down


@contextmanager
def simulate_down() -> Iterator[None]:
    """Make Pro-Cable unavailable inside the block, then bring it back up."""
    previous = _state["down"]
    _state["down"] = True
    try:
        yield
    finally:
        _state["down"] = previous


@cache
def _adapter(name: str) -> ProCableGateway:
    if name == "embedded":
        from .embedded import EmbeddedProCable

        return EmbeddedProCable()
    try:
        return import_string(name)()
    except ImportError as exc:
        raise ImproperlyConfigured(f"PROCABLE_ADAPTER {name!r} cannot be imported.") from exc


def get_gateway() -> ProCableGateway:
    """Return the configured Pro-Cable adapter (one shared, stateless instance per adapter name)."""
    return _adapter(getattr(settings, "PROCABLE_ADAPTER", "embedded") or "embedded")
