"""Front forms shared by several sites (validation here is for convenience; the back decides)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from weblys.backclient.orders_types import Slot

RADIO = forms.RadioSelect


# the back's names for the card fields of a cart's payment step → the payment form's
CARD_NAMES = {
    "card.number": "card_number",
    "card.expiry_month": "expiry_month",
    "card.expiry_year": "expiry_year",
    "card.cvc": "cvc",
    "card.holder_name": "holder_name",
}


def apply_back_errors(
    form: forms.Form, errors: Mapping[str, list[str]], names: Mapping[str, str] | None = None
) -> bool:
    """Put the back's per-field errors on the form's fields (`names` maps back field → form field).

    An error of a field the form does not show goes to the form's non-field errors; a message the
    form's own checks already gave is not repeated. Returns whether the form now shows any of them.
    """
    names = names or {}
    added = False
    for key, messages in errors.items():
        name = names.get(key, key)
        target = name if name in form.fields else None
        for message in messages:
            if message not in form.errors.get(target or NON_FIELD_ERRORS, ()):
                form.add_error(target, message)
            added = True
    return added


def slot_label(slot: Slot, periods: Mapping[str, str]) -> str:
    """An appointment slot as a choice reads: the day, then the period in the site's words."""
    return f"{formats.date_format(slot.day, 'l j F')}, {periods.get(slot.period, slot.period)}"


class AppointmentForm(forms.Form):
    """How the equipment reaches the customer, and the technician's slot when it is an appointment.

    A site subclasses it to name its install modes and its periods in its own words.
    """

    install_modes: Mapping[str, str] = {}
    periods: Mapping[str, str] = {}

    install_mode = forms.ChoiceField(label=_("How should the equipment reach you?"), widget=RADIO)
    slot = forms.ChoiceField(label=_("Appointment"), required=False, widget=RADIO)

    def __init__(
        self, *args: object, modes: Iterable[str] = (), slots: Iterable[Slot] = (), **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["install_mode"].choices = [(m, self.install_modes.get(m, m)) for m in modes]
        self.fields["slot"].choices = [(s.value, slot_label(s, self.periods)) for s in slots]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("install_mode") == "appointment" and not data.get("slot"):
            self.add_error("slot", _("Choose a day and a time for the technician."))
        return data

    def chosen_slot(self) -> tuple[date | None, str]:
        value = self.cleaned_data.get("slot") or ""
        if self.cleaned_data.get("install_mode") != "appointment" or "|" not in value:
            return None, ""
        day, period = value.split("|", 1)
        return date.fromisoformat(day), period


class StaffLoginForm(forms.Form):
    code = forms.CharField(
        label=_("Login code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "autocapitalize": "none", "autofocus": True}
        ),
    )
    password = forms.CharField(
        label=_("Password"),
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class PaymentForm(forms.Form):
    """How a cart's one-time costs are paid (bill or card, as the back offers).

    The card fields are never kept by the front.
    """

    method = forms.ChoiceField(label=_("Payment of the one-time costs"), widget=RADIO)
    card_number = forms.CharField(
        label=_("Card number"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "cc-number", "inputmode": "numeric"}),
    )
    expiry_month = forms.IntegerField(
        label=_("Expiry month"),
        required=False,
        min_value=1,
        max_value=12,
        widget=forms.NumberInput(attrs={"autocomplete": "cc-exp-month"}),
    )
    expiry_year = forms.IntegerField(
        label=_("Expiry year"),
        required=False,
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"autocomplete": "cc-exp-year"}),
    )
    cvc = forms.CharField(
        label=_("Security code"),
        required=False,
        max_length=4,
        widget=forms.TextInput(attrs={"autocomplete": "cc-csc", "inputmode": "numeric"}),
    )
    holder_name = forms.CharField(
        label=_("Name on the card"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "cc-name"}),
    )
    CARD_FIELDS = ("card_number", "expiry_month", "expiry_year", "cvc", "holder_name")

    def __init__(self, *args: object, methods: Iterable[tuple[str, str]] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = list(methods)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("method") == "card":
            for name in self.CARD_FIELDS:
                if data.get(name) in (None, "") and name not in self.errors:
                    self.add_error(name, _("This field is required to pay by card."))
        return data


class ChallengeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=20,
        help_text=_("The code your bank sent you (in the sandbox: 123456)."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
