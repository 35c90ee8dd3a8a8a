"""EasySwitch, erasure, consents, data export, messages to customer service, "Change my offer"."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.utils import timezone

from back.myaccount.models import ConsentEvent, ContactMessage, EasySwitchRequest, ErasureRequest

pytestmark = pytest.mark.django_db(databases="__all__")


def test_easyswitch_gives_a_code_and_the_commitment_fees_and_is_recorded(customer_api, gateway):
    running = [c for c in gateway.commitment_list("100002") if c.ends_on >= timezone.localdate()]

    response = customer_api("100002").post(
        "/api/v1/myaccount/easyswitch/",
        {"receiving_operator": "Fizz"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="es1",
    )

    assert response.status_code == 201
    body = response.json()
    assert body["switch_code"].startswith("ES-")
    assert len(body["switch_code"]) == 11
    assert body["summary"]["early_termination_fees"] == str(
        sum((c.early_termination_fee for c in running), Decimal("0.00"))
    )
    assert body["summary"]["early_termination_fees"] == "150.00"
    assert sorted(s["service_code"] for s in body["summary"]["services_ending"]) == sorted(
        s.service_code for s in gateway.customer_services("100002")
    )
    row = EasySwitchRequest.objects.get()
    assert (row.customer_number, row.switch_code, row.receiving_operator) == (
        "100002",
        body["switch_code"],
        "Fizz",
    )


def test_a_second_easyswitch_while_one_waits_is_refused(customer_api, gateway):
    client = customer_api("100002")
    client.post(
        "/api/v1/myaccount/easyswitch/",
        {"receiving_operator": "Fizz"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="es1",
    )

    again = client.post(
        "/api/v1/myaccount/easyswitch/",
        {"receiving_operator": "Bell"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="es2",
    )

    assert again.status_code == 409
    assert again.json()["code"] == "easyswitch_pending"
    assert EasySwitchRequest.objects.count() == 1


def test_a_cancelled_account_cannot_be_switched(customer_api, gateway):
    response = customer_api("100009").post(
        "/api/v1/myaccount/easyswitch/",
        {"receiving_operator": "Fizz"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="es1",
    )

    assert response.status_code == 409
    assert response.json()["code"] == "easyswitch_not_allowed"
    assert EasySwitchRequest.objects.count() == 0


def test_an_erasure_request_is_recorded_with_what_the_law_keeps(customer_api, gateway):
    response = customer_api("100004").post(
        "/api/v1/myaccount/erasure-requests/",
        {"reason": "Moving away"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="e1",
    )

    assert response.status_code == 201
    kept = [item["data"] for item in response.json()["retained"]]
    assert kept == ["invoices_and_payments", "identity_and_contract", "balance_due"]
    row = ErasureRequest.objects.get()
    assert (row.customer_number, row.reason, row.status) == ("100004", "Moving away", "received")


def test_a_second_erasure_request_while_one_is_open_is_refused(customer_api, gateway):
    client = customer_api("100004")
    client.post("/api/v1/myaccount/erasure-requests/", {}, format="json", HTTP_IDEMPOTENCY_KEY="e1")

    again = client.post("/api/v1/myaccount/erasure-requests/", {}, format="json", HTTP_IDEMPOTENCY_KEY="e2")

    assert again.status_code == 409
    assert ErasureRequest.objects.count() == 1


def test_consents_record_only_changes_and_read_back(customer_api, gateway):
    client = customer_api("100001")

    first = client.put(
        "/api/v1/myaccount/consents/",
        {"consents": {"marketing_email": True, "partner_sharing": False}},
        format="json",
    )
    second = client.put("/api/v1/myaccount/consents/", {"consents": {"marketing_email": True}}, format="json")

    assert first.status_code == second.status_code == 200
    state = {item["topic"]: item["is_granted"] for item in second.json()["consents"]}
    assert state == {
        "marketing_email": True,
        "marketing_sms": False,
        "marketing_phone": False,
        "partner_sharing": False,
        "usage_analytics": False,
    }
    assert list(ConsentEvent.objects.values_list("topic", "is_granted")) == [("marketing_email", True)]


def test_an_unknown_consent_topic_is_refused(customer_api, gateway):
    response = customer_api("100001").put(
        "/api/v1/myaccount/consents/", {"consents": {"telepathy": True}}, format="json"
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["consents"]
    assert ConsentEvent.objects.count() == 0


def test_download_all_my_data_is_a_json_file_of_the_whole_file(customer_api, gateway):
    response = customer_api("100001").get("/api/v1/myaccount/data-export/")

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="my-data-100001.json"'
    data = json.loads(response.content)
    assert data["customer"]["number"] == "100001"
    assert len(data["invoices"]) == len(gateway.invoice_list("100001"))
    assert data["invoices"][0]["lines"]
    assert len(data["payments"]) == len(gateway.payment_list("100001"))
    assert {"services", "equipment", "usage", "appointments", "letters", "consents", "login"} <= set(data)


def test_a_message_to_customer_service_reaches_staff_with_the_right(customer_api, staff_api, gateway):
    created = customer_api("100001").post(
        "/api/v1/myaccount/contact-messages/",
        {"subject": "Slow internet", "message": "Since Monday."},
        format="json",
        HTTP_IDEMPOTENCY_KEY="m1",
    )
    customer_api("100002").post(
        "/api/v1/myaccount/contact-messages/",
        {"subject": "Bill", "message": "Question."},
        format="json",
        HTTP_IDEMPOTENCY_KEY="m1",
    )

    listing = staff_api(rights=["wecare.customers"], code="care9").get(
        "/api/v1/myaccount/staff/contact-messages/", {"customer_number": "100001"}
    )
    refused = staff_api(rights=["weshop.sell"], code="seller9").get(
        "/api/v1/myaccount/staff/contact-messages/"
    )
    as_customer = customer_api("100001").get("/api/v1/myaccount/staff/contact-messages/")
    own = customer_api("100002").get("/api/v1/myaccount/contact-messages/").json()["results"]

    assert created.status_code == 201
    assert listing.status_code == 200
    assert [(m["customer_number"], m["subject"]) for m in listing.json()["results"]] == [
        ("100001", "Slow internet")
    ]
    assert refused.status_code == as_customer.status_code == 403
    assert [m["subject"] for m in own] == ["Bill"]


def test_the_staff_list_is_bounded_in_queries(staff_api, django_assert_max_num_queries):
    ContactMessage.objects.bulk_create(
        ContactMessage(customer_number=str(100001 + i), subject=f"S{i}", message="m") for i in range(30)
    )
    client = staff_api(rights=["wecare.customers"], code="care9")
    client.get("/api/v1/myaccount/staff/contact-messages/")

    with django_assert_max_num_queries(3):
        response = client.get("/api/v1/myaccount/staff/contact-messages/")

    assert response.json()["count"] == 30
    assert len(response.json()["results"]) == 30


def test_an_empty_message_is_refused(customer_api, gateway):
    response = customer_api("100001").post(
        "/api/v1/myaccount/contact-messages/",
        {"subject": "", "message": "x"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="m1",
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["subject"]
    assert ContactMessage.objects.count() == 0


@pytest.mark.parametrize(
    ("customer", "codes"),
    [
        ("100003", ["customer_type_not_allowed"]),
        ("100006", ["customer_type_not_allowed"]),
        ("100004", ["account_in_collection"]),
        ("100008", ["customer_not_active"]),
        ("100005", ["offer_not_in_catalog"]),  # TVBAS + TELRES + MOBUNL: an odd combination
    ],
)
def test_change_my_offer_explains_why_it_is_blocked(customer_api, gateway, customer, codes):
    body = customer_api(customer).get("/api/v1/myaccount/change-offer/").json()

    assert body["is_allowed"] is False
    assert [reason["code"] for reason in body["reasons"]] == codes


def test_change_my_offer_is_open_to_a_regular_customer_whose_services_match_an_offer(customer_api, gateway):
    body = customer_api("100001").get("/api/v1/myaccount/change-offer/").json()

    assert (body["is_allowed"], body["reasons"]) == (True, [])
    assert body["current_offer"] is not None


def test_the_blocked_customer_types_are_a_setting(customer_api, gateway, settings):
    settings.ORDERS_CHANGE_BLOCKED_CUSTOMER_TYPES = ["RES"]

    body = customer_api("100001").get("/api/v1/myaccount/change-offer/").json()

    assert [reason["code"] for reason in body["reasons"]] == ["customer_type_not_allowed"]


def test_a_locked_file_blocks_change_my_offer(customer_api, gateway):
    gateway.customer_lock("100001", reason="agent editing", locked_by="care1")

    body = customer_api("100001").get("/api/v1/myaccount/change-offer/").json()

    assert [reason["code"] for reason in body["reasons"]] == ["file_locked"]
