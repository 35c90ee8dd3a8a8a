"""THE isolation test: a customer reaches only their own file, whatever URL the front builds."""

from __future__ import annotations

import pytest

from back.procable.models import Invoice

pytestmark = pytest.mark.django_db(databases="__all__")

A, B = "100001", "100002"


def _own_invoice_id(number: str) -> int:
    return (
        Invoice.objects.using("procable")
        .filter(customer__number=number)
        .order_by("id")
        .values_list("id", flat=True)[0]
    )


@pytest.mark.parametrize(
    "suffix",
    ["", "services/", "invoices/", "payments/", "equipment/", "usage/", "work-orders/", "appointments/"],
)
def test_a_customer_is_refused_another_customers_file(operator, customer_api, suffix):
    client = customer_api(A)

    response = client.get(f"/api/v1/procable/customers/{B}/{suffix}")

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_a_customer_is_refused_another_customers_invoice_by_its_id(operator, customer_api):
    b_invoice = _own_invoice_id(B)
    client = customer_api(A)

    through_b = client.get(f"/api/v1/procable/customers/{B}/invoices/{b_invoice}/")
    through_a = client.get(f"/api/v1/procable/customers/{A}/invoices/{b_invoice}/")

    assert through_b.status_code == 403
    assert through_a.status_code == 404
    assert through_a.json()["code"] == "procable_not_found"


@pytest.mark.parametrize(
    "suffix",
    ["", "services/", "invoices/", "payments/", "equipment/", "usage/", "work-orders/", "appointments/"],
)
def test_a_customer_reads_their_own_file(operator, customer_api, suffix):
    response = customer_api(A).get(f"/api/v1/procable/customers/{A}/{suffix}")

    assert response.status_code == 200


def test_a_customer_reads_their_own_invoice_with_lines(operator, customer_api):
    invoice_id = _own_invoice_id(A)

    response = customer_api(A).get(f"/api/v1/procable/customers/{A}/invoices/{invoice_id}/")

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == invoice_id
    assert body["customer_number"] == A
    assert [line["service_code"] for line in body["lines"]][:2] == ["TVBAS", "INT100"]


@pytest.mark.parametrize("suffix", ["", "services/", "invoices/", "payments/"])
def test_a_staff_user_without_a_customer_right_is_refused(operator, staff_api, suffix):
    client = staff_api(rights=["wediag.use"], code="diag")

    response = client.get(f"/api/v1/procable/customers/{A}/{suffix}")

    assert response.status_code == 403


def test_a_staff_user_with_the_care_right_reads_any_file(operator, staff_api):
    client = staff_api(rights=["wecare.customers"], code="care")

    response = client.get(f"/api/v1/procable/customers/{B}/")

    assert response.status_code == 200
    assert response.json()["number"] == B


@pytest.mark.parametrize("suffix", ["", "services/", "invoices/", "payments/"])
def test_the_default_web_user_is_refused_every_customer_file(operator, api, suffix):
    response = api.get(f"/api/v1/procable/customers/{A}/{suffix}")

    assert response.status_code == 403


def test_the_default_web_user_is_refused_an_invoice_by_id(operator, api):
    response = api.get(f"/api/v1/procable/customers/{A}/invoices/{_own_invoice_id(A)}/")

    assert response.status_code == 403


def test_a_customer_cannot_search_customers(operator, customer_api):
    response = customer_api(A).get("/api/v1/procable/customers/", {"number": B})

    assert response.status_code == 403
