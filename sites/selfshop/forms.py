"""SelfShop forms."""

from __future__ import annotations

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class AddressForm(forms.Form):
    """The address whose available services the customer wants to see (first step of SelfShop)."""

    street_number = forms.CharField(
        label=_("Street number"), max_length=10, widget=forms.TextInput(attrs={"autocomplete": "off"})
    )
    street_name = forms.CharField(
        label=_("Street"), max_length=100, widget=forms.TextInput(attrs={"autocomplete": "address-line1"})
    )
    apartment = forms.CharField(
        label=_("Apartment (optional)"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "address-line2"}),
    )
    city = forms.CharField(
        label=_("City"), max_length=80, widget=forms.TextInput(attrs={"autocomplete": "address-level2"})
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=10,
        help_text=_("For example: H2X 1Y4"),
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "autocapitalize": "characters"}),
    )

    def clean_postal_code(self) -> str:
        value = self.cleaned_data["postal_code"].strip().upper()
        if not re.fullmatch(settings.WEBLYS_POSTAL_CODE_PATTERN, value):
            raise forms.ValidationError(_("Enter a postal code such as H2X 1Y4."), code="postal_code")
        compact = value.replace(" ", "")
        return f"{compact[:3]} {compact[3:]}" if len(compact) == 6 else value
