"""WeCare lists of customer requests (contact messages, erasure, EasySwitch), with the back faked."""

from __future__ import annotations

import re

import pytest

from weblys.testing.plugin import problem

MESSAGES = "/api/v1/myaccount/staff/contact-messages/"
ERASURES = "/api/v1/myaccount/staff/erasure-requests/"
SWITCHES = "/api/v1/myaccount/staff/easyswitch-requests/"
CARE_RIGHTS = ["wecare", "wecare.customers"]


def _page(
    results: list[dict], *, count: int | None = None, next_url: str | None = None, previous=None
) -> dict:
    return {
        "count": len(results) if count is None else count,
        "next": next_url,
        "previous": previous,
        "results": results,
    }


def _message(
    pk: int, *, number: str = "100001", subject: str = "Invoice question", handled: bool = False
) -> dict:
    return {
        "id": pk,
        "customer_number": number,
        "subject": subject,
        "message": "Why is my bill higher?\nThanks.",
        "is_handled": handled,
        "created_at": "2026-03-02T14:05:00+00:00",
    }


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def test_the_messages_page_lists_each_message_with_its_customer_date_and_status(
    client, fake_back, staff_login_as
):
    staff_login_as(client, rights=CARE_RIGHTS)
    fake_back.add(
        "GET",
        MESSAGES,
        json=_page(
            [_message(2, number="100002", subject="Moving soon"), _message(1, handled=True)],
            count=2,
        ),
    )

    response = client.get("/wecare/messages/", HTTP_ACCEPT_LANGUAGE="en")

    body = response.content.decode()
    text = _text(body)
    assert response.status_code == 200
    assert "<caption>2 messages (page 1 of 1, newest first)</caption>" in body
    assert body.count('<th scope="col">') == 5
    assert body.count('<th scope="row">') == 2
    assert "2026-03-02 09:05 100002 Moving soon Why is my bill higher? Thanks. New" in text
    assert "2026-03-02 09:05 100001 Invoice question Why is my bill higher? Thanks. Handled" in text
    assert "Why is my bill higher?<br>Thanks." in body
    assert text.index("Moving soon") < text.index("Invoice question")
    sent = fake_back.calls("GET", MESSAGES)
    assert len(sent) == 1
    assert dict(sent[0].url.params) == {"page": "1", "page_size": "50"}
    assert sent[0].headers["Authorization"] == "Bearer staff-token-1"


