from __future__ import annotations

import pytest
from django.test import override_settings

from back.security import services
from back.security.models import StaffUser

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture
def agent():
    services.profile_upsert(code="CARE", name="Care", right_codes=["wecare", "wecare.customers"])
    return services.staff_user_upsert(
        code="care9", display_name="Care Nine", password="right-password", profile_codes=["CARE"]
    )


def test_a_staff_user_logs_in_and_gets_a_token_with_rights(api, agent):
    response = api.post(
        "/api/v1/security/sessions/", {"code": "care9", "password": "right-password"}, format="json"
    )

    assert response.status_code == 201
    body = response.json()
    assert body["user"]["rights"] == ["wecare", "wecare.customers"]
    api.credentials(HTTP_X_SERVICE_TOKEN="dev-service-token", HTTP_AUTHORIZATION=f"Bearer {body['token']}")
    assert api.get("/api/v1/security/me/").json()["code"] == "care9"


def test_an_unknown_code_and_a_wrong_password_get_the_same_answer(api, agent):
    unknown = api.post("/api/v1/security/sessions/", {"code": "nobody", "password": "x"}, format="json")
    wrong = api.post("/api/v1/security/sessions/", {"code": "care9", "password": "x"}, format="json")

    assert unknown.status_code == wrong.status_code == 401
    assert unknown.json()["code"] == wrong.json()["code"] == "invalid_credentials"
    assert unknown.json()["detail"] == wrong.json()["detail"]


@override_settings(LOGIN_MAX_FAILURES=3)
def test_repeated_failures_lock_the_account_even_for_the_right_password(api, agent):
    for _ in range(2):
        api.post("/api/v1/security/sessions/", {"code": "care9", "password": "bad"}, format="json")
    third = api.post("/api/v1/security/sessions/", {"code": "care9", "password": "bad"}, format="json")
    right = api.post(
        "/api/v1/security/sessions/", {"code": "care9", "password": "right-password"}, format="json"
    )

    assert third.status_code == 423
    assert right.status_code == 423
    assert right.json()["code"] == "account_locked"
    assert StaffUser.objects.get(code="care9").locked_until is not None


def test_logout_revokes_the_token(api, agent):
    token = api.post(
        "/api/v1/security/sessions/", {"code": "care9", "password": "right-password"}, format="json"
    ).json()["token"]
    api.credentials(HTTP_X_SERVICE_TOKEN="dev-service-token", HTTP_AUTHORIZATION=f"Bearer {token}")

    assert api.delete("/api/v1/security/sessions/current/").status_code == 204
    assert api.get("/api/v1/security/me/").status_code == 401
