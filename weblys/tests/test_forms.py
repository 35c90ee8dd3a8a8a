"""A long select (a city's streets) as the front renders it (weblys.formrenderer)."""

from __future__ import annotations

from django import forms
from django.forms.renderers import Jinja2


class _StreetForm(forms.Form):
    street = forms.TypedChoiceField(label="Street", coerce=int, help_text="Pick one")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["street"].choices = [("", "Choose a street"), (7, 'rue "<Saint>" & fils'), (8, "rue B")]


def test_a_street_select_marks_the_chosen_option_and_escapes_labels() -> None:
    html = _StreetForm({"street": "7"})["street"].as_widget()

    assert '<option value="7" selected>rue &#34;&lt;Saint&gt;&#34; &amp; fils</option>' in html
    assert '<option value="8">rue B</option>' in html
    assert '<option value="" selected>' not in html
    assert html.startswith('<select name="street"') and html.endswith("</select>")


def test_a_street_select_keeps_the_fields_accessibility_attributes() -> None:
    form = _StreetForm({"street": "99"})
    assert not form.is_valid()

    html = form["street"].as_widget()

    assert 'id="id_street"' in html
    assert "required" in html
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_street_helptext id_street_error"' in html


def test_a_street_select_reads_the_same_as_djangos_templates() -> None:
    """Same options, same selection as Django's Jinja2 select template."""

    def options(html: str) -> list[str]:
        return [part.split(">", 1)[0] for part in html.split("<option")[1:]]

    assert options(_StreetForm({"street": "8"})["street"].as_widget()) == options(
        _StreetForm({"street": "8"}, renderer=Jinja2())["street"].as_widget()
    )
