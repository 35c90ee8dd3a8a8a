from __future__ import annotations

import io

import pytest
from django.contrib.auth.hashers import is_password_usable

from back.customlogin import demo
from back.customlogin.models import Credential

pytestmark = pytest.mark.django_db(databases="__all__")

CUSTOMERS = 12


@pytest.fixture(scope="session")
def demo_procable(django_db_setup, django_db_blocker):
    from back.procable import demo as procable_demo

    with django_db_blocker.unblock():
        procable_demo.seed(seed=2026, customers=CUSTOMERS, addresses=40, stdout=io.StringIO())


def _seed() -> str:
    out = io.StringIO()
    demo.seed(seed=2026, customers=CUSTOMERS, addresses=40, stdout=out)
    return out.getvalue()


def test_the_fixed_demo_customers_log_in_with_the_documented_passwords(api, demo_procable):
    _seed()

    for number, password in demo.FIXED_PASSWORDS.items():
        response = api.post(
            "/api/v1/customlogin/sessions/", {"login_id": number, "password": password}, format="json"
        )
        assert (number, response.status_code) == (number, 201)
    personal = api.post(
        "/api/v1/customlogin/sessions/",
        {"login_id": "julie.tremblay", "password": demo.PERSONAL_PASSWORD},
        format="json",
    )
    assert personal.status_code == 201
    assert personal.json()["customer_number"] == "100001"


def test_other_demo_customers_have_recovery_data_but_no_usable_password(demo_procable):
    from back.procable.gateway import get_gateway

    _seed()

    credential = Credential.objects.get(customer_number="100012")
    customer = get_gateway().customer_get("100012")
    assert not is_password_usable(credential.password)
    assert (credential.last_name, credential.email) == (customer.last_name, customer.email)


def test_seeding_twice_leaves_the_same_credentials(demo_procable):
    first_output = _seed()
    first = list(
        Credential.objects.order_by("customer_number").values_list("customer_number", "personal_login_id")
    )

    second_output = _seed()

    assert Credential.objects.count() == CUSTOMERS
    assert (
        list(
            Credential.objects.order_by("customer_number").values_list("customer_number", "personal_login_id")
        )
        == first
    )
    assert (
        first_output
        == "customlogin: 9 fixed demo logins, 3 new credentials without a usable password, 0 updated"
    )
    assert (
        second_output
        == "customlogin: 9 fixed demo logins, 0 new credentials without a usable password, 0 updated"
    )


def test_reseeding_follows_recovery_data_that_changed_in_procable(demo_procable):
    _seed()
    Credential.objects.filter(customer_number="100012").update(email="stale@example.com", last_name="Stale")

    output = _seed()

    from back.procable.gateway import get_gateway

    customer = get_gateway().customer_get("100012")
    credential = Credential.objects.get(customer_number="100012")
    assert (credential.email, credential.last_name) == (customer.email, customer.last_name)
    assert output.endswith("0 new credentials without a usable password, 1 updated")


def test_a_customer_created_in_procable_can_log_in_with_the_password_procable_issued(
    api, demo_procable, settings
):
    from back.procable.gateway import get_gateway

    settings.PROCABLE_ON_CUSTOMER_CREATED = "back.customlogin.services.credentials_create_for_new_customer"

    customer = get_gateway().customer_create(
        first_name="Émile",
        last_name="Nadeau",
        email="emile@example.com",
        language="fr",
        address_id=3,
        phones=("4185550111",),
        password="Issued-by-PC-1",
    )

    credential = Credential.objects.get(customer_number=customer.number)
    assert (credential.first_name, credential.last_name, credential.email, credential.phones) == (
        "Émile",
        "Nadeau",
        "emile@example.com",
        ["4185550111"],
    )
    response = api.post(
        "/api/v1/customlogin/sessions/",
        {"login_id": customer.number, "password": "Issued-by-PC-1"},
        format="json",
    )
    assert response.status_code == 201
