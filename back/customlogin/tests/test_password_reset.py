from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from back.customlogin import services
from back.customlogin.models import Credential, PasswordReset

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db(databases="__all__")

REQUEST_URL = "/api/v1/customlogin/password-resets/"
CONFIRM_URL = "/api/v1/customlogin/password-resets/confirm/"


def _request(api, **fields):
    return api.post(REQUEST_URL, fields, format="json")


def _token_from_mail() -> str:
    match = re.search(r"/myaccount/reset/([^/\s]+)/", mail.outbox[-1].body)
    assert match
    return match.group(1)


def test_matching_recovery_data_sends_a_reset_link_in_the_customer_language(api, credential, settings):
    settings.FRONT_BASE_URL = "https://myaccount.example"

    response = _request(api, login_id="200001", last_name="cote", email="MARIE@example.com")

    assert response.status_code == 202
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["marie@example.com"]
    assert "https://myaccount.example/myaccount/reset/" in message.body
    token = _token_from_mail()
    assert PasswordReset.objects.get().token_hash != token  # only a hash is stored


def test_a_phone_number_can_replace_the_e_mail(api, credential):
    response = _request(api, login_id="200001", last_name="Côté", phone="+1 (514) 555-0101")

    assert response.status_code == 202
    assert len(mail.outbox) == 1


def test_a_personal_id_can_replace_the_customer_number(api, credential):
    services.personal_login_set(
        customer_number="200001",
        personal_login_id="marie.cote",
        password="my-own-secret-9",
        current_password=PASSWORD,
    )

    _request(api, login_id="Marie.Cote", last_name="Côté", email="marie@example.com")

    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"login_id": "999999", "last_name": "Côté", "email": "marie@example.com"},
        {"login_id": "200001", "last_name": "Tremblay", "email": "marie@example.com"},
        {"login_id": "200001", "last_name": "Côté", "email": "other@example.com"},
        {"login_id": "200001", "last_name": "Côté", "phone": "514 555 9999"},
    ],
)
def test_a_request_that_matches_nothing_gets_the_same_answer_and_sends_nothing(api, credential, fields):
    matching = _request(api, login_id="200001", last_name="Côté", email="marie@example.com")
    mail.outbox.clear()

    response = _request(api, **fields)

    assert response.status_code == matching.status_code == 202
    assert response.json() == matching.json()
    assert mail.outbox == []
    assert PasswordReset.objects.count() == 1


def test_a_request_needs_an_e_mail_or_a_phone(api, credential):
    response = _request(api, login_id="200001", last_name="Côté")

    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["email"]


def test_the_reset_link_sets_the_password_once_and_unlocks(api, credential):
    Credential.objects.filter(pk=credential.pk).update(locked_until=timezone.now() + timedelta(minutes=10))
    _request(api, login_id="200001", last_name="Côté", email="marie@example.com")
    token = _token_from_mail()

    first = api.post(CONFIRM_URL, {"token": token, "new_password": "chosen-again-7"}, format="json")
    second = api.post(CONFIRM_URL, {"token": token, "new_password": "another-one-8"}, format="json")

    assert first.status_code == 200
    assert first.json() == {"customer_number": "200001"}
    assert second.status_code == 400
    assert second.json()["code"] == "reset_link_invalid"
    credential = Credential.objects.get(pk=credential.pk)
    assert credential.check_password("chosen-again-7")
    assert credential.locked_until is None
    login = api.post(
        "/api/v1/customlogin/sessions/", {"login_id": "200001", "password": "chosen-again-7"}, format="json"
    )
    assert login.status_code == 201


def test_an_expired_reset_link_is_refused_and_changes_nothing(api, credential):
    _request(api, login_id="200001", last_name="Côté", email="marie@example.com")
    token = _token_from_mail()
    PasswordReset.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = api.post(CONFIRM_URL, {"token": token, "new_password": "chosen-again-7"}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "reset_link_invalid"
    assert Credential.objects.get(pk=credential.pk).check_password(PASSWORD)


def test_a_link_expires_one_hour_after_the_request_by_default(api, credential):
    before = timezone.now()
    _request(api, login_id="200001", last_name="Côté", email="marie@example.com")

    expires_at = PasswordReset.objects.get().expires_at
    assert timedelta(minutes=59) < expires_at - before <= timedelta(hours=1, seconds=5)


def test_using_one_link_voids_the_other_pending_links(api, credential):
    _request(api, login_id="200001", last_name="Côté", email="marie@example.com")
    older = _token_from_mail()
    _request(api, login_id="200001", last_name="Côté", email="marie@example.com")
    newer = _token_from_mail()

    api.post(CONFIRM_URL, {"token": newer, "new_password": "chosen-again-7"}, format="json")
    response = api.post(CONFIRM_URL, {"token": older, "new_password": "another-one-8"}, format="json")

    assert response.status_code == 400
    assert Credential.objects.get(pk=credential.pk).check_password("chosen-again-7")


def test_a_weak_password_is_refused_and_keeps_the_link_usable(api, credential):
    _request(api, login_id="200001", last_name="Côté", email="marie@example.com")
    token = _token_from_mail()

    weak = api.post(CONFIRM_URL, {"token": token, "new_password": "short"}, format="json")
    strong = api.post(CONFIRM_URL, {"token": token, "new_password": "chosen-again-7"}, format="json")

    assert weak.status_code == 400
    assert list(weak.json()["errors"]) == ["password"]
    assert strong.status_code == 200


def test_a_made_up_token_is_refused(api, credential):
    response = api.post(CONFIRM_URL, {"token": "made-up", "new_password": "chosen-again-7"}, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "reset_link_invalid"


def test_a_reset_logs_the_customer_out_of_every_session(api, customer_api, credential):
    other_session = customer_api("200001")
    assert other_session.get("/api/v1/procable/customers/200001/").status_code != 401
    _request(api, login_id="200001", last_name="cote", email="marie@example.com")

    response = api.post(
        CONFIRM_URL, {"token": _token_from_mail(), "new_password": "brand-new-secret-7"}, format="json"
    )

    assert response.status_code == 200
    assert other_session.get("/api/v1/procable/customers/200001/").status_code == 401
