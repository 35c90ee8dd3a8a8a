"""The embedded reference Pro-Cable: the whole `ProCableGateway` port on the `procable` database."""

from __future__ import annotations

from .addresses import AddressesMixin
from .base import guard_all
from .billing import BillingMixin
from .customers import CustomersMixin
from .operations import OperationsMixin
from .subscriptions import SubscriptionsMixin


@guard_all
class EmbeddedProCable(CustomersMixin, AddressesMixin, SubscriptionsMixin, BillingMixin, OperationsMixin):
    """Stateless: one instance serves every request. Every public method is a port method and is guarded
    (simulated outage switch; database errors become ProCableUnavailableError / ProCableConflictError)."""
