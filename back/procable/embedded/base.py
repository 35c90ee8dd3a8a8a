"""Shared plumbing of the embedded adapter: error translation, lookups and record builders."""

from __future__ import annotations

import functools
import logging
import unicodedata
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import DatabaseError, IntegrityError
from django.utils.translation import gettext as _

from back.procable import gateway
from back.procable.errors import (
    ProCableConflictError,
    ProCableError,
    ProCableNotFoundError,
    ProCableUnavailableError,
)
from back.procable.models import Address, Customer
from back.procable.port import AddressRecord, CustomerRecord

logger = logging.getLogger("back.procable")

DB = "procable"
CENTS = Decimal("0.01")
TAX_RATE = Decimal("0.14975")  # Quebec: GST 5 % + QST 9.975 %


def guarded[F: Callable[..., Any]](method: F) -> F:
    """Make a port method honour the "down" switch and never leak a database exception."""

    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if gateway.is_down():
            raise ProCableUnavailableError(_("Pro-Cable is unavailable (simulated outage)."))
        try:
            return method(*args, **kwargs)
        except ProCableError:
            raise
        except IntegrityError as exc:
            logger.warning("Pro-Cable integrity refusal in %s: %s", method.__name__, exc)
            raise ProCableConflictError(
                _("Pro-Cable refused a change that conflicts with existing data.")
            ) from exc
        except DatabaseError as exc:
            logger.exception("Pro-Cable database failure in %s", method.__name__)
            raise ProCableUnavailableError() from exc
        except ObjectDoesNotExist as exc:
            raise ProCableNotFoundError() from exc

    return wrapper  # type: ignore[return-value]


def guard_all(cls: type) -> type:
    """Apply `guarded` to every public method of an adapter class (its port methods)."""
    for name in dir(cls):
        if name.startswith("_"):
            continue
        attribute = getattr(cls, name)
        if callable(attribute):
            setattr(cls, name, guarded(attribute))
    return cls


def search_key(text: str) -> str:
    """Lower-case, unaccented, single-spaced form used by the indexed name / street searches."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.lower().split())


def split_codes(value: str) -> frozenset[str]:
    return frozenset(code for code in value.split(",") if code)


def money(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENTS)


def customer_row(customer_number: str, *, for_update: bool = False) -> Customer:
    """The customer model row, or ProCableNotFoundError."""
    queryset = Customer.objects.using(DB)
    if for_update:
        queryset = queryset.select_for_update()
    try:
        return queryset.get(number=customer_number)
    except Customer.DoesNotExist:
        raise ProCableNotFoundError(
            _("No customer has this number."), customer_number=customer_number
        ) from None


def customer_id(customer_number: str) -> int:
    """The internal id of a customer number (one indexed query), or ProCableNotFoundError."""
    found = Customer.objects.using(DB).filter(number=customer_number).values_list("id", flat=True).first()
    if found is None:
        raise ProCableNotFoundError(_("No customer has this number."), customer_number=customer_number)
    return found


def ensure_unlocked(customer: Customer) -> None:
    if customer.is_locked:
        raise ProCableConflictError(
            _("This customer file is locked: %(reason)s") % {"reason": customer.lock_reason or "-"},
            customer_number=customer.number,
        )


def customer_record(customer: Customer) -> CustomerRecord:
    phones = tuple(phone for phone in (customer.phone_home, customer.phone_mobile) if phone)
    return CustomerRecord(
        number=customer.number,
        first_name=customer.first_name,
        last_name=customer.last_name,
        email=customer.email,
        phones=phones,
        language=customer.language,
        customer_type=customer.customer_type,  # type: ignore[arg-type]
        group_code=customer.group_code,
        status=customer.status,  # type: ignore[arg-type]
        collection_status=customer.collection_status,  # type: ignore[arg-type]
        address_id=customer.address_id,
        balance=money(customer.balance),
        is_locked=customer.is_locked,
        lock_reason=customer.lock_reason,
        company_name=customer.company_name,
        postal_code=customer.postal_code,
        billing_address_id=customer.billing_address_id,
        payment_method=customer.payment_method,  # type: ignore[arg-type]
        created_on=customer.created_on,
    )


ADDRESS_RELATED = ("street__city", "zone", "cmts")


def address_record(address: Address) -> AddressRecord:
    """Build the record; the address must come with `select_related(*ADDRESS_RELATED)`."""
    return AddressRecord(
        id=address.id,
        city_code=address.street.city.code,
        city_name=address.street.city.name,
        street_name=address.street.name,
        civic_number=address.civic_number,
        apartment=address.apartment,
        postal_code=address.postal_code,
        serviceable=address.serviceable,
        domains=split_codes(address.domains),
        technologies=split_codes(address.technologies),
        zone_code=address.zone.code if address.zone else "",
        cmts_code=address.cmts.code if address.cmts else "",
    )


def address_label(address: Address) -> str:
    number = f"{address.apartment}-{address.civic_number}" if address.apartment else str(address.civic_number)
    return f"{number} {address.street.name}, {address.street.city.name} {address.postal_code}"


# Generic words that open French street names: "rue Sherbrooke" is found by typing "sherb".
STREET_TYPES = frozenset(
    {
        "rue",
        "avenue",
        "av",
        "boulevard",
        "boul",
        "bd",
        "chemin",
        "ch",
        "place",
        "rang",
        "montee",
        "cote",
        "route",
        "croissant",
        "terrasse",
        "impasse",
        "allee",
        "promenade",
        "de",
        "du",
        "des",
        "la",
        "le",
        "l",
    }
)


def street_key(text: str) -> str:
    """Search key of a street name: `search_key` without the leading street type and articles."""
    words = search_key(text.replace("'", " ")).split()
    while len(words) > 1 and words[0] in STREET_TYPES:
        words.pop(0)
    return " ".join(words)
