"""Concurrent confirms (PostgreSQL), abandoned carts, case-file event export, staff order list."""

from __future__ import annotations

import json
import os
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from back.orders import services
from back.orders.models import Cart, CaseFileEvent, Order

from .conftest import find_address
from .test_flow import CARD, Journey

requires_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql" and os.environ.get("WEBLYS_REQUIRE_POSTGRES") != "1",
    reason="concurrent confirms need PostgreSQL (row locks, real concurrency); set WEBLYS_DB_*_URL",
)


@requires_postgres
@pytest.mark.django_db(databases="__all__", transaction=True)
def test_concurrent_duplicate_confirms_write_exactly_one_order(api, operator):
    assert connection.vendor == "postgresql", "WEBLYS_REQUIRE_POSTGRES=1 needs the PostgreSQL URLs"
    journey = Journey(api)
    journey.to_payment(find_address(operator, domains={"TV", "INT"}).id)
    journey.put("payment", {"method": "card", "card": CARD})
    barrier = threading.Barrier(8)
    results: list[tuple[int, str]] = []

    def confirm(index: int) -> None:
        try:
            barrier.wait()
            response = journey.client.post(
                journey.url("confirm"),
                {},
                format="json",
                HTTP_X_CART_SECRET=journey.secret,
                HTTP_IDEMPOTENCY_KEY="same-key" if index % 2 else f"key-{index}",
            )
            results.append((response.status_code, response.json().get("id") or response.json().get("code")))
        finally:
            for alias in connections:
                connections[alias].close()

    threads = [threading.Thread(target=confirm, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Order.objects.count() == 1
    order_id = str(Order.objects.get().id)
    assert {ident for status, ident in results if status in (200, 201)} == {order_id}
    assert {status for status, _ident in results} <= {200, 201, 409}
    assert sum(1 for status, _ident in results if status == 201) >= 1
    customers = operator.customer_search(last_name="Zyxwv").results
    assert len(customers) == 1


@pytest.mark.django_db(databases="__all__")
def test_a_cart_left_longer_than_the_setting_is_abandoned_once_with_its_steps(api, operator, settings):
    settings.ABANDONED_CART_MINUTES = 30
    journey = Journey(api)
    journey.put("address", {"address_id": find_address(operator, domains={"TV", "INT"}).id})
    fresh = Journey(api)
    Cart.objects.filter(pk=journey.cart_id).update(updated_at=timezone.now() - timedelta(minutes=31))

    first = services.carts_abandon_stale()
    second = services.carts_abandon_stale()

    assert (first, second) == (1, 0)
    event = CaseFileEvent.objects.get()
    assert (event.kind, str(event.cart_id), event.channel, event.steps_reached) == (
        "abandoned",
        journey.cart_id,
        "selfshop",
        ["created", "address"],
    )
    assert fresh.cart().status == "open"
    assert journey.put("offer", {"offer_code": "X"}).json()["code"] == "cart_closed"


@pytest.mark.django_db(databases="__all__")
def test_events_export_as_csv_and_json_lines_for_staff_only(api, staff_api, operator, capsys):
    journey = Journey(api)
    Cart.objects.filter(pk=journey.cart_id).update(updated_at=timezone.now() - timedelta(days=1))
    services.carts_abandon_stale()
    staff = staff_api(rights=["wecare.customers"])

    as_jsonl = staff.get("/api/v1/orders/events/export/?as=jsonl")
    as_csv = staff.get("/api/v1/orders/events/export/?as=csv")
    refused = api.get("/api/v1/orders/events/export/?as=csv")
    call_command("orders_events_export", "--format", "jsonl")

    row = json.loads(as_jsonl.content.decode().strip())
    assert (row["kind"], row["cart_id"], row["steps_reached"]) == ("abandoned", journey.cart_id, ["created"])
    lines = as_csv.content.decode().splitlines()
    assert lines[0].split(",")[:3] == ["cart_id", "order_id", "kind"]
    assert lines[1].startswith(f"{journey.cart_id},,abandoned,selfshop")
    assert refused.status_code == 403
    assert json.loads(capsys.readouterr().out.strip())["cart_id"] == journey.cart_id


@pytest.mark.django_db(databases="__all__")
def test_staff_list_rejected_orders_with_reason_in_bounded_queries(
    api, staff_api, operator, django_assert_max_num_queries
):
    address = find_address(operator, domains={"TV", "INT"})
    for _ in range(3):
        journey = Journey(api)
        journey.to_payment(address.id)
        journey.put("payment", {"method": "card", "card": CARD})
        journey.post("confirm")
    Order.objects.update(status="rejected", status_reason="procable_rejected: test")
    staff = staff_api(rights=["weshop.sell"])

    with django_assert_max_num_queries(8):
        response = staff.get("/api/v1/orders/orders/?status=rejected")

    assert response.status_code == 200
    assert [o["status_reason"] for o in response.json()["results"]] == ["procable_rejected: test"] * 3
    assert api.get("/api/v1/orders/orders/").status_code == 403
