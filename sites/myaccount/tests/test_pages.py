"""MyAccount pages against a fake back: what each page asks, shows, and does with the back's refusals."""

from __future__ import annotations

import json

import httpx  # noqa: TID251 - raw document answers of the fake back transport
import pytest

from weblys.testing.plugin import problem

from .conftest import MA
from .test_login import SESSIONS

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
CARD = {
    "card_number": "4242 4242 4242 4242",
    "expiry_month": "12",
    "expiry_year": "2030",
    "cvc": "123",
    "holder_name": "Julie Tremblay",
}
TOKEN = {"token": "tok_card_1", "brand": "visa", "last4": "4242", "expiry_month": 12, "expiry_year": 2030}


def body(request):
    return json.loads(request.read())


# --- access -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/myaccount/invoices/",
        "/myaccount/invoices/12/",
        "/myaccount/invoices/12/pdf/",
        "/myaccount/usage/",
        "/myaccount/payments/",
        "/myaccount/payments/pay/",
        "/myaccount/payments/method/",
        "/myaccount/contact/",
        "/myaccount/security/",
        "/myaccount/privacy/",
        "/myaccount/privacy/my-data/",
        "/myaccount/appointments/",
        "/myaccount/appointments/2/reschedule/",
        "/myaccount/easyswitch/",
        "/myaccount/contact-us/",
    ],
)
def test_every_account_page_sends_a_visitor_to_the_login_without_asking_the_back(client, fake_back, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].startswith("/myaccount/login/?next=")
    assert fake_back.requests == []


def test_a_staff_session_does_not_open_the_account(client, fake_back, staff_login_as):
    staff_login_as(client, rights=["wecare.customers"])

    response = client.get("/myaccount/invoices/")

    assert response.status_code == 302
    assert fake_back.requests == []


def test_an_ended_session_says_so_on_the_login_page(client, fake_back, customer, answers):
    fake_back.add("GET", f"{MA}/invoices/", status=401, json=problem(401, "token_expired"))

    response = client.get("/myaccount/invoices/", follow=True, **EN)

    assert response.redirect_chain[-1][0] == "/myaccount/login/"
    assert "Your session has ended. Please log in again." in response.content.decode()


def test_a_session_gone_idle_says_so_when_the_browser_had_logged_in(client, fake_back):
    fake_back.add(
        "POST",
        SESSIONS,
        status=201,
        json={"token": "t", "expires_at": "2099-01-01T00:00:00Z", "customer_number": "100001"},
    )
    client.post("/myaccount/login/", {"login_id": "100001", "password": "pw"})
    client.session.flush()
    session = client.session
    session.flush()
    client.cookies.pop("sessionid", None)

    response = client.get("/myaccount/payments/", follow=True, **EN)

    assert "Your session has ended. Please log in again." in response.content.decode()


# --- summary and change of offer --------------------------------------------------------------------


def test_the_summary_shows_the_file_balance_commitments_work_and_offer_in_two_calls(
    client, fake_back, customer, answers
):
    fake_back.add("GET", f"{MA}/summary/", json=answers["summary"])
    fake_back.add("GET", f"{MA}/change-offer/", json=answers["change_offer"])

    response = client.get("/myaccount/", **EN)

    html = response.content.decode()
    assert response.status_code == 200
    assert len(fake_back.requests) == 2
    assert fake_back.requests[0].headers["Authorization"] == "Bearer tok-100001"
    for text in (
        "Julie Tremblay",
        "48 rue Sherbrooke Ouest, Montréal H4A 2Q3",
        "Internet 100 Mb/s",
        "98.00 $",
        "MDM000000003",
        "Télé de base: until 21 October 2027 (early termination fee 150.00 $)",
        "Work order WO00000003",
        "Basic TV + Internet 100 Mbps",
    ):
        assert text in html
    assert 'href="/myshop/"' in html


