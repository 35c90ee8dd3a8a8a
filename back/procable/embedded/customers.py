"""Customers: create (with CUSTOM LOGIN credentials), read, search, update, status, locks."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from back import demo_codes
from back.procable import hooks
from back.procable.errors import ProCableConflictError, ProCableNotFoundError, ProCableRejectedError
from back.procable.models import Address, Counter, Customer, CustomerService, Street
from back.procable.port import (
    CustomerPage,
    CustomerRecord,
    CustomerSummaryRecord,
    CustomerType,
    LockRecord,
    ServiceCombinationRecord,
)

from .base import DB, address_label, customer_record, customer_row, ensure_unlocked, search_key, street_key

LANGUAGES = ("fr", "en")
FIRST_CUSTOMER_NUMBER = 100001
MAX_PAGE_SIZE = 200
MAX_MATCHING_STREETS = 50
COMBINATION_CHUNK = 10_000
BULK_READ_SIZE = 2_000  # numbers per IN (...) list: within every database's parameter limit
MIN_STREET_PREFIX = 2  # letters of a street prefix searched without a city (the key drops "rue", "de"...)
_PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"


def next_number(name: str, *, start: int, current_max: int | None) -> int:
    """Take the next value of a named counter under a row lock (call inside an atomic block)."""
    counter = Counter.objects.using(DB).select_for_update().filter(name=name).first()
    if counter is None:
        counter = Counter.objects.using(DB).create(name=name, value=max(start - 1, current_max or 0))
        counter = Counter.objects.using(DB).select_for_update().get(pk=counter.pk)
    counter.value = max(counter.value, current_max or 0) + 1
    counter.save(using=DB, update_fields=["value"])
    return counter.value


def _max_customer_number() -> int:
    numbers = Customer.objects.using(DB).order_by("-id").values_list("number", flat=True)[:1]
    return max((int(number) for number in numbers if number.isdigit()), default=0)


def _check_type(customer_type: str, group_code: str) -> None:
    if customer_type not in demo_codes.CUSTOMER_TYPES:
        raise ProCableRejectedError(_("Unknown customer type."), reason="invalid_customer_type")
    if group_code not in demo_codes.GROUP_CODES:
        raise ProCableRejectedError(_("Unknown group code."), reason="invalid_group_code")


class CustomersMixin:
    def customer_create(
        self,
        *,
        first_name: str,
        last_name: str,
        email: str,
        language: str,
        address_id: int,
        customer_type: CustomerType = "RES",
        group_code: str = "RG",
        phones: tuple[str, ...] = (),
        company_name: str = "",
        password: str | None = None,
        recovery: dict | None = None,
    ) -> CustomerRecord:
        if language not in LANGUAGES:
            raise ProCableRejectedError(_("Unknown language."), reason="invalid_language")
        _check_type(customer_type, group_code)
        if not first_name.strip() or not last_name.strip():
            raise ProCableRejectedError(_("First and last names are required."), reason="name_required")
        address = Address.objects.using(DB).filter(pk=address_id).first()
        if address is None:
            raise ProCableNotFoundError(_("No address has this id."), address_id=address_id)
        phones = tuple(phone for phone in phones if phone)
        with transaction.atomic(using=DB):
            number = next_number("customer", start=FIRST_CUSTOMER_NUMBER, current_max=_max_customer_number())
            customer = Customer.objects.using(DB).create(
                number=str(number),
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                last_name_key=search_key(last_name),
                company_name=company_name,
                email=email,
                phone_home=phones[0] if phones else "",
                phone_mobile=phones[1] if len(phones) > 1 else "",
                language=language,
                customer_type=customer_type,
                group_code=group_code,
                address=address,
                postal_code=address.postal_code,
                street_id=address.street_id,
            )
            password_plain = password or "".join(secrets.choice(_PASSWORD_ALPHABET) for _i in range(10))
            hooks.on_customer_created(
                customer.number,
                password_plain,
                recovery
                if recovery is not None
                else {
                    "first_name": customer.first_name,
                    "last_name": customer.last_name,
                    "email": email,
                    "phones": list(phones),
                },
            )
        return customer_record(customer)

    def customer_get(self, customer_number: str) -> CustomerRecord:
        return customer_record(customer_row(customer_number))

    def customers_get(self, customer_numbers: list[str]) -> dict[str, CustomerRecord]:
        found: dict[str, CustomerRecord] = {}
        for start in range(0, len(customer_numbers), BULK_READ_SIZE):
            chunk = customer_numbers[start : start + BULK_READ_SIZE]
            for row in Customer.objects.using(DB).filter(number__in=chunk):
                found[row.number] = customer_record(row)
        return found

    def customer_search(
        self,
        *,
        number: str = "",
        last_name: str = "",
        postal_code: str = "",
        street: str = "",
        city_code: str = "",
        page: int = 1,
        page_size: int = 50,
    ) -> CustomerPage:
        page = max(page, 1)
        page_size = min(max(page_size, 1), MAX_PAGE_SIZE)
        queryset = Customer.objects.using(DB).select_related("address__street__city")
        if number:
            queryset = queryset.filter(number=number.strip())
        if last_name:
            queryset = queryset.filter(last_name_key__startswith=search_key(last_name))
        if postal_code:
            compact = postal_code.replace(" ", "").upper()
            spaced = f"{compact[:3]} {compact[3:]}" if len(compact) == 6 else compact
            queryset = queryset.filter(postal_code=spaced)
        if street:
            prefix = street_key(street)
            if len(prefix) < MIN_STREET_PREFIX and not city_code:
                message = _("Type at least %(count)d letters of the street, or choose a city.") % {
                    "count": MIN_STREET_PREFIX
                }
                raise ProCableRejectedError(
                    message, reason="street_prefix_too_short", errors={"street": [message]}
                )
            streets = Street.objects.using(DB).filter(name_key__startswith=prefix)
            if city_code:
                streets = streets.filter(city__code=city_code)
            street_ids = list(streets.order_by("id").values_list("id", flat=True)[:MAX_MATCHING_STREETS])
            queryset = queryset.filter(street_id__in=street_ids)
        if not (number or last_name or postal_code or street):
            raise ProCableRejectedError(
                _("Give a number, a last name, a postal code or a street."), reason="criteria_required"
            )
        offset = (page - 1) * page_size
        if street:
            # The page's numbers first, from the index (street, number) alone; then those rows. Walking
            # the customers in number order and probing each one's street costs thousands of rows.
            numbers = queryset.order_by("number").values("number")[offset : offset + page_size + 1]
            queryset = Customer.objects.using(DB).select_related("address__street__city")
            queryset = queryset.filter(number__in=numbers)
            offset = 0
        rows = list(queryset.order_by("number")[offset : offset + page_size + 1])
        results = tuple(
            CustomerSummaryRecord(
                number=row.number,
                first_name=row.first_name,
                last_name=row.last_name,
                company_name=row.company_name,
                customer_type=row.customer_type,  # type: ignore[arg-type]
                status=row.status,  # type: ignore[arg-type]
                postal_code=row.postal_code,
                address_id=row.address_id,
                address_label=address_label(row.address) if row.address else "",
            )
            for row in rows[:page_size]
        )
        return CustomerPage(results=results, page=page, page_size=page_size, has_next=len(rows) > page_size)

    def _customer_change(self, customer_number: str, **changes: object) -> CustomerRecord:
        with transaction.atomic(using=DB):
            customer = customer_row(customer_number, for_update=True)
            ensure_unlocked(customer)
            for name, value in changes.items():
                setattr(customer, name, value)
            customer.updated_at = timezone.now()
            customer.save(using=DB, update_fields=[*changes, "updated_at"])
        return customer_record(customer)

    def customer_update_contact(
        self,
        customer_number: str,
        *,
        email: str | None = None,
        phones: tuple[str, ...] | None = None,
        language: str | None = None,
    ) -> CustomerRecord:
        changes: dict[str, object] = {}
        if email is not None:
            changes["email"] = email
        if phones is not None:
            kept = [phone for phone in phones if phone]
            changes["phone_home"] = kept[0] if kept else ""
            changes["phone_mobile"] = kept[1] if len(kept) > 1 else ""
        if language is not None:
            if language not in LANGUAGES:
                raise ProCableRejectedError(_("Unknown language."), reason="invalid_language")
            changes["language"] = language
        return self._customer_change(customer_number, **changes)

    def customer_update_admin(
        self,
        customer_number: str,
        *,
        first_name: str | None = None,
        last_name: str | None = None,
        company_name: str | None = None,
        customer_type: CustomerType | None = None,
        group_code: str | None = None,
    ) -> CustomerRecord:
        current = customer_row(customer_number)
        _check_type(customer_type or current.customer_type, group_code or current.group_code)
        changes: dict[str, object] = {}
        if first_name is not None:
            changes["first_name"] = first_name.strip()
        if last_name is not None:
            changes["last_name"] = last_name.strip()
            changes["last_name_key"] = search_key(last_name)
        if company_name is not None:
            changes["company_name"] = company_name
        if customer_type is not None:
            changes["customer_type"] = customer_type
        if group_code is not None:
            changes["group_code"] = group_code
        return self._customer_change(customer_number, **changes)

    def customer_move(self, customer_number: str, *, address_id: int) -> CustomerRecord:
        address = Address.objects.using(DB).filter(pk=address_id).first()
        if address is None:
            raise ProCableNotFoundError(_("No address has this id."), address_id=address_id)
        return self._customer_change(
            customer_number,
            address_id=address.pk,
            postal_code=address.postal_code,
            street_id=address.street_id,
        )

    def service_combinations(self) -> list[ServiceCombinationRecord]:
        counts: dict[tuple[str, tuple[str, ...]], int] = {}
        rows = (
            CustomerService.objects.using(DB)
            .filter(ended_on__isnull=True, service__kind="basic")
            .order_by("customer_id")
            .values_list("customer_id", "customer__group_code", "service_id")
            .iterator(chunk_size=COMBINATION_CHUNK)
        )
        current, group, codes = None, "", set()
        for customer_pk, group_code, code in rows:
            if customer_pk != current:
                if current is not None:
                    key = (group, tuple(sorted(codes)))
                    counts[key] = counts.get(key, 0) + 1
                current, group, codes = customer_pk, group_code or "RG", set()
            codes.add(code)
        if current is not None:
            key = (group, tuple(sorted(codes)))
            counts[key] = counts.get(key, 0) + 1
        return [
            ServiceCombinationRecord(group_code=group, service_codes=codes, customers=count)
            for (group, codes), count in sorted(counts.items())
        ]

    def customer_numbers_for_combination(
        self, *, group_code: str, service_codes: tuple[str, ...], limit: int = 20
    ) -> list[str]:
        wanted = sorted(set(service_codes))
        if not wanted or limit < 1:
            return []
        active_basic = Q(services__ended_on__isnull=True, services__service__kind="basic")
        numbers = (
            Customer.objects.using(DB)
            .filter(group_code=group_code)
            .filter(
                Exists(
                    CustomerService.objects.using(DB).filter(
                        customer_id=OuterRef("pk"), service_id=wanted[0], ended_on__isnull=True
                    )
                )
            )
            .annotate(
                basic=Count("services__service_id", filter=active_basic, distinct=True),
                matching=Count(
                    "services__service_id",
                    filter=active_basic & Q(services__service_id__in=wanted),
                    distinct=True,
                ),
            )
            .filter(basic=len(wanted), matching=len(wanted))
            .order_by("number")
            .values_list("number", flat=True)[:limit]
        )
        return list(numbers)

    def customer_update_billing(
        self, customer_number: str, *, billing_address_id: int | None
    ) -> CustomerRecord:
        if (
            billing_address_id is not None
            and not Address.objects.using(DB).filter(pk=billing_address_id).exists()
        ):
            raise ProCableNotFoundError(_("No address has this id."), address_id=billing_address_id)
        return self._customer_change(customer_number, billing_address_id=billing_address_id)

    def customer_set_status(self, customer_number: str, *, status: str, reason: str = "") -> CustomerRecord:
        if status not in demo_codes.CUSTOMER_STATUSES:
            raise ProCableRejectedError(_("Unknown customer status."), reason="invalid_status")
        current = customer_row(customer_number)
        if current.status == Customer.Status.CANCELLED and status != Customer.Status.CANCELLED:
            raise ProCableRejectedError(
                _("A cancelled customer file cannot be reopened."), reason="cancelled_is_final"
            )
        return self._customer_change(customer_number, status=status)

    def customer_lock(self, customer_number: str, *, reason: str, locked_by: str) -> LockRecord:
        with transaction.atomic(using=DB):
            customer = customer_row(customer_number, for_update=True)
            if customer.is_locked and customer.locked_by != locked_by:
                raise ProCableConflictError(
                    _("This customer file is already locked by someone else."), locked_by=customer.locked_by
                )
            customer.is_locked = True
            customer.lock_reason = reason
            customer.locked_by = locked_by
            customer.locked_at = timezone.now()
            customer.save(using=DB, update_fields=["is_locked", "lock_reason", "locked_by", "locked_at"])
        return _lock_record(customer)

    def customer_unlock(self, customer_number: str) -> LockRecord:
        with transaction.atomic(using=DB):
            customer = customer_row(customer_number, for_update=True)
            customer.is_locked = False
            customer.lock_reason = ""
            customer.locked_by = ""
            customer.locked_at = None
            customer.save(using=DB, update_fields=["is_locked", "lock_reason", "locked_by", "locked_at"])
        return _lock_record(customer)

    def customer_lock_get(self, customer_number: str) -> LockRecord:
        return _lock_record(customer_row(customer_number))


def _lock_record(customer: Customer) -> LockRecord:
    return LockRecord(
        customer_number=customer.number,
        is_locked=customer.is_locked,
        reason=customer.lock_reason,
        locked_by=customer.locked_by,
        locked_at=customer.locked_at,
    )
