"""MyAccount forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class CustomerLoginForm(forms.Form):
    login_id = forms.CharField(
        label=_("Customer number or personal ID"),
        max_length=60,
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
