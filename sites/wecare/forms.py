"""WeCare forms: filters of the staff lists (the back validates for truth)."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

_NUMBER = re.compile(r"^\d{1,12}$")


class CustomerFilterForm(forms.Form):
    """Narrow a list to one customer file."""

    customer_number = forms.CharField(
        label=_("Customer number"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def clean_customer_number(self) -> str:
        value = self.cleaned_data["customer_number"].strip()
        if value and not _NUMBER.match(value):
            raise forms.ValidationError(_("A customer number has digits only."))
        return value
