"""`{% stepper steps %}`: the progress indicator of an order journey (weblys/_stepper.html), rendered
once per language and position and then reused: it is the same on every page of that step, and its
loop was a sixth of the SelfShop entry page's server time."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from weblys.journey import Step

register = template.Library()


@functools.lru_cache(maxsize=512)
def _rendered(steps: tuple[tuple[int, str, bool, bool], ...], language: str) -> str:
    del language  # part of the cache key: the labels are already translated, "done" is not
    shown = [Step(number=n, label=label, is_done=done, is_current=now) for n, label, done, now in steps]
    return render_to_string("weblys/_stepper.html", {"steps": shown})


@register.simple_tag
def stepper(steps: Iterable[Step]) -> SafeString:
    key = tuple((step.number, str(step.label), step.is_done, step.is_current) for step in steps)
    return mark_safe(_rendered(key, get_language() or ""))  # noqa: S308 - a rendered template
