from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from back.customlogin import services
from back.customlogin.models import Credential

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db(databases="__all__")

URL = "/api/v1/customlogin/sessions/"


def _login(api, login_id: str, password: str):
    return api.post(URL, {"login_id": login_id, "password": password}, format="json")


def test_a_customer_logs_in_with_the_customer_number_and_acts_as_that_customer(api, credential):
    response = _login(api, "200001", PASSWORD)

    assert response.status_code == 201
    body = response.json()
    assert sorted(body) == ["customer_number", "expires_at", "token"]
    assert body["customer_number"] == "200001"
    api.credentials(HTTP_X_SERVICE_TOKEN="dev-service-token", HTTP_AUTHORIZATION=f"Bearer {body['token']}")
    assert api.delete("/api/v1/customlogin/sessions/current/").status_code == 204
    assert Credential.objects.get(customer_number="200001").last_login_at is not None


def test_a_customer_logs_in_with_the_personal_id_in_any_case(api, credential):
    services.personal_login_set(
        customer_number="200001",
        personal_login_id="Marie.Cote",
        password="my-own-secret-9",
        current_password=PASSWORD,
    )

    response = _login(api, "  MARIE.cote ", "my-own-secret-9")

    assert response.status_code == 201
    assert response.json()["customer_number"] == "200001"


def test_the_personal_password_does_not_open_the_customer_number_login_and_vice_versa(api, credential):
    services.personal_login_set(
        customer_number="200001",
        personal_login_id="marie.cote",
        password="my-own-secret-9",
        current_password=PASSWORD,
    )

    assert _login(api, "200001", "my-own-secret-9").status_code == 401
    assert _login(api, "marie.cote", PASSWORD).status_code == 401


def test_an_unknown_id_and_a_wrong_password_get_the_same_answer(api, credential):
    unknown = _login(api, "999999", "whatever-1")
    unknown_personal = _login(api, "nobody.here", "whatever-1")
    wrong = _login(api, "200001", "whatever-1")

    assert unknown.status_code == unknown_personal.status_code == wrong.status_code == 401
    assert (
        unknown.json()["code"]
        == unknown_personal.json()["code"]
        == wrong.json()["code"]
        == "invalid_credentials"
    )
    assert unknown.json()["detail"] == unknown_personal.json()["detail"] == wrong.json()["detail"]
    assert sorted(unknown.json()) == sorted(wrong.json())


def test_a_logout_makes_the_token_useless(api, credential):
    token = _login(api, "200001", PASSWORD).json()["token"]
    api.credentials(HTTP_X_SERVICE_TOKEN="dev-service-token", HTTP_AUTHORIZATION=f"Bearer {token}")
    api.delete("/api/v1/customlogin/sessions/current/")

    again = api.delete("/api/v1/customlogin/sessions/current/")

    assert again.status_code == 401


def test_logout_refuses_a_caller_that_is_not_a_customer(api):
    assert api.delete("/api/v1/customlogin/sessions/current/").status_code == 403


def test_repeated_failures_lock_the_account_even_for_the_right_password(api, credential, settings):
    settings.LOGIN_MAX_FAILURES = 3
    for _ in range(2):
        assert _login(api, "200001", "bad-password").status_code == 401

    third = _login(api, "200001", "bad-password")
    right = _login(api, "200001", PASSWORD)

    assert third.status_code == 423
    assert right.status_code == 423
    assert right.json()["code"] == "account_locked"
    assert Credential.objects.get(customer_number="200001").locked_until > timezone.now()


def test_the_lock_expires_after_the_lockout_delay(api, credential, settings):
    settings.LOGIN_MAX_FAILURES = 2
    _login(api, "200001", "bad-password")
    _login(api, "200001", "bad-password")
    Credential.objects.filter(customer_number="200001").update(
        locked_until=timezone.now() - timedelta(seconds=1)
    )

    assert _login(api, "200001", PASSWORD).status_code == 201
    assert Credential.objects.get(customer_number="200001").failed_logins == 0


def test_an_unknown_id_gets_locked_like_a_real_one_so_lockout_reveals_nothing(api, credential, settings):
    settings.LOGIN_MAX_FAILURES = 3
    real = [_login(api, "200001", "bad-password").status_code for _ in range(4)]
    unknown = [_login(api, "200002", "bad-password").status_code for _ in range(4)]

    assert real == unknown == [401, 401, 423, 423]


def test_logins_are_throttled_per_login_id_and_client(api, credential, settings):
    settings.CUSTOMLOGIN_LOGIN_THROTTLE_RATE = "3/min"
    settings.LOGIN_MAX_FAILURES = 100
    statuses = [_login(api, "200001", "bad-password").status_code for _ in range(4)]
    other_client = api.post(
        URL, {"login_id": "200001", "password": PASSWORD}, format="json", HTTP_X_CLIENT_IP="10.0.0.9"
    )

    assert statuses == [401, 401, 401, 429]
    assert other_client.status_code == 201


def test_an_account_without_a_usable_password_cannot_log_in(api, db):
    services.credential_upsert_from_procable(customer_number="200009", password_plain=None, recovery={})

    response = _login(api, "200009", "")

    assert response.status_code == 400
    assert _login(api, "200009", "!").status_code == 401


def test_a_missing_field_is_a_field_error(api):
    response = api.post(URL, {"login_id": "200001"}, format="json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert list(response.json()["errors"]) == ["password"]
