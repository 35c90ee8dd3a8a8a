from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError

from back.procable import gateway
from back.procable.errors import ProCableNotFoundError, ProCableUnavailableError
from back.procable.models import Customer

pytestmark = pytest.mark.django_db(databases="__all__")


def test_pro_cable_down_then_up_with_the_switch(operator):
    with gateway.simulate_down(), pytest.raises(ProCableUnavailableError):
        operator.customer_get("100001")

    assert operator.customer_get("100001").number == "100001"


def test_pro_cable_down_through_settings(operator, settings):
    settings.PROCABLE_SIMULATE_DOWN = True

    with pytest.raises(ProCableUnavailableError):
        operator.services_list()


def test_a_database_failure_becomes_unavailable(operator):
    with (
        mock.patch.object(Customer.objects, "using", side_effect=OperationalError("connection lost")),
        pytest.raises(ProCableUnavailableError),
    ):
        operator.customer_get("100001")


def test_the_api_answers_503_when_pro_cable_is_down(operator, api):
    with gateway.simulate_down():
        response = api.get("/api/v1/procable/addresses/1/")

    assert response.status_code == 503
    assert response.json()["code"] == "procable_unavailable"


def test_the_api_answers_404_for_an_unknown_address(operator, api):
    response = api.get("/api/v1/procable/addresses/999999/")

    assert response.status_code == 404
    assert response.json()["code"] == "procable_not_found"


def test_not_found_is_a_pro_cable_error_with_its_code(operator):
    with pytest.raises(ProCableNotFoundError) as error:
        operator.customer_get("nope")

    assert (error.value.status, error.value.code) == (404, "procable_not_found")
