"""MyShop forms: convenience checks only; the back's order engine decides (its errors land here too)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django import forms
from django.utils.translation import gettext_lazy as _

from weblys import forms as shared
from weblys.backclient.myshop_types import CatalogEquipment, ChangeOption, HeldEquipment, PhoneNumber
from weblys.backclient.orders_types import EquipmentChoice

RADIO = forms.RadioSelect

LISTINGS = {
    "listed": _("Listed: my number and name appear in the directory"),
    "name_and_address": _("Listed with my name and address"),
    "unlisted": _("Unlisted: my number does not appear in the directory"),
}
INSTALL_MODES = {
    "appointment": _("A technician installs it (appointment)"),
    "shipment": _("Ship it to me"),
    "delivery": _("Deliver it to me"),
    "pickup": _("I pick it up in a store"),
    "none": _("Nothing to install"),
}
PERIODS = {"AM": _("morning (8 a.m. to noon)"), "PM": _("afternoon (noon to 5 p.m.)")}
ACQUISITIONS = {"rent": _("Rent"), "buy": _("Buy")}


class StartForm(forms.Form):
    """Open the change cart; the key makes a double submit open one cart only."""

    key = forms.CharField(max_length=64, widget=forms.HiddenInput)


class OfferForm(forms.Form):
    offer_code = forms.ChoiceField(label=_("Your offer after the change"), widget=RADIO)

    def __init__(self, *args: object, choices: Iterable[tuple[str, str]] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offer_code"].choices = list(choices)


class EquipmentForm(forms.Form):
    """Rented pieces to give back (by serial number) and pieces to add; a swap is one of each."""

    returned = forms.MultipleChoiceField(
        label=_("Equipment to return"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        *args: object,
        held: Iterable[HeldEquipment] = (),
        available: Iterable[CatalogEquipment] = (),
        labels: Mapping[str, str] | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        labels = labels or {}
        self.held = tuple(held)
        self.available = tuple(available)
        self.fields["returned"].choices = [
            (item.serial_number, f"{labels.get(item.code, item.code)} ({item.serial_number})")
            for item in self.held
            if item.is_rented
        ]
        for item in self.available:
            self.fields[f"qty_{item.code}"] = forms.TypedChoiceField(
                label=_("Add: %(label)s") % {"label": item.label},
                coerce=int,
                choices=[(n, str(n)) for n in range(item.max_quantity + 1)],
                initial=0,
            )
            modes = [(m, ACQUISITIONS[m]) for m in ("rent", "buy") if getattr(item, f"allows_{m}")]
            self.fields[f"acq_{item.code}"] = forms.ChoiceField(
                label=_("Rent or buy: %(label)s") % {"label": item.label},
                choices=modes or [("rent", ACQUISITIONS["rent"])],
                initial=(modes or [("rent", "")])[0][0],
            )

    def rows(self) -> list[tuple[CatalogEquipment, forms.BoundField, forms.BoundField]]:
        return [(item, self[f"qty_{item.code}"], self[f"acq_{item.code}"]) for item in self.available]

    def added(self) -> list[EquipmentChoice]:
        data = self.cleaned_data
        return [
            EquipmentChoice(
                code=item.code, acquisition=data[f"acq_{item.code}"], quantity=data[f"qty_{item.code}"]
            )
            for item in self.available
            if data.get(f"qty_{item.code}")
        ]


class OptionsForm(forms.Form):
    options = forms.MultipleChoiceField(
        label=_("Options"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: object, options: Iterable[ChangeOption] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["options"].choices = [(o.code, o.label) for o in options]


class DirectoryForm(forms.Form):
    """One listing choice per fixed phone number of the customer."""

    def __init__(self, *args: object, numbers: Iterable[PhoneNumber] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.numbers = tuple(numbers)
        for index, phone in enumerate(self.numbers):
            self.fields[f"listing_{index}"] = forms.ChoiceField(
                label=_("Directory listing of %(number)s") % {"number": format_phone(phone.number)},
                choices=list(LISTINGS.items()),
                widget=RADIO,
                initial=phone.directory_listing,
            )

    def rows(self) -> list[tuple[PhoneNumber, forms.BoundField]]:
        return [(phone, self[f"listing_{index}"]) for index, phone in enumerate(self.numbers)]


def format_phone(number: str) -> str:
    """514 555 0101 for 5145550101 (other lengths as given)."""
    digits = "".join(ch for ch in number if ch.isdigit())
    if len(digits) == 10:
        return f"{digits[:3]} {digits[3:6]} {digits[6:]}"
    return number


class AppointmentForm(shared.AppointmentForm):
    install_modes = INSTALL_MODES
    periods = PERIODS


class ConfirmForm(forms.Form):
    key = forms.CharField(max_length=64, widget=forms.HiddenInput)
    accept = forms.BooleanField(label=_("I accept the terms of service and the change summary above."))
