"""SelfShop forms: convenience checks only; the back's order engine decides (its errors land here too)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from weblys import forms as shared
from weblys.backclient.orders_types import CatalogItem, Offer, Slot

RADIO = forms.RadioSelect


class CityForm(forms.Form):
    city = forms.ChoiceField(label=_("City"))

    def __init__(self, *args: object, cities: Iterable[tuple[str, str]] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["city"].choices = [("", _("Choose a city")), *cities]


class StreetForm(forms.Form):
    street = forms.TypedChoiceField(label=_("Street"), coerce=int)

    def __init__(self, *args: object, streets: Iterable[tuple[int, str]] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["street"].choices = [("", _("Choose a street")), *streets]


class CivicNumberForm(forms.Form):
    civic = forms.TypedChoiceField(label=_("Civic number"), coerce=int)

    def __init__(self, *args: object, numbers: Iterable[int] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["civic"].choices = [("", _("Choose a civic number")), *((n, str(n)) for n in numbers)]


class AddressSearchForm(forms.Form):
    """The search box; with JavaScript, htmx asks for matches as the visitor types."""

    q = forms.CharField(
        label=_("Search your address"),
        max_length=120,
        min_length=2,
        help_text=_("Civic number then the start of the street name, for example: 20 rue Sher"),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.attrs |= {
            "hx-get": reverse("selfshop:address-search"),
            "hx-trigger": "input changed delay:300ms, search",
            "hx-target": "#address-results",
            "hx-include": "closest form",
            "aria-controls": "address-results",
        }


class AddressPickForm(forms.Form):
    """The final choice of the address step: one Pro-Cable address id."""

    address_id = forms.TypedChoiceField(label=_("Apartment or address"), coerce=int, widget=RADIO)
    offer = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)

    def __init__(self, *args: object, addresses: Iterable[tuple[int, str]] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["address_id"].choices = list(addresses)


class OfferForm(forms.Form):
    offer_code = forms.ChoiceField(label=_("Offer"), widget=RADIO)

    def __init__(self, *args: object, offers: Iterable[Offer] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer_code"].choices = [(o.code, o.name) for o in offers]


ACQUISITIONS = {"rent": _("Rent"), "buy": _("Buy")}


class EquipmentForm(forms.Form):
    """One quantity and one rent / buy choice per piece of equipment the offer allows."""

    def __init__(self, *args: object, items: Iterable[CatalogItem] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.items = tuple(items)
        for item in self.items:
            self.fields[f"qty_{item.code}"] = forms.TypedChoiceField(
                label=_("Quantity: %(label)s") % {"label": item.label},
                coerce=int,
                choices=[(n, str(n)) for n in range(item.max_quantity + 1)],
                initial=0,
            )
            modes = [(m, ACQUISITIONS[m]) for m in ("rent", "buy") if getattr(item, f"allows_{m}")]
            self.fields[f"acq_{item.code}"] = forms.ChoiceField(
                label=_("Rent or buy: %(label)s") % {"label": item.label}, choices=modes, initial=modes[0][0]
            )

    def rows(self) -> list[tuple[CatalogItem, forms.BoundField, forms.BoundField]]:
        return [(item, self[f"qty_{item.code}"], self[f"acq_{item.code}"]) for item in self.items]

    def chosen(self) -> list[tuple[str, str, int]]:
        """(code, acquisition, quantity) of every piece with a quantity above zero."""
        data = self.cleaned_data
        return [
            (item.code, data[f"acq_{item.code}"], data[f"qty_{item.code}"])
            for item in self.items
            if data.get(f"qty_{item.code}")
        ]


_EQUIPMENT_CODE = re.compile(r"^qty_([A-Za-z0-9_.+-]{1,20})$")


def equipment_posted(data: Mapping[str, str]) -> list[tuple[str, str, int]] | None:
    """(code, acquisition, quantity) of every piece a submitted equipment form asks for, in form order.

    Read without the offer's list: the back checks the codes, quantities and rent / buy against the
    offer. None when the submission is malformed (then the form, built from the list, explains why).
    """
    chosen = []
    for name, value in data.items():
        match = _EQUIPMENT_CODE.match(name)
        if match is None:
            continue
        code = match.group(1)
        acquisition = str(data.get(f"acq_{code}") or "")
        try:
            quantity = int(str(value))
        except ValueError:
            return None
        if quantity < 0 or acquisition not in ACQUISITIONS:
            return None
        if quantity:
            chosen.append((code, acquisition, quantity))
    return chosen


class OptionsForm(forms.Form):
    options = forms.MultipleChoiceField(
        label=_("Options"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: object, options: Iterable[CatalogItem] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["options"].choices = [(o.code, o.label) for o in options]


LANGUAGE_CHOICES = [("fr", "Français"), ("en", "English")]


class ContactForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"), max_length=60, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=60, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    email = forms.EmailField(
        label=_("E-mail"), max_length=200, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        help_text=_("10 to 15 digits, for example: 514 555 0101"),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    language = forms.ChoiceField(label=_("Language of correspondence"), choices=LANGUAGE_CHOICES)
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        help_text=_("YYYY-MM-DD"),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: object, ask_date_of_birth: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if not ask_date_of_birth:
            del self.fields["date_of_birth"]

    def payload(self) -> dict[str, str]:
        body = {k: str(v) for k, v in self.cleaned_data.items() if k != "date_of_birth"}
        born = self.cleaned_data.get("date_of_birth")
        if isinstance(born, date):
            body["date_of_birth"] = born.isoformat()
        return body


INSTALL_MODES = {
    "appointment": _("A technician installs it (appointment)"),
    "shipment": _("Shipped to my address; I install it myself"),
    "delivery": _("Delivered by a courier; I install it myself"),
    "none": _("Nothing to install"),
}
PERIODS = {"AM": _("morning (8 am – 12 pm)"), "PM": _("afternoon (1 pm – 5 pm)")}


def slot_posted(data: Mapping[str, str]) -> tuple[Slot, ...]:
    """The slot a submitted form names ("YYYY-MM-DD|AM"), as a choice to validate against (or none)."""
    value = str(data.get("slot") or "")
    day, _sep, period = value.partition("|")
    try:
        return (Slot(day=date.fromisoformat(day), period=period, available=1),) if period in PERIODS else ()
    except ValueError:
        return ()


class AppointmentForm(shared.AppointmentForm):
    install_modes = INSTALL_MODES
    periods = PERIODS


class ConfirmForm(forms.Form):
    key = forms.CharField(max_length=64, widget=forms.HiddenInput)
    accept = forms.BooleanField(label=_("I accept the terms of service and the order summary above."))
