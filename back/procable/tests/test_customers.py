from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import override_settings

from back.procable.errors import ProCableConflictError, ProCableNotFoundError, ProCableRejectedError
from back.procable.models import Customer

pytestmark = pytest.mark.django_db(databases="__all__")

CREATED: list[tuple[str, str, dict]] = []


def record_credentials(customer_number: str, password_plain: str, recovery: dict) -> None:
    CREATED.append((customer_number, password_plain, recovery))


def test_the_fixed_demo_customer_file_reads_back(operator):
    customer = operator.customer_get("100001")

    assert (customer.number, customer.first_name, customer.last_name) == ("100001", "Julie", "Tremblay")
    assert (customer.language, customer.customer_type, customer.group_code, customer.status) == (
        "fr",
        "RES",
        "RG",
        "active",
    )
    assert customer.is_locked is False
    assert isinstance(customer.balance, Decimal)


def test_many_customer_files_read_at_once_match_the_single_reads_and_skip_unknown_numbers(
    operator, django_assert_num_queries
):
    numbers = ["100001", "100002", "100003", "999999"]

    from django.db import connections

    with django_assert_num_queries(1, connection=connections["procable"]):
        files = operator.customers_get(numbers)

    assert sorted(files) == ["100001", "100002", "100003"]
    assert all(files[number] == operator.customer_get(number) for number in files)


@override_settings(PROCABLE_ON_CUSTOMER_CREATED="back.procable.tests.test_customers.record_credentials")
def test_creating_a_customer_takes_the_next_number_and_hands_credentials_to_custom_login(operator):
    CREATED.clear()

    customer = operator.customer_create(
        first_name="Émile",
        last_name="Bérubé",
        email="emile@example.com",
        language="fr",
        address_id=1,
        phones=("5145550000",),
        password="S3cret-pass",
    )

    assert customer.number == "100013"
    assert customer.postal_code == operator.address_get(1).postal_code
    assert CREATED == [
        (
            "100013",
            "S3cret-pass",
            {
                "first_name": "Émile",
                "last_name": "Bérubé",
                "email": "emile@example.com",
                "phones": ["5145550000"],
            },
        )
    ]
    assert Customer.objects.using("procable").get(number="100013").last_name_key == "berube"


def test_a_failing_credentials_hook_creates_no_customer(operator, settings):
    settings.PROCABLE_ON_CUSTOMER_CREATED = "back.procable.tests.test_customers.no_such_callable"
    before = Customer.objects.using("procable").count()

    with pytest.raises(ImportError):
        operator.customer_create(first_name="A", last_name="B", email="", language="en", address_id=1)

    assert Customer.objects.using("procable").count() == before


def test_creating_a_customer_with_an_unknown_type_is_rejected(operator):
    before = Customer.objects.using("procable").count()

    with pytest.raises(ProCableRejectedError) as refusal:
        operator.customer_create(
            first_name="A", last_name="B", email="", language="fr", address_id=1, customer_type="XXX"
        )

    assert refusal.value.reason == "invalid_customer_type"
    assert Customer.objects.using("procable").count() == before


def test_search_by_last_name_prefix_ignores_accents_and_case(operator):
    page = operator.customer_search(last_name="TREMB")

    assert [row.number for row in page.results][:1] == ["100001"]
    assert all(row.last_name.lower().startswith("tremb") for row in page.results)


def test_search_by_last_name_and_postal_code_narrows_to_that_postal_code(operator):
    julie = operator.customer_get("100001")

    page = operator.customer_search(
        last_name="Tremblay", postal_code=julie.postal_code.replace(" ", "").lower()
    )

    assert [row.number for row in page.results] == ["100001"]


def test_search_by_street_finds_customers_living_there(operator):
    julie = operator.customer_get("100001")
    street = operator.address_get(julie.address_id).street_name

    page = operator.customer_search(street=street)

    assert "100001" in [row.number for row in page.results]


def test_search_pages_are_bounded_with_has_next(operator):
    first = operator.customer_search(number="", last_name="", postal_code="", street="rue", page_size=1)

    assert len(first.results) <= 1


def test_contact_update_changes_email_phones_and_language(operator):
    customer = operator.customer_update_contact(
        "100002", email="new@example.com", phones=("4385550101",), language="fr"
    )

    assert (customer.email, customer.phones, customer.language) == ("new@example.com", ("4385550101",), "fr")


def test_admin_update_changes_type_and_group(operator):
    customer = operator.customer_update_admin(
        "100002", customer_type="BUS", group_code="BUS", company_name="Smith inc."
    )

    assert (customer.customer_type, customer.group_code, customer.company_name) == (
        "BUS",
        "BUS",
        "Smith inc.",
    )


def test_billing_update_sets_a_billing_address(operator):
    customer = operator.customer_update_billing("100002", billing_address_id=2)

    assert customer.billing_address_id == 2


def test_status_suspend_then_reactivate(operator):
    assert operator.customer_set_status("100002", status="suspended").status == "suspended"
    assert operator.customer_set_status("100002", status="active").status == "active"


def test_a_cancelled_customer_cannot_be_reactivated(operator):
    with pytest.raises(ProCableRejectedError) as refusal:
        operator.customer_set_status("100009", status="active")

    assert refusal.value.reason == "cancelled_is_final"
    assert operator.customer_get("100009").status == "cancelled"


def test_a_locked_file_refuses_changes_until_unlocked(operator):
    lock = operator.customer_lock("100002", reason="Move in progress", locked_by="care1")

    with pytest.raises(ProCableConflictError):
        operator.customer_update_contact("100002", email="x@example.com")
    with pytest.raises(ProCableConflictError):
        operator.customer_lock("100002", reason="Other", locked_by="store1")
    assert (lock.is_locked, lock.locked_by) == (True, "care1")
    assert operator.customer_get("100002").email != "x@example.com"

    unlocked = operator.customer_unlock("100002")

    assert unlocked.is_locked is False
    assert operator.customer_lock_get("100002").is_locked is False
    assert operator.customer_update_contact("100002", email="x@example.com").email == "x@example.com"


def test_an_unknown_customer_is_not_found(operator):
    with pytest.raises(ProCableNotFoundError):
        operator.customer_get("999999")
