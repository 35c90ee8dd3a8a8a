"""WeShop forms: convenience checks for the seller; the back's order engine decides.

The address, offer, options, contact, appointment, payment and confirm steps of a new customer are
SelfShop's forms (same engine, same fields); this module adds what only staff see.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sites.selfshop.forms import EquipmentForm
from weblys.backclient.orders_types import CatalogItem, EquipmentChoice
from weblys.backclient.weshop_types import ChangeTarget, HeldEquipment, OfferSummary

_POSTAL_CODE = re.compile(r"^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$")
_NUMBER = re.compile(r"^\d{1,12}$")


class CustomerSearchForm(forms.Form):
    """Find a customer file: by number, or by last name and postal code, or by street."""

    number = forms.CharField(
        label=_("Customer number"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    last_name = forms.CharField(label=_("Last name"), required=False, max_length=80)
    postal_code = forms.CharField(
        label=_("Postal code"), required=False, max_length=7, help_text=_("For example: H4A 2Q3")
    )
    street = forms.CharField(
        label=_("Street"), required=False, max_length=120, help_text=_("Start of the name")
    )

    def clean_number(self) -> str:
        value = self.cleaned_data["number"].strip()
        if value and not _NUMBER.match(value):
            raise forms.ValidationError(_("A customer number has digits only."))
        return value

    def clean_postal_code(self) -> str:
        value = self.cleaned_data["postal_code"].strip().upper()
        if value and not _POSTAL_CODE.match(value):
            raise forms.ValidationError(_("Enter a postal code such as H4A 2Q3."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        number, last_name = data.get("number"), (data.get("last_name") or "").strip()
        postal_code, street = data.get("postal_code"), (data.get("street") or "").strip()
        data["last_name"], data["street"] = last_name, street
        if number:
            return data
        if street or (last_name and postal_code):
            return data
        if last_name and not postal_code:
            self.add_error("postal_code", _("Give the postal code with the last name."))
        elif postal_code and not last_name:
            self.add_error("last_name", _("Give the last name with the postal code."))
        else:
            raise forms.ValidationError(
                _("Give a customer number, or a last name and a postal code, or a street.")
            )
        return data


class OverrideForm(forms.Form):
    """Open the change despite overridable blockers: the reason is recorded with the seller's code."""

    reason = forms.CharField(
        label=_("Reason for the override"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Recorded on the order with your user code."),
    )


class ChangeOfferForm(forms.Form):
    offer_code = forms.ChoiceField(label=_("Offer after the change"), widget=forms.RadioSelect)

    def __init__(
        self,
        *args: Any,
        current: OfferSummary | None = None,
        targets: Iterable[ChangeTarget] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        choices = []
        if current is not None:
            choices.append((current.code, _("Keep %(name)s") % {"name": current.name}))
        choices += [(t.offer.code, t.offer.name) for t in targets]
        self.fields["offer_code"].choices = choices


def _serials(value: str) -> tuple[str, ...]:
    return tuple(part.upper() for part in re.split(r"[\s,;]+", value or "") if part)


class SerialNumberMixin:
    """One "serial numbers" field per piece of equipment when the rules want them entered."""

    fields: dict[str, forms.Field]

    def add_serial_fields(self, items: Iterable[CatalogItem], *, is_asked: bool) -> None:
        self.is_serial_asked = is_asked
        if not is_asked:
            return
        for item in items:
            self.fields[f"serials_{item.code}"] = forms.CharField(
                label=_("Serial numbers: %(label)s") % {"label": item.label},
                required=False,
                max_length=200,
                help_text=_("One per unit, separated by spaces; scan or type them from the box."),
                widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            )


class StaffEquipmentForm(SerialNumberMixin, EquipmentForm):
    """SelfShop's equipment choice plus the serial numbers the seller hands over."""

    def __init__(
        self, *args: Any, items: Iterable[CatalogItem] = (), is_serial_asked: bool = False, **kwargs: Any
    ):
        items = tuple(items)
        super().__init__(*args, items=items, **kwargs)
        self.add_serial_fields(items, is_asked=is_serial_asked)

    def serial_field(self, code: str) -> forms.BoundField | None:
        name = f"serials_{code}"
        return self[name] if name in self.fields else None

    def staff_rows(self) -> list[tuple[CatalogItem, Any, Any, Any]]:
        return [(item, qty, acq, self.serial_field(item.code)) for item, qty, acq in self.rows()]

    def choices(self) -> list[EquipmentChoice]:
        data = self.cleaned_data
        return [
            EquipmentChoice(
                code=code,
                acquisition=acq,
                quantity=qty,
                serial_numbers=_serials(data.get(f"serials_{code}", "")),
            )
            for code, acq, qty in self.chosen()
        ]


class ChangeEquipmentForm(SerialNumberMixin, forms.Form):
    """Equipment to return (held by the customer) and to add (with serial numbers when asked)."""

    returned = forms.MultipleChoiceField(
        label=_("Equipment returned"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        *args: Any,
        held: Iterable[HeldEquipment] = (),
        items: Iterable[CatalogItem] = (),
        is_serial_asked: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.items = tuple(items)
        self.fields["returned"].choices = [
            (e.serial_number, f"{e.code} · {e.serial_number}") for e in held if e.ownership != "buy"
        ]
        for item in self.items:
            self.fields[f"qty_{item.code}"] = forms.TypedChoiceField(
                label=_("Add: %(label)s") % {"label": item.label},
                coerce=int,
                choices=[(n, str(n)) for n in range(item.max_quantity + 1)],
                initial=0,
            )
        self.add_serial_fields(self.items, is_asked=is_serial_asked)

    def rows(self) -> list[tuple[CatalogItem, Any, Any]]:
        return [
            (item, self[f"qty_{item.code}"], self[f"serials_{item.code}"] if self.is_serial_asked else None)
            for item in self.items
        ]

    def added(self) -> list[EquipmentChoice]:
        data = self.cleaned_data
        return [
            EquipmentChoice(
                code=item.code,
                acquisition="rent",
                quantity=data[f"qty_{item.code}"],
                serial_numbers=_serials(data.get(f"serials_{item.code}", "")),
            )
            for item in self.items
            if data.get(f"qty_{item.code}")
        ]


DISCOUNT_KINDS = (("monthly", _("Monthly")), ("one_time", _("One-time")))


class DiscountForm(forms.Form):
    """A store manager's discount (right weshop.discount): an amount or a percent, and why."""

    kind = forms.ChoiceField(label=_("Discount on"), choices=DISCOUNT_KINDS)
    amount = forms.DecimalField(
        label=_("Amount ($)"), required=False, min_value=Decimal("0.01"), max_digits=8, decimal_places=2
    )
    percent = forms.DecimalField(
        label=_("Percent"),
        required=False,
        min_value=Decimal("0.01"),
        max_value=Decimal("100"),
        decimal_places=2,
    )
    reason = forms.CharField(label=_("Reason for the discount"), max_length=200)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        if (data.get("amount") is None) == (data.get("percent") is None):
            raise forms.ValidationError(_("Give either an amount or a percent."))
        return data

    def payload(self) -> dict[str, str]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "reason": data["reason"],
            "amount": "" if data.get("amount") is None else str(data["amount"]),
            "percent": "" if data.get("percent") is None else str(data["percent"]),
        }


ORDER_SCOPES = (("mine", _("Taken by me")), ("store", _("My store")))


class OrderFilterForm(forms.Form):
    scope = forms.ChoiceField(label=_("Orders"), choices=ORDER_SCOPES, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=(
            ("", _("Any")),
            ("received", _("Received")),
            ("submitted", _("Submitted")),
            ("rejected", _("Rejected")),
        ),
    )
