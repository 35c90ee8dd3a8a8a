from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db(databases="__all__")


def test_staff_search_by_last_name_is_paginated_in_bounded_queries(
    operator, staff_api, django_assert_max_num_queries
):
    client = staff_api(rights=["wecare.customers"], code="care")
    client.get("/api/v1/procable/customers/", {"number": "100001"})  # warm the token cache

    with django_assert_max_num_queries(4):
        response = client.get("/api/v1/procable/customers/", {"street": "rue", "page_size": 5})

    assert response.status_code == 200
    body = response.json()
    assert len(body["results"]) <= 5
    assert set(body) == {"results", "page", "page_size", "has_next"}


def test_staff_search_by_number_returns_that_customer(operator, staff_api):
    client = staff_api(rights=["weshop.sell"], code="seller")

    response = client.get("/api/v1/procable/customers/", {"number": "100002"})

    assert response.status_code == 200
    assert [(row["number"], row["last_name"]) for row in response.json()["results"]] == [("100002", "Smith")]
    assert response.json()["has_next"] is False


def test_a_search_without_criteria_is_refused(operator, staff_api):
    response = staff_api(rights=["wecare.customers"], code="care").get("/api/v1/procable/customers/")

    assert response.status_code == 400


def test_search_needs_a_customer_right(operator, staff_api):
    response = staff_api(rights=["wediag.use"], code="diag").get(
        "/api/v1/procable/customers/", {"number": "100001"}
    )

    assert response.status_code == 403