def test_the_second_page_asks_the_back_for_it_and_links_both_ways(client, fake_back, staff_login_as):
    staff_login_as(client, rights=CARE_RIGHTS)
    fake_back.add(
        "GET",
        MESSAGES,
        json=_page([_message(51)], count=120, next_url="http://back/?page=3", previous="http://back/?page=1"),
    )

    body = client.get("/wecare/messages/?page=2", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert dict(fake_back.calls("GET", MESSAGES)[0].url.params) == {"page": "2", "page_size": "50"}
    assert "120 messages (page 2 of 3, newest first)" in body
    assert '<a href="?customer_number=&amp;page=1" rel="prev">Previous page</a>' in body
    assert '<a href="?customer_number=&amp;page=3" rel="next">Next page</a>' in body


def test_filtering_by_customer_number_asks_the_back_for_that_customer_only(client, fake_back, staff_login_as):
    staff_login_as(client, rights=CARE_RIGHTS)
    fake_back.add("GET", MESSAGES, json=_page([], count=0))

    body = client.get("/wecare/messages/?customer_number=100009", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert dict(fake_back.calls("GET", MESSAGES)[0].url.params) == {
        "page": "1",
        "page_size": "50",
        "customer_number": "100009",
    }
    assert "<caption>0 messages</caption>" in body
    assert '<td colspan="5">No message.</td>' in body
    assert '<a href="?">Show all customers</a>' in body


def test_a_customer_number_with_letters_is_refused_without_calling_the_back(
    client, fake_back, staff_login_as
):
    staff_login_as(client, rights=CARE_RIGHTS)

    response = client.get("/wecare/messages/?customer_number=12a", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "A customer number has digits only." in response.content.decode()
    assert fake_back.requests == []


def test_a_page_past_the_end_is_not_found(client, fake_back, staff_login_as):
    staff_login_as(client, rights=CARE_RIGHTS)
    fake_back.add("GET", MESSAGES, status=404, json=problem(404, "not_found", "Invalid page."))

    response = client.get("/wecare/messages/?page=9", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404


def test_the_erasure_page_lists_status_reason_and_what_must_be_kept(client, fake_back, staff_login_as):
    staff_login_as(client, rights=CARE_RIGHTS)
    fake_back.add(
        "GET",
        ERASURES,
        json=_page(
            [
                {
                    "id": 4,
                    "customer_number": "100003",
                    "status": "in_progress",
                    "reason": "Leaving the country",
                    "retained": [{"data": "Invoices", "reason": "Tax law: 6 years"}],
                    "created_at": "2026-01-10T08:00:00Z",
                }
            ]
        ),
    )

    response = client.get("/wecare/erasure-requests/", HTTP_ACCEPT_LANGUAGE="en")

    body = response.content.decode()
    text = _text(body)
    assert response.status_code == 200
    assert '<a href="/wecare/erasure-requests/" aria-current="page">Erasure requests</a>' in body
    assert "1 erasure request (page 1 of 1, newest first)" in text
    assert "2026-01-10 03:00 100003 In progress Leaving the country Invoices: Tax law: 6 years" in text


def test_the_easyswitch_page_lists_code_operator_status_and_costs(client, fake_back, staff_login_as):
    staff_login_as(client, rights=CARE_RIGHTS)
    fake_back.add(
        "GET",
        SWITCHES,
        json=_page(
            [
                {
                    "id": 7,
                    "customer_number": "100005",
                    "switch_code": "ES-ABCD2345",
                    "receiving_operator": "Rival Telecom",
                    "status": "pending",
                    "summary": {
                        "early_termination_fees": "120.00",
                        "balance": "35.50",
                        "equipment_to_return": [{"serial_number": "SN-1", "service_code": "INT"}],
                    },
                    "created_at": "2026-02-01T17:30:00Z",
                }
            ]
        ),
    )

    response = client.get("/wecare/easyswitch-requests/", HTTP_ACCEPT_LANGUAGE="en")

    text = _text(response.content.decode())
    assert response.status_code == 200
    assert (
        "2026-02-01 12:30 100005 ES-ABCD2345 Rival Telecom Waiting for the receiving operator"
        " 120.00 $ 35.50 $ SN-1" in text
    )


@pytest.mark.parametrize(
    "path", ["/wecare/messages/", "/wecare/erasure-requests/", "/wecare/easyswitch-requests/"]
)
def test_without_the_customers_right_the_lists_are_forbidden(client, fake_back, staff_login_as, path):
    staff_login_as(client, rights=["wecare", "wecare.tickets"])

    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 403
    assert "<code>wecare.customers</code>" in response.content.decode()
    assert fake_back.requests == []


@pytest.mark.parametrize(
    "path", ["/wecare/messages/", "/wecare/erasure-requests/", "/wecare/easyswitch-requests/"]
)
def test_without_a_staff_session_the_lists_send_to_the_staff_login(client, fake_back, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"] == f"/staff/login/?next={path.replace('/', '%2F')}"
    assert fake_back.requests == []


def test_the_messages_page_speaks_french(client, fake_back, staff_login_as):
    staff_login_as(client, rights=CARE_RIGHTS)
    fake_back.add("GET", MESSAGES, json=_page([_message(1)], count=1))

    body = client.get("/wecare/messages/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert '<html lang="fr"' in body
    assert "<h1>Messages des clients</h1>" in body
    assert "<caption>1 message (page 1 sur 1, du plus récent au plus ancien)</caption>" in body
    assert '<th scope="col">Sujet</th>' in body
    assert "<td>Nouveau</td>" in body


def test_the_dashboard_links_the_three_lists_and_the_menu_links_the_customers_module(
    client, fake_back, staff_login_as
):
    staff_login_as(client, rights=CARE_RIGHTS)

    body = client.get("/wecare/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<li><a href="/wecare/messages/">Customer messages</a></li>' in body
    assert '<li><a href="/wecare/erasure-requests/">Erasure requests</a></li>' in body
    assert '<li><a href="/wecare/easyswitch-requests/">EasySwitch requests</a></li>' in body
    assert '<a href="/wecare/messages/"><strong>Customers</strong></a>' in body


def test_the_dashboard_hides_the_lists_without_the_customers_right(client, fake_back, staff_login_as):
    staff_login_as(client, rights=["wecare", "wecare.tickets"])

    body = client.get("/wecare/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "/wecare/messages/" not in body
    assert "Customer requests" not in body
