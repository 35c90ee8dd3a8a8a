"""Summary, invoices, invoice PDF and usage: the customer's own file, bounded in queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

pytestmark = pytest.mark.django_db(databases="__all__")


def test_the_summary_shows_the_file_services_equipment_balance_and_upcoming_appointments(
    customer_api, gateway
):
    body = customer_api("100001").get("/api/v1/myaccount/summary/").json()

    assert body["customer"]["number"] == "100001"
    assert (body["customer"]["first_name"], body["customer"]["last_name"]) == ("Julie", "Tremblay")
    assert sorted(s["service_code"] for s in body["services"] if s["kind"] == "basic") == ["INT100", "TVBAS"]
    assert {s["service_code"]: s["label"] for s in body["services"]}["TVBAS"] == "Télé de base"
    assert body["balance"]["balance"] == str(gateway.balance_get("100001").balance)
    assert [a["id"] for a in body["upcoming_appointments"]] == [
        a.id
        for a in gateway.appointment_list("100001")
        if a.status == "booked" and a.day >= timezone.localdate()
    ]
    assert all(order["status"] in ("PEND", "SCHED", "HOLD") for order in body["open_work_orders"])


def test_the_summary_shows_running_commitments_with_end_dates(customer_api, gateway):
    body = customer_api("100002").get("/api/v1/myaccount/summary/").json()

    expected = [
        (c.service_code, c.ends_on.isoformat(), str(c.early_termination_fee))
        for c in gateway.commitment_list("100002")
    ]
    assert [
        (c["service_code"], c["ends_on"], c["early_termination_fee"]) for c in body["commitments"]
    ] == expected
    assert expected


@pytest.mark.parametrize("customer", ["100001", "100004", "100007"])
def test_the_summary_costs_a_bounded_number_of_queries_on_every_database(customer_api, gateway, customer):
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    client = customer_api(customer)
    client.get("/api/v1/myaccount/summary/")  # warm the token cache
    captures = {
        alias: CaptureQueriesContext(connections[alias])
        for alias in ("default", "procable", "customlogin", "security")
    }
    for capture in captures.values():
        capture.__enter__()
    response = client.get("/api/v1/myaccount/summary/")
    for capture in captures.values():
        capture.__exit__(None, None, None)

    assert response.status_code == 200
    counts = {alias: len(capture) for alias, capture in captures.items()}
    assert counts["procable"] <= 18  # ten gateway calls, whatever the size of the file
    # One query on the weblys database: the pending orders of the order engine.
    assert (counts["default"], counts["customlogin"], counts["security"]) == (1, 1, 0)


def test_invoices_list_newest_first_and_detail_has_lines(customer_api, gateway):
    client = customer_api("100001")

    listing = client.get("/api/v1/myaccount/invoices/").json()["results"]
    detail = client.get(f"/api/v1/myaccount/invoices/{listing[0]['id']}/").json()

    assert [row["id"] for row in listing] == [invoice.id for invoice in gateway.invoice_list("100001")]
    assert detail["number"] == listing[0]["number"]
    assert detail["lines"]
    assert detail["total"] == str(gateway.invoice_get("100001", listing[0]["id"]).total)


def test_the_invoice_pdf_is_generated_from_the_invoice(customer_api, gateway):
    invoice = gateway.invoice_list("100001")[0]

    response = customer_api("100001").get(f"/api/v1/myaccount/invoices/{invoice.id}/pdf/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="invoice-{invoice.number}.pdf"'
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 1500


def test_usage_totals_per_kind_match_the_records(customer_api, gateway):
    today = timezone.localdate()
    since = today - timedelta(days=365)

    body = (
        customer_api("100002")
        .get("/api/v1/myaccount/usage/", {"since": since.isoformat(), "until": today.isoformat()})
        .json()
    )

    records = [r for r in gateway.usage_list("100002", since=since, limit=200) if r.recorded_on <= today]
    assert len(body["records"]) == len(records)
    for total in body["totals"]:
        expected = sum(r.quantity for r in records if (r.kind, r.unit) == (total["kind"], total["unit"]))
        assert total["quantity"] == str(expected)


def test_a_usage_period_ending_before_it_starts_is_refused(customer_api, gateway):
    response = customer_api("100002").get(
        "/api/v1/myaccount/usage/", {"since": "2026-05-02", "until": "2026-05-01"}
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["since"]


def test_the_summary_lists_no_pending_order_when_none_is_under_way(customer_api, gateway):
    body = customer_api("100002").get("/api/v1/myaccount/summary/").json()

    assert body["pending_orders"] == []