def test_a_blocked_change_of_offer_explains_each_blocker_and_links_customer_service(
    client, fake_back, customer, answers
):
    fake_back.add("GET", f"{MA}/summary/", json=answers["summary_collection"])
    blocked = answers["change_offer_blocked"]
    blocked["reasons"].append({"code": "customer_type_not_allowed", "message": "x"})
    fake_back.add("GET", f"{MA}/change-offer/", json=blocked)

    html = client.get("/myaccount/", **EN).content.decode()

    assert 'data-code="account_in_collection">Your account is in collection: pay the balance first.' in html
    assert (
        'data-code="customer_type_not_allowed">Your type of account cannot change its offer online.' in html
    )
    assert "/myaccount/contact-us/?subject=offer" in html
    assert 'class="button" href="/myshop/"' not in html
    assert "303.54 $ is overdue" in html


def test_the_summary_is_in_french_for_a_french_browser(client, fake_back, customer, answers):
    fake_back.add("GET", f"{MA}/summary/", json=answers["summary"])
    fake_back.add("GET", f"{MA}/change-offer/", json=answers["change_offer"])

    html = client.get("/myaccount/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Mes engagements" in html
    assert "Changer mon offre" in html


# --- invoices and usage -----------------------------------------------------------------------------


def test_the_invoice_list_links_details_pdf_and_payment_of_unpaid_ones(client, fake_back, customer, answers):
    fake_back.add("GET", f"{MA}/invoices/", json=answers["invoices"])

    html = client.get("/myaccount/invoices/", **EN).content.decode()

    assert len(fake_back.requests) == 1
    assert 'href="/myaccount/invoices/12/pdf/"' in html
    assert 'href="/myaccount/payments/pay/?invoice=11"' in html
    assert 'href="/myaccount/payments/pay/?invoice=12"' not in html


def test_an_invoice_of_another_customer_is_not_found(client, fake_back, customer):
    fake_back.add("GET", f"{MA}/invoices/48/", status=404, json=problem(404, "procable_not_found"))

    response = client.get("/myaccount/invoices/48/")

    assert response.status_code == 404


def raw_answer(fake_back, path: str, content: bytes, headers: dict[str, str]) -> None:
    """Answer GET `path` with raw bytes (a document), not JSON."""
    fake_back._routes[("GET", path)].append(httpx.Response(200, content=content, headers=headers))


def test_the_pdf_is_streamed_from_the_back_with_its_type_and_name(client, fake_back, customer):
    raw_answer(
        fake_back,
        f"{MA}/invoices/12/pdf/",
        b"%PDF-1.4 fake",
        {"Content-Type": "application/pdf", "Content-Disposition": 'inline; filename="invoice-F12.pdf"'},
    )

    response = client.get("/myaccount/invoices/12/pdf/")

    assert response.status_code == 200
    assert response.streaming
    assert b"".join(response.streaming_content) == b"%PDF-1.4 fake"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="invoice-F12.pdf"'
    assert response["Cache-Control"] == "private, no-store"


def test_the_pdf_of_another_customer_is_not_found(client, fake_back, customer):
    fake_back.add("GET", f"{MA}/invoices/48/pdf/", status=404, json=problem(404, "procable_not_found"))

    assert client.get("/myaccount/invoices/48/pdf/").status_code == 404


def test_usage_shows_totals_and_one_svg_chart_per_kind(client, fake_back, customer, answers):
    fake_back.add("GET", f"{MA}/usage/", json=answers["usage"])

    response = client.get("/myaccount/usage/?since=2026-08-27&until=2026-11-25", **EN)

    html = response.content.decode()
    assert response.status_code == 200
    assert dict(fake_back.requests[0].url.params) == {"since": "2026-08-27", "until": "2026-11-25"}
    kinds = {row["kind"] for row in answers["usage"]["by_month"]}
    assert html.count('<svg viewBox="0 0 480 200" role="img"') == len(kinds)
    assert "Internet data per month (GB)" in html
    assert "1056 GB" in html


def test_a_reversed_usage_period_is_refused_on_the_field_without_asking_the_back(client, fake_back, customer):
    response = client.get("/myaccount/usage/?since=2026-12-01&until=2026-01-01", **EN)

    html = response.content.decode()
    assert response.status_code == 400
    assert fake_back.requests == []
    assert 'aria-describedby="id_since_error"' in html
    assert 'value="2026-12-01"' in html


def test_a_usage_period_refused_by_the_back_lands_on_the_field(client, fake_back, customer):
    fake_back.add(
        "GET",
        f"{MA}/usage/",
        status=400,
        json=problem(400, "invalid", errors={"since": ["Ask for at most 400 days at a time."]}),
    )

    response = client.get("/myaccount/usage/?since=2020-01-01&until=2026-01-01", **EN)

    assert response.status_code == 400
    assert "Ask for at most 400 days at a time." in response.content.decode()


# --- payments ---------------------------------------------------------------------------------------


def _pay_setup(fake_back, answers):
    invoice = answers["invoice"] | {"id": 11, "is_paid": False}
    fake_back.add("GET", f"{MA}/invoices/11/", json=invoice)
    _payments_page(fake_back, answers)


def _payments_page(fake_back, answers):
    """What the payments page (where a payment ends) asks."""
    fake_back.add("GET", f"{MA}/summary/", json=answers["summary"])
    fake_back.add("GET", f"{MA}/payments/", json=answers["payments"])


def test_paying_an_invoice_tokenizes_the_card_then_charges_the_token_once(
    client, fake_back, customer, answers
):
    _pay_setup(fake_back, answers)
    fake_back.add("POST", f"{MA}/cards/", status=201, json=TOKEN)
    fake_back.add(
        "POST",
        f"{MA}/payments/",
        status=201,
        json={
            "id": 7,
            "invoice_id": 11,
            "amount": "112.68",
            "status": "recorded",
            "created_at": "2026-11-25T10:00:00Z",
        },
    )

    response = client.post(
        "/myaccount/payments/pay/",
        {"invoice": "11", "amount": "112.68", "key": "a" * 32, **CARD},
        follow=True,
        **EN,
    )

    assert response.redirect_chain[-1][0] == "/myaccount/payments/"
    charge = fake_back.calls("POST", f"{MA}/payments/")[0]
    assert body(charge) == {"amount": "112.68", "card_token": "tok_card_1", "invoice_id": 11}
    assert charge.headers["Idempotency-Key"] == "a" * 32
    assert body(fake_back.calls("POST", f"{MA}/cards/")[0])["number"] == "4242424242424242"
    assert "your payment of 112.68 $ is received" in response.content.decode()


def test_a_french_amount_with_a_comma_is_understood(client, fake_back, customer, answers):
    _pay_setup(fake_back, answers)
    fake_back.add("POST", f"{MA}/cards/", status=201, json=TOKEN)
    fake_back.add(
        "POST",
        f"{MA}/payments/",
        status=201,
        json={"id": 7, "invoice_id": 11, "amount": "50.00", "status": "recorded", "created_at": None},
    )

    client.post(
        "/myaccount/payments/pay/", {"invoice": "11", "amount": "50,00", **CARD}, HTTP_ACCEPT_LANGUAGE="fr"
    )

    assert body(fake_back.calls("POST", f"{MA}/payments/")[0])["amount"] == "50.00"


def test_a_declined_card_is_said_and_the_form_kept_without_the_card_number(
    client, fake_back, customer, answers
):
    _pay_setup(fake_back, answers)
    fake_back.add("POST", f"{MA}/cards/", status=201, json=TOKEN)
    fake_back.add("POST", f"{MA}/payments/", status=402, json=problem(402, "payment_declined"))

    response = client.post("/myaccount/payments/pay/", {"invoice": "11", "amount": "112.68", **CARD}, **EN)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Your bank declined the payment. Try another card." in html
    assert 'value="Julie Tremblay"' in html
    assert 'value="112.68"' in html


def test_an_invalid_card_lands_on_the_card_fields(client, fake_back, customer, answers):
    _pay_setup(fake_back, answers)
    fake_back.add(
        "POST",
        f"{MA}/cards/",
        status=400,
        json=problem(
            400, "invalid_card", errors={"number": ["This card number is not valid."], "cvc": ["Bad code."]}
        ),
    )

    response = client.post("/myaccount/payments/pay/", {"invoice": "11", "amount": "112.68", **CARD}, **EN)

    html = response.content.decode()
    assert response.status_code == 400
    assert (
        '<ul class="errorlist" id="id_card_number_error"><li>This card number is not valid.</li></ul>' in html
    )
    assert '<ul class="errorlist" id="id_cvc_error"><li>Bad code.</li></ul>' in html
    assert fake_back.calls("POST", f"{MA}/payments/") == []


def test_an_amount_above_what_is_due_lands_on_the_amount(client, fake_back, customer, answers):
    _pay_setup(fake_back, answers)
    fake_back.add("POST", f"{MA}/cards/", status=201, json=TOKEN)
    fake_back.add(
        "POST",
        f"{MA}/payments/",
        status=400,
        json=problem(
            400,
            "payment_amount_invalid",
            errors={"amount": ["The amount cannot exceed what is due (112.68)."]},
        ),
    )

    response = client.post("/myaccount/payments/pay/", {"invoice": "11", "amount": "500", **CARD}, **EN)

    assert (
        '<ul class="errorlist" id="id_amount_error">'
        "<li>The amount cannot exceed what is due (112.68).</li></ul>" in (response.content.decode())
    )


def test_missing_card_fields_are_refused_before_the_back(client, fake_back, customer, answers):
    _pay_setup(fake_back, answers)

    response = client.post("/myaccount/payments/pay/", {"invoice": "11", "amount": "10"}, **EN)

    assert response.status_code == 400
    assert [r.url.path for r in fake_back.requests] == [f"{MA}/invoices/11/"]


def test_a_challenged_payment_goes_to_the_verification_then_is_recorded(client, fake_back, customer, answers):
    _pay_setup(fake_back, answers)
    fake_back.add("POST", f"{MA}/cards/", status=201, json=TOKEN | {"last4": "3220"})
    fake_back.add(
        "POST",
        f"{MA}/payments/",
        status=201,
        json={
            "id": 9,
            "invoice_id": 11,
            "amount": "112.68",
            "status": "challenge_required",
            "created_at": None,
        },
    )
    fake_back.add(
        "POST",
        f"{MA}/payments/9/challenge/",
        json={"id": 9, "invoice_id": 11, "amount": "112.68", "status": "recorded", "created_at": None},
    )

    first = client.post("/myaccount/payments/pay/", {"invoice": "11", "amount": "112.68", **CARD}, **EN)
    page = client.get("/myaccount/payments/verify/", **EN).content.decode()
    final = client.post("/myaccount/payments/verify/", {"code": "123456"}, follow=True, **EN)

    assert first["Location"] == "/myaccount/payments/verify/"
    assert "card ending in 3220" in page
    assert body(fake_back.calls("POST", f"{MA}/payments/9/challenge/")[0]) == {"code": "123456"}
    assert "your payment of 112.68 $ is received" in final.content.decode()
    assert "weblys.myaccount.challenge" not in client.session


def test_a_failed_verification_declines_the_payment(client, fake_back, customer, answers):
    _payments_page(fake_back, answers)
    session = client.session
    session["weblys.myaccount.challenge"] = {"id": 9, "amount": "10.00", "last4": "3220"}
    session.save()
    fake_back.add("POST", f"{MA}/payments/9/challenge/", status=402, json=problem(402, "payment_declined"))

    response = client.post("/myaccount/payments/verify/", {"code": "000000"}, follow=True, **EN)

    assert "The verification failed and the payment was declined." in response.content.decode()


def test_paying_with_nothing_due_goes_back_to_the_payments(client, fake_back, customer, answers):
    fake_back.add("GET", f"{MA}/summary/", json=answers["summary"])

    response = client.get("/myaccount/payments/pay/")

    assert response["Location"] == "/myaccount/payments/"


def test_the_payments_page_shows_balance_method_and_history_in_two_calls(
    client, fake_back, customer, answers
):
    fake_back.add("GET", f"{MA}/summary/", json=answers["summary_collection"])
    fake_back.add("GET", f"{MA}/payments/", json=answers["payments"])

    html = client.get("/myaccount/payments/", **EN).content.decode()

    assert len(fake_back.requests) == 2
    assert "303.54 $" in html
    assert "Pre-authorised debit from account ending in 7982" in html
    assert "P0000000012" in html


def test_pre_authorised_debit_bank_details_are_checked_on_each_field_before_the_back(
    client, fake_back, customer
):
    response = client.post(
        "/myaccount/payments/method/",
        {"method": "pad", "bank_institution": "12", "bank_transit": "1234a", "bank_account": "123"},
        **EN,
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert fake_back.requests == []
    assert "The institution number has 3 digits." in html
    assert "The transit number has 5 digits." in html
    assert "The account number has 7 to 12 digits." in html
    assert 'value="1234a"' in html


def test_pre_authorised_debit_is_sent_with_the_bank_details(client, fake_back, customer):
    fake_back.add("PUT", f"{MA}/payment-method/", json={"method": "pad", "bank_account_last4": "4567"})

    response = client.post(
        "/myaccount/payments/method/",
        {"method": "pad", "bank_institution": "001", "bank_transit": "12345", "bank_account": "1234567"},
    )

    assert response["Location"] == "/myaccount/payments/"
    assert body(fake_back.requests[0]) == {
        "method": "pad",
        "bank_institution": "001",
        "bank_transit": "12345",
        "bank_account": "1234567",
    }


def test_a_card_refused_for_the_monthly_payment_lands_on_the_card_field(client, fake_back, customer):
    fake_back.add(
        "PUT",
        f"{MA}/payment-method/",
        status=400,
        json=problem(400, "invalid_card", errors={"card.number": ["This card number is not valid."]}),
    )

    response = client.post("/myaccount/payments/method/", {"method": "card", **CARD}, **EN)

    assert body(fake_back.requests[0])["card"]["number"] == "4242424242424242"
    assert '<ul class="errorlist" id="id_card_number_error"><li>This card number is not valid.</li></ul>' in (
        response.content.decode()
    )


# --- contact, login, private data -------------------------------------------------------------------


def test_contact_details_are_prefilled_and_saved(client, fake_back, customer, answers):
    fake_back.add("GET", f"{MA}/summary/", json=answers["summary"])
    fake_back.add("PUT", f"{MA}/contact/", json=answers["summary"]["customer"])

    page = client.get("/myaccount/contact/", **EN).content.decode()
    response = client.post(
        "/myaccount/contact/",
        {
            "email": "julie@example.com",
            "phone_1": "514 555-0101",
            "phone_2": "",
            "phone_3": "",
            "language": "en",
        },
    )

    assert 'value="julie.tremblay1@example.com"' in page
    assert 'value="5149424213"' in page
    assert response["Location"] == "/myaccount/contact/"
    assert body(fake_back.calls("PUT", f"{MA}/contact/")[0]) == {
        "email": "julie@example.com",
        "phones": ["514 555-0101"],
        "language": "en",
    }


def test_a_bad_email_is_refused_on_its_field_with_the_input_kept(client, fake_back, customer):
    response = client.post(
        "/myaccount/contact/",
        {"email": "not-an-email", "phone_1": "abc", "language": "fr"},
        **EN,
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert fake_back.requests == []
    assert 'aria-describedby="id_email_error"' in html
    assert 'aria-describedby="id_phone_1_error"' in html
    assert 'value="not-an-email"' in html


def test_a_locked_file_refusal_is_said(client, fake_back, customer):
    fake_back.add(
        "PUT", f"{MA}/contact/", status=409, json=problem(409, "customer_locked", "The file is locked.")
    )

    response = client.post(
        "/myaccount/contact/", {"email": "a@example.com", "phone_1": "5145550101", "language": "fr"}
    )

    assert response.status_code == 400
    assert "The file is locked." in response.content.decode()


def test_a_wrong_current_password_lands_on_its_field(client, fake_back, customer):
    fake_back.add(
        "PUT",
        "/api/v1/customlogin/me/password/",
        status=403,
        json=problem(
            403, "current_password_wrong", errors={"current_password": ["The current password is wrong."]}
        ),
    )

    response = client.post(
        "/myaccount/security/password/",
        {
            "current_password": "bad",
            "new_password": "a-long-password",
            "new_password_again": "a-long-password",
        },
        **EN,
    )

    assert response.status_code == 400
    assert (
        '<ul class="errorlist" id="id_current_password_error"><li>The current password is wrong.</li></ul>'
        in (response.content.decode())
    )


def test_a_weak_personal_password_lands_on_the_new_password(client, fake_back, customer):
    fake_back.add(
        "PUT",
        "/api/v1/customlogin/me/personal-login/",
        status=400,
        json=problem(400, "password_too_weak", errors={"password": ["Use at least 10 characters."]}),
    )

    response = client.post(
        "/myaccount/security/personal-login/",
        {
            "personal_login_id": "julie.t",
            "new_password": "short",
            "new_password_again": "short",
            "current_password": "x",
        },
        **EN,
    )

    html = response.content.decode()
    assert (
        '<ul class="errorlist" id="id_new_password_error"><li>Use at least 10 characters.</li></ul>' in html
    )
    assert 'value="julie.t"' in html


def test_a_personal_id_is_saved(client, fake_back, customer):
    fake_back.add(
        "PUT",
        "/api/v1/customlogin/me/personal-login/",
        json={"customer_number": "100001", "personal_login_id": "julie.t"},
    )

    response = client.post(
        "/myaccount/security/personal-login/",
        {
            "personal_login_id": "julie.t",
            "new_password": "a-long-password",
            "new_password_again": "a-long-password",
            "current_password": "client1",
        },
    )

    assert response["Location"] == "/myaccount/security/"
    assert body(fake_back.requests[0]) == {
        "personal_login_id": "julie.t",
        "password": "a-long-password",
        "current_password": "client1",
    }


def test_consents_are_saved_topic_by_topic(client, fake_back, customer, answers):
    fake_back.add("GET", f"{MA}/consents/", json=answers["consents"])
    fake_back.add("PUT", f"{MA}/consents/", json=answers["consents"])

    client.post("/myaccount/privacy/consents/", {"marketing_email": "on"})

    assert body(fake_back.calls("PUT", f"{MA}/consents/")[0]) == {
        "consents": {
            "marketing_email": True,
            "marketing_sms": False,
            "marketing_phone": False,
            "partner_sharing": False,
            "usage_analytics": False,
        }
    }


def test_my_data_is_downloaded_as_the_backs_json_attachment(client, fake_back, customer):
    raw_answer(
        fake_back,
        f"{MA}/data-export/",
        b'{"customer": {}}',
        {
            "Content-Type": "application/json; charset=utf-8",
            "Content-Disposition": 'attachment; filename="my-data-100001.json"',
        },
    )

    response = client.get("/myaccount/privacy/my-data/")

    assert b"".join(response.streaming_content) == b'{"customer": {}}'
    assert response["Content-Disposition"] == 'attachment; filename="my-data-100001.json"'


def test_an_erasure_needs_the_confirmation(client, fake_back, customer, answers):
    fake_back.add("GET", f"{MA}/consents/", json=answers["consents"])
    fake_back.add("GET", f"{MA}/erasure-requests/", json={"results": []})

    response = client.post("/myaccount/privacy/erasure/", {"reason": "moving abroad"}, **EN)

    html = response.content.decode()
    assert response.status_code == 400
    assert fake_back.calls("POST", f"{MA}/erasure-requests/") == []
    assert "moving abroad" in html


def test_a_pending_erasure_is_said(client, fake_back, customer, answers):
    fake_back.add("POST", f"{MA}/erasure-requests/", status=409, json=problem(409, "erasure_pending"))
    fake_back.add("GET", f"{MA}/consents/", json=answers["consents"])
    fake_back.add("GET", f"{MA}/erasure-requests/", json={"results": []})

    response = client.post("/myaccount/privacy/erasure/", {"reason": "", "confirm": "on"}, **EN)

    assert "A request to erase your data is already being processed." in response.content.decode()


# --- appointments -----------------------------------------------------------------------------------


SLOTS = [
    {"zone_code": "MTL-01", "day": "2026-11-30", "period": "AM", "capacity": 3, "booked": 3, "available": 0},
    {"zone_code": "MTL-01", "day": "2026-11-30", "period": "PM", "capacity": 3, "booked": 0, "available": 3},
]


def test_rescheduling_offers_only_free_slots_and_sends_the_chosen_one(client, fake_back, customer, answers):
    fake_back.add("GET", f"{MA}/appointments/", json=answers["appointments"])
    fake_back.add("GET", "/api/v1/procable/appointment-slots/", json=SLOTS)
    fake_back.add("POST", f"{MA}/appointments/2/reschedule/", json=answers["appointments"]["results"][0])

    page = client.get("/myaccount/appointments/2/reschedule/", **EN).content.decode()
    response = client.post("/myaccount/appointments/2/reschedule/", {"slot": "2026-11-30|PM"})

    assert 'value="2026-11-30|PM"' in page
    assert 'value="2026-11-30|AM"' not in page
    assert fake_back.calls("GET", "/api/v1/procable/appointment-slots/")[0].url.params["zone"] == "MTL-01"
    assert response["Location"] == "/myaccount/appointments/"
    assert body(fake_back.calls("POST", f"{MA}/appointments/2/reschedule/")[0]) == {
        "day": "2026-11-30",
        "period": "PM",
    }


def test_a_too_late_reschedule_is_explained(client, fake_back, customer, answers):
    fake_back.add("GET", f"{MA}/appointments/", json=answers["appointments"])
    fake_back.add("GET", "/api/v1/procable/appointment-slots/", json=SLOTS)
    fake_back.add(
        "POST", f"{MA}/appointments/2/reschedule/", status=409, json=problem(409, "appointment_too_late")
    )

    response = client.post("/myaccount/appointments/2/reschedule/", {"slot": "2026-11-30|PM"}, **EN)

    assert response.status_code == 400
    assert (
        "This appointment is too close to change online; call customer service." in response.content.decode()
    )


def test_an_appointment_of_someone_else_is_not_found(client, fake_back, customer, answers):
    fake_back.add("GET", f"{MA}/appointments/", json=answers["appointments"])

    assert client.get("/myaccount/appointments/99/reschedule/").status_code == 404


def test_cancelling_an_appointment(client, fake_back, customer, answers):
    fake_back.add("POST", f"{MA}/appointments/2/cancel/", json=answers["appointments"]["results"][0])

    response = client.post("/myaccount/appointments/2/cancel/")

    assert response["Location"] == "/myaccount/appointments/"
    assert len(fake_back.requests) == 1


# --- EasySwitch and customer service ----------------------------------------------------------------


def test_easyswitch_shows_what_ends_then_gives_the_switch_code(client, fake_back, customer, answers):
    fake_back.add("GET", f"{MA}/easyswitch/", json=answers["easyswitch"])
    created = {
        "id": 1,
        "switch_code": "ES-7Q4K9",
        "receiving_operator": "Other Co",
        "status": "pending",
        "created_at": "2026-11-25T10:00:00Z",
    }
    fake_back.add("POST", f"{MA}/easyswitch/", status=201, json=created)

    page = client.get("/myaccount/easyswitch/", **EN).content.decode()
    response = client.post(
        "/myaccount/easyswitch/",
        {"receiving_operator": "Other Co", "confirm": "on", "key": "b" * 32},
        follow=True,
        **EN,
    )

    assert "TVBAS: committed until 21 October 2027, early termination fee 150.00 $" in page
    assert "MDM000000003" in page
    assert fake_back.calls("POST", f"{MA}/easyswitch/")[0].headers["Idempotency-Key"] == "b" * 32
    assert "Your switch code is ES-7Q4K9." in response.content.decode()


def test_a_pending_easyswitch_shows_its_code_instead_of_the_form(client, fake_back, customer, answers):
    answers["easyswitch"]["requests"] = [
        {
            "id": 1,
            "switch_code": "ES-7Q4K9",
            "receiving_operator": "Other Co",
            "status": "pending",
            "created_at": "2026-11-25T10:00:00Z",
        }
    ]
    fake_back.add("GET", f"{MA}/easyswitch/", json=answers["easyswitch"])

    html = client.get("/myaccount/easyswitch/", **EN).content.decode()

    assert '<p class="myaccount-code">ES-7Q4K9</p>' in html
    assert 'name="receiving_operator"' not in html


def test_a_message_to_customer_service_needs_a_subject_and_keeps_the_text(client, fake_back, customer):
    fake_back.add("GET", f"{MA}/contact-messages/", json={"results": []})

    response = client.post("/myaccount/contact-us/", {"subject": "", "message": "My modem blinks."}, **EN)

    html = response.content.decode()
    assert response.status_code == 400
    assert 'aria-describedby="id_subject_error"' in html
    assert "My modem blinks." in html
    assert fake_back.calls("POST", f"{MA}/contact-messages/") == []


def test_a_message_to_customer_service_is_sent_with_its_subject(client, fake_back, customer):
    created = {
        "id": 1,
        "subject": "Technical problem",
        "message": "My modem blinks.",
        "is_handled": False,
        "created_at": None,
    }
    fake_back.add("POST", f"{MA}/contact-messages/", status=201, json=created)

    response = client.post(
        "/myaccount/contact-us/", {"subject": "technical", "message": "My modem blinks."}, **EN
    )

    assert response["Location"] == "/myaccount/contact-us/"
    assert body(fake_back.requests[0]) == {"subject": "Technical problem", "message": "My modem blinks."}


# --- forgotten password -----------------------------------------------------------------------------


def test_a_reset_request_gets_the_same_answer_whatever_the_back_found(client, fake_back):
    fake_back.add("POST", "/api/v1/customlogin/password-resets/", status=202, json={"detail": "ok"})

    response = client.post(
        "/myaccount/password-reset/",
        {"login_id": "100001", "last_name": "Tremblay", "email": "j@example.com"},
        **EN,
    )

    assert response.status_code == 200
    assert "If these details match an account" in response.content.decode()
    assert "Authorization" not in fake_back.requests[0].headers
    assert body(fake_back.requests[0]) == {
        "login_id": "100001",
        "last_name": "Tremblay",
        "email": "j@example.com",
        "phone": "",
    }


def test_a_reset_request_needs_an_email_or_a_phone(client, fake_back):
    response = client.post(
        "/myaccount/password-reset/", {"login_id": "100001", "last_name": "Tremblay"}, **EN
    )

    assert response.status_code == 400
    assert 'aria-describedby="id_email_helptext id_email_error"' in response.content.decode()
    assert fake_back.requests == []


def test_the_reset_link_sets_the_new_password_then_sends_to_the_login(client, fake_back):
    fake_back.add("POST", "/api/v1/customlogin/password-resets/confirm/", json={"customer_number": "100001"})

    response = client.post(
        "/myaccount/reset/tok123/", {"new_password": "a-new-password", "new_password_again": "a-new-password"}
    )

    assert response["Location"] == "/myaccount/login/"
    assert body(fake_back.requests[0]) == {"token": "tok123", "new_password": "a-new-password"}


def test_a_used_or_expired_reset_link_says_to_ask_a_new_one(client, fake_back):
    fake_back.add(
        "POST",
        "/api/v1/customlogin/password-resets/confirm/",
        status=400,
        json=problem(400, "reset_link_invalid"),
    )

    response = client.post(
        "/myaccount/reset/old/",
        {"new_password": "a-new-password", "new_password_again": "a-new-password"},
        **EN,
    )

    assert response.status_code == 400
    assert "This link is no longer valid" in response.content.decode()


def test_two_different_new_passwords_are_refused_before_the_back(client, fake_back):
    response = client.post(
        "/myaccount/reset/t/", {"new_password": "a-new-password", "new_password_again": "other"}, **EN
    )

    assert "The two passwords differ." in response.content.decode()
    assert fake_back.requests == []
