"""MyAccount forms: convenience checks only; the back decides (its per-field errors land here too)."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from datetime import date

from django import forms
from django.core.validators import RegexValidator
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from weblys.backclient.myaccount_types import Consent, Slot

DIGITS = re.compile(r"^[0-9]+$")


class KeyedForm(forms.Form):
    """A form that creates something: its hidden key makes a double submit answered once by the back."""

    key = forms.CharField(widget=forms.HiddenInput, max_length=64, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("key", uuid.uuid4().hex)

    def idempotency_key(self) -> str | None:
        value = self.cleaned_data.get("key") or ""
        return value if re.fullmatch(r"[0-9a-f]{32}", value) else None


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


class PasswordResetRequestForm(forms.Form):
    login_id = forms.CharField(
        label=_("Customer number or personal ID"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=80, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    email = forms.EmailField(
        label=_("E-mail of the account"),
        required=False,
        max_length=254,
        help_text=_("Give the e-mail or a phone number of the account."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone number of the account"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def clean(self) -> dict:
        data = super().clean()
        if not self.errors and not data.get("email") and not data.get("phone"):
            self.add_error("email", _("Give the e-mail or a phone number of the account."))
        return data


class NewPasswordForm(forms.Form):
    """A new password typed twice."""

    new_password = forms.CharField(
        label=_("New password"),
        max_length=256,
        strip=False,
        help_text=_("At least 10 characters, not only digits."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password_again = forms.CharField(
        label=_("New password again"),
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict:
        data = super().clean()
        first, second = data.get("new_password"), data.get("new_password_again")
        if first and second is not None and first != second:
            self.add_error("new_password_again", _("The two passwords differ."))
        return data


class PasswordChangeForm(NewPasswordForm):
    current_password = forms.CharField(
        label=_("Current password"),
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["current_password", "new_password", "new_password_again"]


class PersonalLoginForm(NewPasswordForm):
    personal_login_id = forms.CharField(
        label=_("Personal ID"),
        max_length=60,
        help_text=_("4 to 60 letters, digits or . _ @ -, not only digits."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    current_password = forms.CharField(
        label=_("Current password"),
        max_length=256,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    field_order = ["personal_login_id", "new_password", "new_password_again", "current_password"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_password"].label = _("Password for the personal ID")
        self.fields["new_password_again"].label = _("Password for the personal ID again")


class UsagePeriodForm(forms.Form):
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self) -> dict:
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("since", _("The start must not be after the end."))
        return data


class CardFields(forms.Form):
    """Card data: sent to the payment gateway for a token, never kept by the front."""

    card_number = forms.CharField(
        label=_("Card number"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "cc-number", "inputmode": "numeric"}),
    )
    expiry_month = forms.IntegerField(
        label=_("Expiry month"),
        min_value=1,
        max_value=12,
        widget=forms.NumberInput(attrs={"autocomplete": "cc-exp-month"}),
    )
    expiry_year = forms.IntegerField(
        label=_("Expiry year"),
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"autocomplete": "cc-exp-year"}),
    )
    cvc = forms.CharField(
        label=_("Security code"),
        max_length=4,
        widget=forms.TextInput(attrs={"autocomplete": "cc-csc", "inputmode": "numeric"}),
    )
    holder_name = forms.CharField(
        label=_("Name on the card"), max_length=120, widget=forms.TextInput(attrs={"autocomplete": "cc-name"})
    )
    CARD_FIELDS = ("card_number", "expiry_month", "expiry_year", "cvc", "holder_name")
    # the back's names for the card fields (payment gateway) → this form's
    BACK_NAMES = {
        "number": "card_number",
        "expiry_month": "expiry_month",
        "expiry_year": "expiry_year",
        "cvc": "cvc",
        "holder_name": "holder_name",
    }

    def card(self) -> dict[str, object]:
        data = self.cleaned_data
        return {
            "number": re.sub(r"[ -]", "", data["card_number"]),
            "expiry_month": data["expiry_month"],
            "expiry_year": data["expiry_year"],
            "cvc": data["cvc"],
            "holder_name": data["holder_name"],
        }


class PayForm(KeyedForm, CardFields):
    amount = forms.DecimalField(
        label=_("Amount to pay ($)"),
        min_value=0.01,
        max_digits=10,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    field_order = ["amount", *CardFields.CARD_FIELDS]


class ChallengeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=20,
        help_text=_("The code your bank sent you."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class PaymentMethodForm(CardFields):
    METHODS = (
        ("bill", _("On the bill (I pay each invoice myself)")),
        ("pad", _("Pre-authorised debit from my bank account")),
        ("card", _("Monthly charge to my credit card")),
    )
    method = forms.ChoiceField(label=_("How I pay each month"), choices=METHODS, widget=forms.RadioSelect)
    bank_institution = forms.CharField(
        label=_("Institution number (3 digits)"),
        required=False,
        max_length=3,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    bank_transit = forms.CharField(
        label=_("Transit number (5 digits)"),
        required=False,
        max_length=5,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    bank_account = forms.CharField(
        label=_("Account number (7 to 12 digits)"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    BANK_FIELDS = ("bank_institution", "bank_transit", "bank_account")
    field_order = ["method", *BANK_FIELDS, *CardFields.CARD_FIELDS]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        for name in self.CARD_FIELDS:
            self.fields[name].required = False

    def clean(self) -> dict:
        data = super().clean()
        method = data.get("method")
        if method == "pad":
            checks = (
                ("bank_institution", 3, 3, _("The institution number has 3 digits.")),
                ("bank_transit", 5, 5, _("The transit number has 5 digits.")),
                ("bank_account", 7, 12, _("The account number has 7 to 12 digits.")),
            )
            for name, low, high, message in checks:
                value = data.get(name) or ""
                if not (DIGITS.match(value) and low <= len(value) <= high):
                    self.add_error(name, message)
        elif method == "card":
            for name in self.CARD_FIELDS:
                if name not in self.errors and data.get(name) in (None, ""):
                    self.add_error(name, _("This field is required to pay by card."))
        return data


PHONE = RegexValidator(r"^\+?[0-9 ().-]{7,20}$", _("Enter a phone number such as 514 555-0123."))


class ContactForm(forms.Form):
    LANGUAGES = (("fr", "Français"), ("en", "English"))
    email = forms.EmailField(
        label=_("E-mail"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone_1 = forms.CharField(
        label=_("Main phone"),
        max_length=20,
        validators=[PHONE],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    phone_2 = forms.CharField(
        label=_("Other phone (optional)"),
        required=False,
        validators=[PHONE],
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    phone_3 = forms.CharField(
        label=_("Third phone (optional)"),
        required=False,
        validators=[PHONE],
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel"}),
    )
    language = forms.ChoiceField(label=_("Language of my letters and invoices"), choices=LANGUAGES)
    PHONE_FIELDS = ("phone_1", "phone_2", "phone_3")

    def phones(self) -> list[str]:
        return [self.cleaned_data[name] for name in self.PHONE_FIELDS if self.cleaned_data.get(name)]


class ConsentsForm(forms.Form):
    """One checkbox per consent topic the back knows."""

    def __init__(self, *args: object, consents: Iterable[Consent] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.topics = [c.topic for c in consents]
        for consent in consents:
            self.fields[consent.topic] = forms.BooleanField(
                label=consent.label, required=False, initial=consent.is_granted
            )

    def choices(self) -> dict[str, bool]:
        return {topic: bool(self.cleaned_data.get(topic)) for topic in self.topics}


class ErasureForm(KeyedForm):
    reason = forms.CharField(
        label=_("Why (optional)"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account will be closed and my data erased, except what the law keeps.")
    )


class RescheduleForm(forms.Form):
    slot = forms.ChoiceField(label=_("New slot"), widget=forms.RadioSelect)

    def __init__(self, *args: object, slots: Iterable[Slot] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        periods = {"AM": _("morning (8 h – 12 h)"), "PM": _("afternoon (13 h – 17 h)")}
        self.fields["slot"].choices = [
            (
                f"{slot.day.isoformat()}|{slot.period}",
                f"{formats.date_format(slot.day, 'l j F Y')}, {periods.get(slot.period, slot.period)}",
            )
            for slot in slots
            if slot.available > 0
        ]

    def day_and_period(self) -> tuple[date, str]:
        day, period = self.cleaned_data["slot"].split("|")
        return date.fromisoformat(day), period


class EasySwitchForm(KeyedForm):
    receiving_operator = forms.CharField(label=_("Operator you are moving to"), max_length=120)
    confirm = forms.BooleanField(
        label=_("I have read what ends and what it costs, and I want to transfer my subscription.")
    )


class ContactMessageForm(KeyedForm):
    SUBJECTS = (
        ("", _("Choose a subject")),
        ("billing", _("Billing and payments")),
        ("technical", _("Technical problem")),
        ("offer", _("My offer and services")),
        ("moving", _("Moving")),
        ("other", _("Other")),
    )
    subject = forms.ChoiceField(label=_("Subject"), choices=SUBJECTS)
    message = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6}))

    def subject_label(self) -> str:
        return str(dict(self.SUBJECTS)[self.cleaned_data["subject"]])
