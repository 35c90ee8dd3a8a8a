"""French and English on every page, the language switch, and the friendly error pages."""

from __future__ import annotations

import httpx  # noqa: TID251 - building transport errors for the fake back
import pytest

from weblys.testing.plugin import problem

HEALTH_OK = {"status": "ok", "failed": [], "checks": {"cache": {"status": "ok"}}, "duration_ms": 1.0}
CITIES = [{"code": "MTL", "name": "Montréal", "province": "QC"}]


@pytest.fixture(autouse=True)
def _selfshop_cities(fake_back):
    """SelfShop's first page lists the cities served."""
    fake_back.add("GET", "/api/v1/procable/addresses/cities/", json=CITIES)


@pytest.mark.parametrize(
    ("path", "french", "english"),
    [
        ("/", "Vérifier la disponibilité à mon adresse", "Check availability at my address"),
        ("/selfshop/", "Recherchez votre adresse", "Search your address"),
        ("/myaccount/login/", "Me connecter à mon compte", "Log in to my account"),
        ("/staff/login/", "Connexion du personnel", "Staff login"),
        ("/does-not-exist/", "Page introuvable", "Page not found"),
    ],
)
def test_public_pages_exist_in_french_and_english(client, path, french, english):
    french_body = client.get(path, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english_body = client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert french in french_body
    assert '<html lang="fr">' in french_body
    assert english in english_body
    assert '<html lang="en">' in english_body


@pytest.mark.parametrize(
    ("site", "french", "english"),
    [
        ("weshop", "Prendre des commandes", "Take orders"),
        ("wecare", "Suivi des billets", "Tickets tracking"),
        ("wecrm", "Pannes", "Outages"),
        ("wediag", "Utiliser les arbres de diagnostic", "Use the diagnostic trees"),
        ("weconfig", "Utilisateurs et droits", "Users and rights"),
    ],
)
def test_staff_dashboards_exist_in_french_and_english(
    client, fake_back, staff_login_as, site, french, english
):
    staff_login_as(client, rights=[site, *_all_module_rights()])
    fake_back.add("GET", "/health/", json=HEALTH_OK)

    assert french in client.get(f"/{site}/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert english in client.get(f"/{site}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def _all_module_rights() -> list[str]:
    from weblys.staff import STAFF_MENU

    return [module.right for site in STAFF_MENU for module in site.modules]


def test_customer_pages_exist_in_french_and_english(client, fake_back, customer_login_as):
    from sites.myaccount.tests.conftest import ANSWERS

    customer_login_as(client, "100001")
    for _ in range(2):
        fake_back.add("GET", "/api/v1/myaccount/summary/", json=ANSWERS["summary"])
        fake_back.add("GET", "/api/v1/myaccount/change-offer/", json=ANSWERS["change_offer"])

    for path, french, english in [
        ("/myaccount/", "Numéro de client", "Customer number"),
    ]:
        assert french in client.get(path, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
        assert english in client.get(path, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_every_page_offers_the_language_switch(client):
    body = client.get("/selfshop/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert 'action="/i18n/setlang/"' in body
    assert (
        '<button type="submit" name="language" value="en" lang="en" class="button-link">English</button>'
        in body
    )
    assert 'name="next" value="/selfshop/"' in body


def test_the_language_switch_works_without_javascript(client):
    response = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/selfshop/"}, HTTP_ACCEPT_LANGUAGE="fr"
    )

    assert response.status_code == 302
    assert response["Location"] == "/selfshop/"
    assert response.cookies["weblys_language"].value == "en"
    assert "Search your address" in client.get("/selfshop/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def test_an_unreachable_back_shows_the_friendly_page_with_the_request_id(client, fake_back, staff_login_as):
    staff_login_as(client, rights=["selfshop"])
    fake_back.add_exception("POST", "/api/v1/security/sessions/", httpx.ConnectError("refused"))

    response = client.post(
        "/staff/login/",
        {"code": "care1", "password": "pw"},
        HTTP_ACCEPT_LANGUAGE="en",
        HTTP_X_REQUEST_ID="lb-request-000123",
    )

    body = response.content.decode()
    assert response.status_code == 503
    assert response["X-Request-ID"] == "lb-request-000123"
    assert response["Retry-After"] == "30"
    assert "Service temporarily unavailable" in body
    assert "<code>lb-request-000123</code>" in body
    assert fake_back.requests[0].headers["X-Request-ID"] == "lb-request-000123"


def test_the_back_unavailable_page_is_in_french_too(client, fake_back):
    fake_back.add("POST", "/api/v1/security/sessions/", status=503, json=problem(503, "unavailable"))

    response = client.post("/staff/login/", {"code": "c", "password": "p"}, HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 503
    assert "Service temporairement indisponible" in response.content.decode()


def test_a_request_gets_a_request_id_when_the_load_balancer_gave_none(client):
    response = client.get("/")

    assert len(response["X-Request-ID"]) == 32


def test_a_malformed_incoming_request_id_is_replaced(client):
    response = client.get("/", HTTP_X_REQUEST_ID="bad id with spaces")

    assert response["X-Request-ID"] != "bad id with spaces"
    assert len(response["X-Request-ID"]) == 32


def test_an_expired_token_at_the_back_sends_the_staff_user_to_log_in_again(client, fake_back, staff_login_as):
    from weblys.sessions import STAFF_KEY

    staff_login_as(client, rights=["weconfig"])
    fake_back.add("GET", "/health/", status=401, json=problem(401, "authentication_failed"))

    response = client.get("/weconfig/")

    assert response.status_code == 302
    assert response["Location"] == "/staff/login/?next=%2Fweconfig%2F"
    assert STAFF_KEY not in client.session


def test_an_unexpected_back_error_gives_the_500_page_with_the_request_id(client, fake_back, staff_login_as):
    client.raise_request_exception = False
    staff_login_as(client, rights=["weconfig"])
    fake_back.add("GET", "/health/", status=500, json=problem(500, "server_error"))

    response = client.get("/weconfig/", HTTP_ACCEPT_LANGUAGE="en", HTTP_X_REQUEST_ID="req-500-000001")

    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "<code>req-500-000001</code>" in response.content.decode()


def test_pages_carry_the_security_headers(client):
    response = client.get("/")

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_the_brand_colours_come_from_settings_under_the_csp_nonce(client, settings):
    settings.WEBLYS_BRAND_PRIMARY = "#123456"
    settings.WEBLYS_OPERATOR_NAME = "Télé-Nord"

    response = client.get("/")

    body = response.content.decode()
    nonce = response["Content-Security-Policy"].split("'nonce-", 1)[1].split("'", 1)[0]
    assert f'<style nonce="{nonce}">:root {{ --brand-primary: #123456;' in body
    assert "Télé-Nord" in body
