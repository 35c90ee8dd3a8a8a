from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from back import demo_codes
from back.procable.errors import ProCableConflictError, ProCableNotFoundError, ProCableRejectedError
from back.procable.models import CustomerService, Equipment

pytestmark = pytest.mark.django_db(databases="__all__")


def test_services_list_gives_todays_price_of_every_demo_service(operator):
    services = {service.code: service for service in operator.services_list()}

    assert set(services) == set(demo_codes.SERVICE_CODES)
    assert services["INT100"].monthly_price == Decimal("55.00")
    assert services["INT100"].valid_from == date(2026, 1, 1)
    assert services["MODEM"].buy_price == Decimal("199.00")
    assert services["FEEINST"].one_time_price == Decimal("49.00")


def test_customer_services_hold_the_basic_services_of_the_fixed_customer(operator):
    services = operator.customer_services("100001")

    basics = sorted(s.service_code for s in services if s.kind == "basic")
    assert basics == ["INT100", "TVBAS"]
    assert all(s.quantity >= 1 and s.started_on <= date.today() for s in services)


def test_adding_and_removing_a_service(operator):
    added = operator.service_add("100001", service_code="TVSPORT")

    assert (added.service_code, added.monthly_price, added.domain) == ("TVSPORT", Decimal("12.00"), "TV")
    operator.service_remove("100001", service_code="TVSPORT")
    assert "TVSPORT" not in [s.service_code for s in operator.customer_services("100001")]


def test_a_service_not_available_at_the_address_is_rejected(operator):
    customer = operator.customer_create(
        first_name="Mo", last_name="Bile", email="", language="en", address_id=5
    )
    before = CustomerService.objects.using("procable").count()

    with pytest.raises(ProCableRejectedError) as refusal:
        operator.service_add(customer.number, service_code="INT100")

    assert refusal.value.reason == "service_not_available"
    assert CustomerService.objects.using("procable").count() == before


def test_equipment_is_assigned_from_stock_and_returned(operator):
    serial = Equipment.objects.using("procable").filter(status="stock", service_id="MODEM").order_by("id")[0]

    assigned = operator.equipment_assign("100002", serial_number=serial.serial_number, ownership="rent")
    stock = operator.equipment_get(serial.serial_number)

    assert (assigned.status, assigned.ownership, stock.customer_number) == ("assigned", "rent", "100002")
    assert serial.serial_number in [item.serial_number for item in operator.equipment_list("100002")]
    with pytest.raises(ProCableConflictError):
        operator.equipment_assign("100001", serial_number=serial.serial_number, ownership="rent")

    returned = operator.equipment_return(serial.serial_number)

    assert (returned.status, returned.customer_number) == ("stock", "")


def test_an_unknown_serial_number_is_not_found(operator):
    with pytest.raises(ProCableNotFoundError):
        operator.equipment_get("NOPE-0000")


def test_phone_numbers_carry_options_and_directory_listing(operator):
    phone = operator.phone_number_list("100003")[0]

    updated = operator.phone_number_update(
        "100003", phone.number, options=("TELVM", "TELINTL"), directory_listed=False
    )

    assert updated.options == ("TELINTL", "TELVM")
    assert updated.directory_listed is False
    with pytest.raises(ProCableRejectedError):
        operator.phone_number_update("100003", phone.number, options=("TVSPORT",))


def test_mobile_lines_have_transactions_newest_first(operator):
    line = operator.mobile_line_list("100002")[0]

    transactions = operator.mobile_transaction_list("100002", line.msisdn)

    assert line.plan_code == "MOB10"
    assert transactions[-1].kind == "activation"
    assert [t.occurred_at for t in transactions] == sorted(
        (t.occurred_at for t in transactions), reverse=True
    )
    with pytest.raises(ProCableNotFoundError):
        operator.mobile_transaction_list("100001", line.msisdn)


def test_commitments_are_listed_with_end_dates(operator):
    for number in (f"1000{n:02d}" for n in range(1, 13)):
        for commitment in operator.commitment_list(number):
            assert commitment.ends_on > commitment.started_on
