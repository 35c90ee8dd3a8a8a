"""Staff login and logout against SECURITY (through the fake back)."""

from __future__ import annotations

import html
import json

from weblys.sessions import STAFF_KEY
from weblys.testing.plugin import problem, staff_payload

SESSIONS = "/api/v1/security/sessions/"


def test_a_good_login_opens_the_session_and_goes_to_next(client, fake_back):
    fake_back.add("POST", SESSIONS, status=201, json=staff_payload(rights=["wecare", "wecare.customers"]))

    response = client.post(
        "/staff/login/", {"code": "agent1", "password": "pw", "next": "/wecare/"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 302
    assert response["Location"] == "/wecare/"
    assert client.session[STAFF_KEY]["token"] == "staff-token-1"
    assert json.loads(fake_back.requests[0].read()) == {"code": "agent1", "password": "pw"}
    assert fake_back.requests[0].headers["X-Client-IP"] == "127.0.0.1"


def test_without_next_a_login_goes_to_the_first_site_the_user_has(client, fake_back):
    fake_back.add("POST", SESSIONS, status=201, json=staff_payload(rights=["wecrm", "wediag"]))

    response = client.post("/staff/login/", {"code": "agent1", "password": "pw"})

    assert response["Location"] == "/wecrm/"


def test_an_outside_next_is_ignored(client, fake_back):
    fake_back.add("POST", SESSIONS, status=201, json=staff_payload(rights=["wecare"]))

    response = client.post(
        "/staff/login/", {"code": "agent1", "password": "pw", "next": "https://evil.example/"}
    )

    assert response["Location"] == "/wecare/"


def test_a_wrong_password_shows_a_form_error_and_keeps_the_code(client, fake_back):
    fake_back.add("POST", SESSIONS, status=401, json=problem(401, "invalid_credentials"))

    response = client.post("/staff/login/", {"code": "care1", "password": "bad"}, HTTP_ACCEPT_LANGUAGE="en")

    body = response.content.decode()
    assert response.status_code == 200
    assert "The login code or the password is wrong." in body
    assert 'value="care1"' in body
    assert 'value="bad"' not in body
    assert STAFF_KEY not in client.session


def test_a_wrong_password_is_explained_in_french(client, fake_back):
    fake_back.add("POST", SESSIONS, status=401, json=problem(401, "invalid_credentials"))

    response = client.post("/staff/login/", {"code": "care1", "password": "bad"}, HTTP_ACCEPT_LANGUAGE="fr")

    assert "Le code d'utilisateur ou le mot de passe est erroné." in html.unescape(response.content.decode())


def test_a_locked_account_is_explained(client, fake_back):
    fake_back.add("POST", SESSIONS, status=423, json=problem(423, "account_locked"))

    response = client.post("/staff/login/", {"code": "care1", "password": "bad"}, HTTP_ACCEPT_LANGUAGE="en")

    assert "this account is locked for a while" in response.content.decode()
    assert STAFF_KEY not in client.session


def test_field_errors_from_the_back_land_on_the_fields(client, fake_back):
    fake_back.add(
        "POST", SESSIONS, status=400, json=problem(400, "validation_error", errors={"code": ["Too long."]})
    )

    response = client.post("/staff/login/", {"code": "x", "password": "pw"}, HTTP_ACCEPT_LANGUAGE="en")

    body = response.content.decode()
    assert '<ul class="errorlist" id="id_code_error"><li>Too long.</li></ul>' in body
    assert 'aria-describedby="id_code_error"' in body


def test_an_empty_form_is_refused_without_calling_the_back(client, fake_back):
    response = client.post("/staff/login/", {"code": "", "password": ""}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert fake_back.requests == []


def test_the_user_language_becomes_the_page_language(client, fake_back):
    fake_back.add("POST", SESSIONS, status=201, json=staff_payload(rights=["wecare"], language="en"))

    response = client.post("/staff/login/", {"code": "agent1", "password": "pw"}, HTTP_ACCEPT_LANGUAGE="fr")

    assert response.cookies["weblys_language"].value == "en"


def test_logout_revokes_the_token_and_ends_the_session(client, fake_back, staff_login_as):
    staff_login_as(client, rights=["wecare"], token="tok-out")
    fake_back.add("DELETE", "/api/v1/security/sessions/current/", status=204)

    response = client.post("/staff/logout/")

    assert response.status_code == 302
    assert response["Location"] == "/staff/login/"
    assert fake_back.requests[0].headers["Authorization"] == "Bearer tok-out"
    assert STAFF_KEY not in client.session


def test_logout_ends_the_session_even_when_the_back_is_down(client, fake_back, staff_login_as):
    staff_login_as(client, rights=["wecare"])
    fake_back.add("DELETE", "/api/v1/security/sessions/current/", status=503)

    response = client.post("/staff/logout/")

    assert response.status_code == 302
    assert STAFF_KEY not in client.session


def test_logout_needs_a_post(client):
    assert client.get("/staff/logout/").status_code == 405
