from __future__ import annotations

import pytest

from back.customlogin import services
from back.customlogin.models import Credential

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db(databases="__all__")

PERSONAL_URL = "/api/v1/customlogin/me/personal-login/"
PASSWORD_URL = "/api/v1/customlogin/me/password/"


def test_a_customer_defines_a_personal_login_id_stored_lower_case(customer_api, credential):
    client = customer_api("200001")

    response = client.put(
        PERSONAL_URL,
        {"personal_login_id": "Marie.Cote", "password": "my-own-secret-9", "current_password": PASSWORD},
        format="json",
    )

    assert response.status_code == 200
    assert response.json() == {"customer_number": "200001", "personal_login_id": "marie.cote"}
    assert Credential.objects.get(customer_number="200001").check_personal_password("my-own-secret-9")


def test_a_wrong_current_password_changes_nothing(customer_api, credential):
    client = customer_api("200001")

    response = client.put(
        PERSONAL_URL,
        {"personal_login_id": "marie.cote", "password": "my-own-secret-9", "current_password": "wrong-one-1"},
        format="json",
    )

    assert response.status_code == 403
    assert response.json()["code"] == "current_password_wrong"
    credential = Credential.objects.get(customer_number="200001")
    assert (credential.personal_login_id, credential.personal_password) == (None, "")


def test_a_personal_id_taken_by_another_customer_is_refused_whatever_the_case(customer_api, credential):
    services.credential_upsert_from_procable(
        customer_number="200002", password_plain="other-pass-1", recovery={}
    )
    services.personal_login_set(
        customer_number="200002",
        personal_login_id="marie.cote",
        password="other-secret-1",
        current_password="other-pass-1",
    )

    response = customer_api("200001").put(
        PERSONAL_URL,
        {"personal_login_id": "MARIE.COTE", "password": "my-own-secret-9", "current_password": PASSWORD},
        format="json",
    )

    assert response.status_code == 409
    assert response.json()["code"] == "personal_login_id_taken"
    assert Credential.objects.get(customer_number="200001").personal_login_id is None


@pytest.mark.parametrize(
    ("login_id", "password", "field"),
    [
        ("123456", "my-own-secret-9", "personal_login_id"),
        ("ab", "my-own-secret-9", "personal_login_id"),
        ("marie cote", "my-own-secret-9", "personal_login_id"),
        ("marie.cote", "short", "password"),
        ("marie.cote", "12345678901", "password"),
    ],
)
def test_invalid_personal_logins_are_field_errors(customer_api, credential, login_id, password, field):
    response = customer_api("200001").put(
        PERSONAL_URL,
        {"personal_login_id": login_id, "password": password, "current_password": PASSWORD},
        format="json",
    )

    assert response.status_code == 400
    assert list(response.json()["errors"]) == [field]
    assert Credential.objects.get(customer_number="200001").personal_login_id is None


def test_only_a_customer_may_set_a_personal_login(api, staff_api, credential):
    body = {"personal_login_id": "marie.cote", "password": "my-own-secret-9", "current_password": PASSWORD}

    assert api.put(PERSONAL_URL, body, format="json").status_code == 403
    assert staff_api(rights=["wecare.customers"]).put(PERSONAL_URL, body, format="json").status_code == 403


def test_a_customer_changes_the_password_of_the_customer_number(api, customer_api, credential):
    response = customer_api("200001").put(
        PASSWORD_URL, {"current_password": PASSWORD, "new_password": "brand-new-pass-1"}, format="json"
    )

    assert response.status_code == 204
    login = api.post(
        "/api/v1/customlogin/sessions/", {"login_id": "200001", "password": "brand-new-pass-1"}, format="json"
    )
    assert login.status_code == 201


def test_a_password_change_with_a_wrong_current_password_changes_nothing(customer_api, credential):
    response = customer_api("200001").put(
        PASSWORD_URL, {"current_password": "nope-nope-1", "new_password": "brand-new-pass-1"}, format="json"
    )

    assert response.status_code == 403
    assert Credential.objects.get(customer_number="200001").check_password(PASSWORD)


def test_a_password_change_logs_out_the_other_sessions_but_not_this_one(customer_api, credential):
    this_session, other_session = customer_api("200001"), customer_api("200001")

    response = this_session.put(
        PASSWORD_URL, {"current_password": PASSWORD, "new_password": "brand-new-secret-7"}, format="json"
    )

    assert response.status_code == 204
    assert other_session.get("/api/v1/procable/customers/200001/").status_code == 401
    assert this_session.get("/api/v1/procable/customers/200001/").status_code != 401
