"""Choose the payment adapter: `get_payment_gateway()` is the only way Weblys reaches a card processor.

`settings.PAYMENT_GATEWAY` is "sandbox" (the built-in test gateway, default) or a dotted path to a class
implementing `back.payments.port.PaymentGateway`.
"""

from __future__ import annotations

from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from .port import PaymentGateway


@cache
def _adapter(name: str) -> PaymentGateway:
    if name == "sandbox":
        from .sandbox import SandboxPaymentGateway

        return SandboxPaymentGateway()
    try:
        return import_string(name)()
    except ImportError as exc:
        raise ImproperlyConfigured(f"PAYMENT_GATEWAY {name!r} cannot be imported.") from exc


def get_payment_gateway() -> PaymentGateway:
    """Return the configured payment adapter (one shared, stateless instance per name)."""
    return _adapter(getattr(settings, "PAYMENT_GATEWAY", "sandbox") or "sandbox")
