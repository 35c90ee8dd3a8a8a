from __future__ import annotations

import pytest
from django.contrib.auth.hashers import check_password

from back.customlogin import services
from back.customlogin.models import Credential

pytestmark = pytest.mark.django_db(databases="__all__")


def test_the_procable_hook_stores_a_hash_and_the_recovery_data():
    services.credentials_create_for_new_customer(
        "300001",
        "Abc123xyz9",
        {
            "first_name": "Léa",
            "last_name": "Roy",
            "email": "lea@example.com",
            "phones": ["(514) 555-0199", ""],
        },
    )

    credential = Credential.objects.get(customer_number="300001")
    assert credential.password != "Abc123xyz9"
    assert check_password("Abc123xyz9", credential.password)
    assert (credential.first_name, credential.last_name, credential.email, credential.phones) == (
        "Léa",
        "Roy",
        "lea@example.com",
        ["5145550199"],
    )


def test_the_hook_twice_for_the_same_customer_updates_without_a_duplicate():
    services.credentials_create_for_new_customer("300001", "first-pass-1", {"last_name": "Roy"})
    services.credentials_create_for_new_customer("300001", "second-pass-2", {"last_name": "Roy-Gagnon"})

    assert Credential.objects.filter(customer_number="300001").count() == 1
    credential = Credential.objects.get(customer_number="300001")
    assert credential.last_name == "Roy-Gagnon"
    assert credential.check_password("second-pass-2")
    assert not credential.check_password("first-pass-1")


def test_a_password_change_from_procable_keeps_the_personal_login(credential):
    services.personal_login_set(
        customer_number="200001",
        personal_login_id="marie.cote",
        password="my-own-secret-9",
        current_password="generated-Pw-1",
    )

    services.password_change_from_procable(customer_number="200001", password_plain="NewGen4567")

    credential = Credential.objects.get(customer_number="200001")
    assert credential.check_password("NewGen4567")
    assert credential.personal_login_id == "marie.cote"
    assert credential.check_personal_password("my-own-secret-9")


def test_procable_creating_a_customer_creates_the_credential_through_the_configured_hook(settings):
    from back.procable import hooks

    settings.PROCABLE_ON_CUSTOMER_CREATED = "back.customlogin.services.credentials_create_for_new_customer"

    hooks.on_customer_created(
        "300002",
        "Gen-pass-77",
        {"first_name": "Luc", "last_name": "Roy", "email": "luc@example.com", "phones": []},
    )

    assert Credential.objects.get(customer_number="300002").check_password("Gen-pass-77")


def test_recovery_update_changes_only_the_given_fields(credential):
    assert services.recovery_update(
        customer_number="200001", email="new@example.com", phones=["450 555 0000"]
    )

    credential = Credential.objects.get(customer_number="200001")
    assert (credential.email, credential.phones, credential.last_name) == (
        "new@example.com",
        ["4505550000"],
        "Côté",
    )
    assert services.recovery_update(customer_number="999999", email="x@example.com") is False


def test_an_invalid_recovery_e_mail_is_dropped_rather_than_failing_the_customer_creation():
    services.credentials_create_for_new_customer(
        "300003", "Gen-pass-78", {"last_name": "Roy", "email": "not-mail"}
    )

    credential = Credential.objects.get(customer_number="300003")
    assert (credential.email, credential.last_name) == ("", "Roy")
