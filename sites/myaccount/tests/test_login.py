"""MyAccount: customer login against CUSTOM LOGIN, home, logout."""

from __future__ import annotations

import json

from weblys.sessions import CUSTOMER_KEY
from weblys.testing.plugin import problem

SESSIONS = "/api/v1/customlogin/sessions/"
GOOD = {"token": "cust-tok", "expires_at": "2099-01-01T00:00:00Z", "customer_number": "100001"}


def test_myaccount_sends_anonymous_visitors_to_the_login(client):
    response = client.get("/myaccount/")

    assert response.status_code == 302
    assert response["Location"] == "/myaccount/login/"


def test_a_good_login_opens_the_account(client, fake_back):
    fake_back.add("POST", SESSIONS, status=201, json=GOOD)

    response = client.post("/myaccount/login/", {"login_id": "100001", "password": "pw"})

    assert response.status_code == 302
    assert response["Location"] == "/myaccount/"
    assert json.loads(fake_back.requests[0].read()) == {"login_id": "100001", "password": "pw"}
    assert "Authorization" not in fake_back.requests[0].headers
    assert client.session[CUSTOMER_KEY]["customer_number"] == "100001"


def test_the_customer_session_expires_when_idle(client, fake_back, settings):
    fake_back.add("POST", SESSIONS, status=201, json=GOOD)

    client.post("/myaccount/login/", {"login_id": "100001", "password": "pw"})

    assert client.session.get_expiry_age() == settings.WEBLYS_CUSTOMER_SESSION_IDLE_SECONDS


def test_a_wrong_password_is_said_and_the_id_kept(client, fake_back):
    fake_back.add("POST", SESSIONS, status=401, json=problem(401, "invalid_credentials"))

    response = client.post(
        "/myaccount/login/", {"login_id": "100001", "password": "bad"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    body = response.content.decode()
    assert response.status_code == 400
    assert "The customer number, personal ID or password is wrong." in body
    assert 'value="100001"' in body
    assert CUSTOMER_KEY not in client.session


def test_a_locked_access_is_said(client, fake_back):
    fake_back.add("POST", SESSIONS, status=423, json=problem(423, "account_locked"))

    response = client.post(
        "/myaccount/login/", {"login_id": "100001", "password": "bad"}, HTTP_ACCEPT_LANGUAGE="fr"
    )

    assert "votre accès est bloqué pour un moment" in response.content.decode()
    assert CUSTOMER_KEY not in client.session


def test_myshop_sends_the_customer_back_after_login(client, fake_back):
    fake_back.add("POST", SESSIONS, status=201, json=GOOD)

    response = client.post("/myaccount/login/", {"login_id": "100001", "password": "pw", "next": "/myshop/"})

    assert response["Location"] == "/myshop/"


def test_logout_revokes_the_customer_token(client, fake_back, customer_login_as):
    customer_login_as(client, "100001", token="cust-out")
    fake_back.add("DELETE", "/api/v1/security/sessions/current/", status=204)

    response = client.post("/myaccount/logout/")

    assert response["Location"] == "/myaccount/login/"
    assert fake_back.requests[0].headers["Authorization"] == "Bearer cust-out"
    assert CUSTOMER_KEY not in client.session


def test_the_customer_login_sends_no_person_token_even_with_a_staff_session_and_names_its_site(
    client, fake_back, staff_login_as
):
    staff_login_as(client, rights=["wecare"], token="staff-secret")
    fake_back.add("POST", SESSIONS, status=401, json=problem(401, "invalid_credentials"))

    client.post("/myaccount/login/", {"login_id": "100001", "password": "bad"})

    assert "Authorization" not in fake_back.requests[0].headers
    assert fake_back.requests[0].headers["X-Weblys-Site"] == "myaccount"
