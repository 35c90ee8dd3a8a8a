"""`{% stepper steps %}`: the journey's progress indicator, kept per language and position."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

from weblys.journey import order_steps

PAGE = Template("{% load weblys_steps %}{% stepper steps %}")


def _render(current: int, language: str) -> str:
    with translation.override(language):
        return PAGE.render(Context({"steps": order_steps(current)}))


def test_the_stepper_marks_the_current_step_and_the_done_ones() -> None:
    html = _render(3, "en")

    assert '<nav aria-label="Progress">' in html
    assert '<li class="done">Address<span class="visually-hidden"> (done)</span></li>' in html
    assert '<li aria-current="step">Equipment</li>' in html
    assert "<li>Options</li>" in html


def test_each_language_and_position_has_its_own_stepper() -> None:
    english, french = _render(2, "en"), _render(2, "fr")

    assert '<li aria-current="step">Offers</li>' in english
    assert "(terminé)" in french and "(done)" not in french
    assert _render(4, "en") != english
    assert _render(2, "en") == english
