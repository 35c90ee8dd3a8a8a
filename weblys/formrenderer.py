"""The front's form renderer: Django's form templates for fields, labels, errors and widgets, written
in Python.

Rendering a field walks nested templates: its group, its label, its error list, then its widget (an
input is two templates, each radio or checkbox of a list four), each with a new template context. The
pages of a journey render dozens of them (every slot, offer and option is one), and that was the
largest part of a page's server time. The templates Django ships are written out here to the
character (`weblys/tests/test_formrenderer.py` renders every kind through both); any other template
(an override, a widget of our own) renders through Django's Jinja2 templates as before.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.forms.renderers import Jinja2
from markupsafe import escape

WIDGETS = "django/forms/widgets/"
INPUTS = {
    f"{WIDGETS}{kind}.html"
    for kind in (
        "input",
        "text",
        "email",
        "password",
        "number",
        "date",
        "datetime",
        "time",
        "url",
        "search",
        "tel",
        "color",
        "hidden",
        "checkbox",
    )
}
INPUT_OPTIONS = {f"{WIDGETS}{kind}_option.html" for kind in ("radio", "checkbox", "input")}
SELECT_OPTION = f"{WIDGETS}select_option.html"


class NotWritten(Exception):
    """A part of the widget has a template this module does not write: render it with Jinja2."""


def _attrs(attrs: Mapping[str, Any]) -> str:
    """django/forms/widgets/attrs.html: ` name="value"`, ` name` for True, nothing for False."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _grouped(
    widget: Mapping[str, Any],
    *,
    opening: Callable[[str], str],
    closing: str,
    option: Callable[[Mapping[str, Any]], str],
) -> str:
    """A choice widget's options in order, each named group between `opening(name)` and `closing`."""
    parts = []
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(opening(group))
        parts.extend(option(choice) for choice in options)
        if group:
            parts.append(closing)
    return "".join(parts)


def _input(widget: Mapping[str, Any]) -> str:
    value = "" if widget["value"] is None else f' value="{escape(widget["value"])}"'
    attrs = _attrs(widget["attrs"])
    return f'<input type="{escape(widget["type"])}" name="{escape(widget["name"])}"{value}{attrs}>'


def _input_option(option: Mapping[str, Any]) -> str:
    if option["template_name"] not in INPUT_OPTIONS:
        raise NotWritten(option["template_name"])
    html = _input(option)
    if not option.get("wrap_label"):
        return html
    label_for = f' for="{escape(option["attrs"]["id"])}"' if option["attrs"].get("id") else ""
    return f"<label{label_for}>{html} {escape(option['label'])}</label>"


def _multiple_input(widget: Mapping[str, Any]) -> str:
    """radio.html and checkbox_select.html (django/forms/widgets/multiple_input.html)."""
    attrs = widget["attrs"]
    parts = [
        "<div",
        f' id="{escape(attrs["id"])}"' if attrs.get("id") else "",
        f' class="{escape(attrs["class"])}"' if attrs.get("class") else "",
        ">",
    ]
    parts.append(
        _grouped(
            widget,
            opening=lambda group: f"\n  <div><label>{escape(group)}</label>",
            closing="\n  </div>",
            option=lambda option: f"<div>\n    {_input_option(option)}</div>",
        )
    )
    parts.append("\n</div>")
    return "".join(parts)


def _select_option(option: Mapping[str, Any]) -> str:
    if option["template_name"] != SELECT_OPTION:
        raise NotWritten(option["template_name"])
    attrs = _attrs(option["attrs"])
    return f'<option value="{escape(option["value"])}"{attrs}>{escape(option["label"])}</option>'


def _select(widget: Mapping[str, Any]) -> str:
    options = _grouped(
        widget,
        opening=lambda group: f'\n  <optgroup label="{escape(group)}">',
        closing="\n  </optgroup>",
        option=lambda option: f"\n  {_select_option(option)}",
    )
    return f'<select name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>{options}\n</select>'


def _textarea(widget: Mapping[str, Any]) -> str:
    value = escape(widget["value"]) if widget["value"] else ""
    return f'<textarea name="{escape(widget["name"])}"{_attrs(widget["attrs"])}>\n{value}</textarea>'


def _field(context: Mapping[str, Any]) -> str:
    """django/forms/field.html: label (a legend in a fieldset), help text, errors, widget."""
    field = context["field"]
    help_text = ""
    if field.help_text:
        help_id = f' id="{escape(field.auto_id)}_helptext"' if field.auto_id else ""
        help_text = f'<div class="helptext"{help_id}>{field.help_text}</div>'
    body = f"\n{help_text}\n{field.errors}\n{field}\n"
    if field.use_fieldset:
        described = f' aria-describedby="{escape(field.aria_describedby)}"' if field.aria_describedby else ""
        legend = field.legend_tag() if field.label else ""
        return f"\n  <fieldset{described}>\n  {legend}\n{body}</fieldset>"
    return f"\n  {field.label_tag() if field.label else ''}\n{body}"


def _label(context: Mapping[str, Any]) -> str:
    """django/forms/label.html."""
    label = escape(context["label"])
    if not context["use_tag"]:
        return str(label)
    tag = escape(context["tag"])
    return f"<{tag}{_attrs(context['attrs']) if context['attrs'] else ''}>{label}</{tag}>"


def _errors(context: Mapping[str, Any]) -> str:
    """django/forms/errors/list/default.html (ul.html)."""
    errors = context["errors"]
    if not errors:
        return ""
    field_id = f' id="{escape(errors.field_id)}_error"' if errors.field_id else ""
    items = "".join(f"<li>{escape(error)}</li>" for error in errors)
    return f'<ul class="{escape(context["error_class"])}"{field_id}>{items}</ul>'


WIDGET_WRITERS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    **dict.fromkeys(INPUTS, _input),
    # One option alone: a template looping over a radio list renders `{{ choice.tag }}` per choice.
    **dict.fromkeys(INPUT_OPTIONS, _input_option),
    SELECT_OPTION: _select_option,
    f"{WIDGETS}radio.html": _multiple_input,
    f"{WIDGETS}checkbox_select.html": _multiple_input,
    f"{WIDGETS}select.html": _select,
    f"{WIDGETS}textarea.html": _textarea,
}
WRITERS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "django/forms/field.html": _field,
    "django/forms/label.html": _label,
    "django/forms/errors/list/default.html": _errors,
}


class FrontFormRenderer(Jinja2):
    """Django's Jinja2 form renderer, with the templates Django ships written in Python.

    Like Django's renderers, it strips the whitespace around what a template wrote.
    """

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if request is None:
            try:
                widget_writer = WIDGET_WRITERS.get(template_name)
                if widget_writer is not None and "widget" in context:
                    return widget_writer(context["widget"]).strip()
                writer = WRITERS.get(template_name)
                if writer is not None:
                    return writer(context).strip()
            except NotWritten:
                pass
        return super().render(template_name, context, request)
