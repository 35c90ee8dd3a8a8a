"""Subscriptions: services and prices, a customer's services, equipment, commitments, phones, mobile."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from back.procable.errors import ProCableConflictError, ProCableNotFoundError, ProCableRejectedError
from back.procable.models import (
    Address,
    Commitment,
    CustomerService,
    Equipment,
    MobileLine,
    MobileTransaction,
    PhoneNumber,
    Service,
    ServicePrice,
)
from back.procable.port import (
    CommitmentRecord,
    EquipmentRecord,
    MobileLineRecord,
    MobileTransactionRecord,
    Ownership,
    PhoneNumberRecord,
    ServiceRecord,
    SubscribedServiceRecord,
)

from .base import DB, customer_id, customer_row, ensure_unlocked, money, split_codes

MAX_LIST = 500


def _current_prices(on: date) -> dict[str, ServicePrice]:
    prices = (
        ServicePrice.objects.using(DB)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=on), valid_from__lte=on)
        .order_by("service_id", "valid_from")
    )
    return {price.service_id: price for price in prices}  # the latest start wins


def _equipment_record(item: Equipment, customer_number: str = "") -> EquipmentRecord:
    return EquipmentRecord(
        serial_number=item.serial_number,
        service_code=item.service_id,
        status=item.status,
        ownership=item.ownership or None,  # type: ignore[arg-type]
        customer_number=customer_number,
        assigned_on=item.assigned_on,
        returned_on=item.returned_on,
    )


def _subscribed_record(row: CustomerService) -> SubscribedServiceRecord:
    return SubscribedServiceRecord(
        id=row.id,
        service_code=row.service_id,
        domain=row.service.domain,
        kind=row.service.kind,
        quantity=row.quantity,
        started_on=row.started_on,
        monthly_price=money(row.monthly_price),
    )


def _phone_record(phone: PhoneNumber) -> PhoneNumberRecord:
    return PhoneNumberRecord(
        number=phone.number,
        options=tuple(sorted(split_codes(phone.options))),
        is_ported=phone.is_ported,
        ported_from=phone.ported_from,
        portability_status=phone.portability_status,
        directory_listed=phone.directory_listed,
        directory_name=phone.directory_name,
    )


class SubscriptionsMixin:
    def services_list(self) -> list[ServiceRecord]:
        prices = _current_prices(timezone.localdate())
        records = []
        for service in Service.objects.using(DB).order_by("code"):
            price = prices.get(service.code)
            if price is None:
                continue  # not sold today
            records.append(
                ServiceRecord(
                    code=service.code,
                    domain=service.domain,
                    kind=service.kind,
                    label_en=service.label_en,
                    label_fr=service.label_fr,
                    monthly_price=money(price.monthly_price),
                    one_time_price=money(price.one_time_price),
                    buy_price=money(service.buy_price) if service.buy_price is not None else None,
                    valid_from=price.valid_from,
                )
            )
        return records

    def customer_services(self, customer_number: str) -> list[SubscribedServiceRecord]:
        rows = (
            CustomerService.objects.using(DB)
            .filter(customer_id=customer_id(customer_number), ended_on__isnull=True)
            .select_related("service")
            .order_by("service__domain", "service_id", "id")[:MAX_LIST]
        )
        return [_subscribed_record(row) for row in rows]

    def service_add(
        self, customer_number: str, *, service_code: str, quantity: int = 1, started_on: date | None = None
    ) -> SubscribedServiceRecord:
        if quantity < 1:
            raise ProCableRejectedError(_("The quantity must be at least 1."), reason="invalid_quantity")
        service = Service.objects.using(DB).filter(code=service_code).first()
        if service is None:
            raise ProCableNotFoundError(_("No service has this code."), service_code=service_code)
        price = _current_prices(timezone.localdate()).get(service_code)
        if price is None:
            raise ProCableRejectedError(
                _("This service is not sold any more."), reason="service_not_available"
            )
        with transaction.atomic(using=DB):
            customer = customer_row(customer_number, for_update=True)
            ensure_unlocked(customer)
            if service.kind in ("basic", "option") and customer.address_id:
                domains = (
                    Address.objects.using(DB).filter(pk=customer.address_id).values_list("domains", flat=True)
                )
                if service.domain not in split_codes(domains.first() or ""):
                    raise ProCableRejectedError(
                        _("This service is not available at the customer's address."),
                        reason="service_not_available",
                    )
            row = CustomerService.objects.using(DB).create(
                customer=customer,
                service=service,
                quantity=quantity,
                started_on=started_on or timezone.localdate(),
                monthly_price=price.monthly_price,
            )
        row.service = service
        return _subscribed_record(row)

    def service_remove(
        self, customer_number: str, *, service_code: str, ended_on: date | None = None
    ) -> None:
        with transaction.atomic(using=DB):
            customer = customer_row(customer_number, for_update=True)
            ensure_unlocked(customer)
            row = (
                CustomerService.objects.using(DB)
                .filter(customer=customer, service_id=service_code, ended_on__isnull=True)
                .order_by("id")
                .first()
            )
            if row is None:
                raise ProCableNotFoundError(
                    _("The customer does not have this service."), service_code=service_code
                )
            row.ended_on = ended_on or timezone.localdate()
            row.save(using=DB, update_fields=["ended_on"])

    def equipment_list(self, customer_number: str) -> list[EquipmentRecord]:
        rows = Equipment.objects.using(DB).filter(customer_id=customer_id(customer_number))
        return [
            _equipment_record(item, customer_number)
            for item in rows.order_by("-assigned_on", "serial_number")[:MAX_LIST]
        ]

    def equipment_get(self, serial_number: str) -> EquipmentRecord:
        item = (
            Equipment.objects.using(DB).select_related("customer").filter(serial_number=serial_number).first()
        )
        if item is None:
            raise ProCableNotFoundError(
                _("No equipment has this serial number."), serial_number=serial_number
            )
        return _equipment_record(item, item.customer.number if item.customer else "")

    def equipment_assign(
        self, customer_number: str, *, serial_number: str, ownership: Ownership
    ) -> EquipmentRecord:
        if ownership not in ("rent", "buy"):
            raise ProCableRejectedError(_("Equipment is rented or bought."), reason="invalid_ownership")
        with transaction.atomic(using=DB):
            customer = customer_row(customer_number, for_update=True)
            ensure_unlocked(customer)
            item = Equipment.objects.using(DB).select_for_update().filter(serial_number=serial_number).first()
            if item is None:
                raise ProCableNotFoundError(
                    _("No equipment has this serial number."), serial_number=serial_number
                )
            if item.status != "stock":
                raise ProCableConflictError(_("This equipment is not in stock."), serial_number=serial_number)
            item.status, item.ownership, item.customer = "assigned", ownership, customer
            item.assigned_on, item.returned_on = timezone.localdate(), None
            item.save(using=DB)
        return _equipment_record(item, customer_number)

    def equipment_return(self, serial_number: str) -> EquipmentRecord:
        with transaction.atomic(using=DB):
            item = Equipment.objects.using(DB).select_for_update().filter(serial_number=serial_number).first()
            if item is None:
                raise ProCableNotFoundError(
                    _("No equipment has this serial number."), serial_number=serial_number
                )
            if item.status != "assigned":
                raise ProCableConflictError(_("This equipment is not assigned."), serial_number=serial_number)
            if item.ownership == "buy":
                raise ProCableConflictError(
                    _("Bought equipment belongs to the customer."), serial_number=serial_number
                )
            item.status, item.customer, item.ownership = "stock", None, ""
            item.returned_on = timezone.localdate()
            item.save(using=DB)
        return _equipment_record(item)

    def commitment_list(self, customer_number: str) -> list[CommitmentRecord]:
        rows = Commitment.objects.using(DB).filter(customer_id=customer_id(customer_number))
        return [
            CommitmentRecord(
                id=row.id,
                service_code=row.service_id,
                started_on=row.started_on,
                ends_on=row.ends_on,
                early_termination_fee=money(row.early_termination_fee),
            )
            for row in rows.order_by("ends_on", "id")[:MAX_LIST]
        ]

    def phone_number_list(self, customer_number: str) -> list[PhoneNumberRecord]:
        rows = (
            PhoneNumber.objects.using(DB).filter(customer_id=customer_id(customer_number)).order_by("number")
        )
        return [_phone_record(phone) for phone in rows[:MAX_LIST]]

    def phone_number_update(
        self,
        customer_number: str,
        number: str,
        *,
        options: tuple[str, ...] | None = None,
        directory_listed: bool | None = None,
        directory_name: str | None = None,
    ) -> PhoneNumberRecord:
        with transaction.atomic(using=DB):
            customer = customer_row(customer_number, for_update=True)
            ensure_unlocked(customer)
            phone = PhoneNumber.objects.using(DB).filter(customer=customer, number=number).first()
            if phone is None:
                raise ProCableNotFoundError(_("The customer has no such phone number."), number=number)
            if options is not None:
                known = set(
                    Service.objects.using(DB)
                    .filter(code__in=options, domain="TEL", kind="option")
                    .values_list("code", flat=True)
                )
                if known != set(options):
                    raise ProCableRejectedError(_("Unknown phone option."), reason="unknown_option")
                phone.options = ",".join(sorted(options))
            if directory_listed is not None:
                phone.directory_listed = directory_listed
            if directory_name is not None:
                phone.directory_name = directory_name
            phone.save(using=DB)
        return _phone_record(phone)

    def mobile_line_list(self, customer_number: str) -> list[MobileLineRecord]:
        rows = (
            MobileLine.objects.using(DB).filter(customer_id=customer_id(customer_number)).order_by("msisdn")
        )
        return [
            MobileLineRecord(
                msisdn=line.msisdn,
                plan_code=line.plan_code,
                sim_serial=line.sim_serial,
                status=line.status,
                activated_on=line.activated_on,
            )
            for line in rows[:MAX_LIST]
        ]

    def mobile_transaction_list(
        self, customer_number: str, msisdn: str, *, limit: int = 100
    ) -> list[MobileTransactionRecord]:
        line = (
            MobileLine.objects.using(DB)
            .filter(customer_id=customer_id(customer_number), msisdn=msisdn)
            .first()
        )
        if line is None:
            raise ProCableNotFoundError(_("The customer has no such mobile line."), msisdn=msisdn)
        rows = MobileTransaction.objects.using(DB).filter(line=line).order_by("-occurred_at", "-id")
        return [
            MobileTransactionRecord(
                id=row.id,
                msisdn=msisdn,
                kind=row.kind,
                occurred_at=row.occurred_at,
                amount=money(row.amount),
                description=row.description,
            )
            for row in rows[: min(max(limit, 1), MAX_LIST)]
        ]
