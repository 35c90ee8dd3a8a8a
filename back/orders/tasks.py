"""Celery tasks of the order engine: each takes ids and calls a service; running one twice is harmless."""

from __future__ import annotations

from back.celery import app
from back.procable.errors import ProCableUnavailableError

from . import services

# Add to back/settings.py CELERY_BEAT_SCHEDULE (see the report of the orders issue).
BEAT_SCHEDULE = {
    "orders-resubmit-pending": {"task": "back.orders.tasks.orders_resubmit_pending_task", "schedule": 60.0},
    "orders-abandon-stale-carts": {"task": "back.orders.tasks.carts_abandon_stale_task", "schedule": 300.0},
}


@app.task(
    bind=True,
    autoretry_for=(ProCableUnavailableError,),
    retry_backoff=10,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=8,
)
def order_submit_task(self, order_id: str) -> str:
    """Submit a received order to Pro-Cable (retried with exponential backoff while Pro-Cable is down)."""
    if self.request.is_eager:
        # Eager runs (tests, dev without broker) never loop: the periodic resubmission takes over.
        try:
            return services.order_submit(order_id=order_id)
        except ProCableUnavailableError:
            return "received"
    return services.order_submit(order_id=order_id)


@app.task
def orders_resubmit_pending_task() -> int:
    """Queue the submission of every order still received (e.g. Pro-Cable was down)."""
    return len(services.orders_resubmit_pending())


@app.task
def carts_abandon_stale_task() -> int:
    """Mark carts left longer than ABANDONED_CART_MINUTES as abandoned (with their case-file event)."""
    return services.carts_abandon_stale()


@app.task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def order_confirmation_email_task(order_id: str) -> bool:
    """Send the confirmation e-mail of a submitted order once."""
    return services.order_confirmation_email_send(order_id=order_id)
