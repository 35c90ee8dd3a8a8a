"""The front's form renderer writes Django's widget templates in Python: the same markup, character for
character, as Django's Jinja2 templates, for every kind of widget and state the sites use."""

from __future__ import annotations

import pytest
from django import forms
from django.forms.renderers import Jinja2
from django.utils.safestring import mark_safe

from weblys.formrenderer import FrontFormRenderer
from weblys.forms import RADIO

CHOICES = [("", "Choose"), ("a", 'Plan "A" & <more>'), (2, "Two"), ("c", mark_safe("<b>C</b>"))]
GROUPED = [
    ("Fibre", [("f1", "Fibre 100"), ("f2", "Fibre 1 G")]),
    ("tv", "TV only"),
    ("Cable", [("k", "Cable")]),
]


class EveryWidget(forms.Form):
    name = forms.CharField(
        label="Name & <title>",
        help_text="As on the bill",
        widget=forms.TextInput(attrs={"placeholder": 'e.g. "Ana"', "autocomplete": "name"}),
    )
    email = forms.EmailField(required=False)
    password = forms.CharField(widget=forms.PasswordInput)
    count = forms.IntegerField(min_value=1, max_value=9)
    born = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    key = forms.CharField(widget=forms.HiddenInput)
    accept = forms.BooleanField()
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    plan = forms.ChoiceField(choices=CHOICES)
    grouped = forms.ChoiceField(choices=GROUPED, required=False)
    many = forms.MultipleChoiceField(choices=CHOICES[1:], required=False)
    method = forms.ChoiceField(choices=CHOICES[1:], widget=RADIO)
    grouped_radio = forms.ChoiceField(choices=GROUPED, widget=forms.RadioSelect(attrs={"class": "choices"}))
    options = forms.MultipleChoiceField(
        choices=CHOICES[1:], widget=forms.CheckboxSelectMultiple, required=False
    )
    frozen = forms.CharField(disabled=True, required=False)


FILLED = {
    "name": 'Ana <Lee> & "co"',
    "email": "ana@example.com",
    "password": "secret",
    "count": "3",
    "born": "1990-04-02",
    "key": "k-1",
    "accept": "on",
    "note": "line 1\n<line 2>",
    "plan": "a",
    "grouped": "f2",
    "many": ["a", "2"],
    "method": "2",
    "grouped_radio": "k",
    "options": ["c"],
}
REFUSED = {"name": "", "count": "12", "born": "02/04/1990", "plan": "zz", "method": "", "accept": ""}


@pytest.mark.parametrize("data", [None, FILLED, REFUSED], ids=["unbound", "filled", "refused"])
def test_every_widget_renders_as_djangos_templates(data) -> None:
    ours = EveryWidget(data, renderer=FrontFormRenderer(), initial={"frozen": "x", "note": "kept"})
    django = EveryWidget(data, renderer=Jinja2(), initial={"frozen": "x", "note": "kept"})
    if data is not None:
        ours.is_valid(), django.is_valid()

    for name in EveryWidget.base_fields:
        assert str(ours[name]) == str(django[name]), name
        assert ours[name].as_field_group() == django[name].as_field_group(), name


@pytest.mark.parametrize("name", ["method", "grouped_radio", "options", "many"])
def test_each_choice_of_a_list_alone_renders_as_djangos_templates(name) -> None:
    ours = EveryWidget(FILLED, renderer=FrontFormRenderer())
    django = EveryWidget(FILLED, renderer=Jinja2())

    assert [choice.tag() for choice in ours[name]] == [choice.tag() for choice in django[name]]
    assert [str(choice) for choice in ours[name]] == [str(choice) for choice in django[name]]


def test_a_widget_with_a_template_of_its_own_still_renders_through_jinja2() -> None:
    class Labelled(forms.RadioSelect):
        option_template_name = "django/forms/widgets/select_option.html"

    class Form(forms.Form):
        plan = forms.ChoiceField(choices=CHOICES[1:], widget=Labelled)

    assert str(Form(renderer=FrontFormRenderer())["plan"]) == str(Form(renderer=Jinja2())["plan"])


def test_fields_labels_errors_and_widgets_are_written_without_a_template(monkeypatch) -> None:
    rendered: list[str] = []
    through_jinja2 = Jinja2.render

    def spy(self, template_name, context, request=None):
        rendered.append(template_name)
        return through_jinja2(self, template_name, context, request)

    monkeypatch.setattr(Jinja2, "render", spy)
    form = EveryWidget(REFUSED, renderer=FrontFormRenderer())
    form.is_valid()

    for name in EveryWidget.base_fields:
        form[name].as_field_group()
        for choice in form[name].subwidgets:
            choice.tag()

    assert rendered == []
