"""The steps of an order journey (SelfShop, MyShop, WeShop), for the stepper shown on each step."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ORDER_STEPS: tuple[str | Promise, ...] = (
    _("Address"),
    _("Offers"),
    _("Equipment"),
    _("Options"),
    _("Summary"),
    _("Contact details"),
    _("Appointment"),
    _("Confirmation"),
)


@dataclass(frozen=True)
class Step:
    number: int
    label: str | Promise
    is_done: bool
    is_current: bool


def order_steps(current: int, labels: Iterable[str | Promise] = ORDER_STEPS) -> tuple[Step, ...]:
    """A journey's steps (`labels`, in order) with `current` (1-based) marked, earlier ones done."""
    return tuple(
        Step(number=index, label=label, is_done=index < current, is_current=index == current)
        for index, label in enumerate(labels, start=1)
    )
