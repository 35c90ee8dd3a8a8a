from __future__ import annotations

import io

import pytest

from back.procable import demo
from back.procable.models import Address, Customer, Invoice

pytestmark = pytest.mark.django_db(databases="__all__")


def _first_customers():
    return list(
        Customer.objects.using("procable")
        .order_by("number")
        .values_list("number", "first_name", "last_name", "customer_type", "status", "address_id")[:12]
    )


def test_the_same_seed_gives_the_same_customers():
    demo.seed(seed=11, customers=12, addresses=60, stdout=io.StringIO())
    first = _first_customers()
    demo._wipe(io.StringIO())

    demo.seed(seed=11, customers=12, addresses=60, stdout=io.StringIO())

    assert _first_customers() == first


def test_a_second_run_with_the_same_seed_is_skipped_and_changes_nothing():
    demo.seed(seed=11, customers=12, addresses=60, stdout=io.StringIO())
    counts = (Customer.objects.using("procable").count(), Invoice.objects.using("procable").count())
    out = io.StringIO()

    demo.seed(seed=11, customers=12, addresses=60, stdout=out)

    assert "skipped" in out.getvalue()
    assert (Customer.objects.using("procable").count(), Invoice.objects.using("procable").count()) == counts


def test_another_scale_replaces_the_operator():
    demo.seed(seed=11, customers=12, addresses=60, stdout=io.StringIO())

    demo.seed(seed=11, customers=20, addresses=80, stdout=io.StringIO())

    assert Customer.objects.using("procable").count() == 20
    assert Address.objects.using("procable").count() == 80


def test_the_demo_has_every_type_status_and_an_odd_combination():
    demo.seed(seed=2026, customers=200, addresses=400, stdout=io.StringIO())
    customers = Customer.objects.using("procable")

    assert set(customers.values_list("customer_type", flat=True)) == {"RES", "BUS", "EMP", "VIP"}
    assert set(customers.values_list("status", flat=True)) == {"active", "suspended", "cancelled"}
    assert set(customers.values_list("language", flat=True)) == {"fr", "en"}
    odd = sorted(
        customers.get(number="100005")
        .services.values_list("service_id", flat=True)
        .filter(service__kind="basic")
    )
    assert odd == ["MOBUNL", "TELRES", "TVBAS"]
    assert Address.objects.using("procable").filter(serviceable=False).count() >= 2
