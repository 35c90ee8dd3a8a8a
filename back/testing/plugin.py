"""Pytest fixtures for back tests (loaded with `-p back.testing.plugin`).

`api` is a DRF client carrying the front's service token; `staff_api(...)` and `customer_api(...)`
add a real person token issued by SECURITY, so tests go through the same authentication as the front.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

import pytest

ALL_DATABASES = "__all__"


def pytest_configure(config):
    """Give each xdist worker its own Redis database.

    Tests clear the cache around each test (FLUSHDB) and read tokens such as the catalog revision
    from it: two workers sharing one Redis database would see each other's keys and flushes.
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    from django.conf import settings

    cache_config = settings.CACHES["default"]
    if not worker or not cache_config["BACKEND"].startswith("django_redis"):
        return
    base, _, db = cache_config["LOCATION"].rpartition("/")
    index = int(worker.removeprefix("gw") or 0)
    cache_config["LOCATION"] = f"{base}/{int(db or 15) - index}"
    from django.core.cache import caches

    caches.__dict__.pop("settings", None)


def _service_client():
    from django.conf import settings
    from rest_framework.test import APIClient

    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_X_SERVICE_TOKEN=settings.SERVICE_TOKENS[0])
    return client


@pytest.fixture(autouse=True)
def _english_by_default():
    """Service-level tests read English (LANGUAGE_CODE is fr); API calls still follow Accept-Language."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    """A client authenticated as the front (service token), acting as the default web user."""
    return _service_client()


@pytest.fixture
def anonymous_api():
    """A client without any credential."""
    from rest_framework.test import APIClient

    return APIClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def staff_api(db) -> Callable:
    """Factory: `staff_api(rights=["wecare.customers"], code="agent", channel="store")` → client."""
    from django.conf import settings

    from back.security import services

    def make(rights: Iterable[str] = (), code: str = "agent", channel: str = "store", store_code: str = "S1"):
        profile = services.profile_upsert(code=f"P_{code}", name=code, right_codes=list(rights))
        user = services.staff_user_upsert(
            code=code,
            display_name=code.title(),
            password="test-password-123",
            profile_codes=[profile.code],
            channel=channel,
            store_code=store_code,
        )
        token = services.person_token_issue(kind="staff", staff_user=user)
        client = _service_client()
        client.credentials(
            HTTP_X_SERVICE_TOKEN=settings.SERVICE_TOKENS[0], HTTP_AUTHORIZATION=f"Bearer {token.raw}"
        )
        return client

    return make


@pytest.fixture
def customer_api(db) -> Callable:
    """Factory: `customer_api("100001")` → client acting as that customer."""
    from django.conf import settings

    from back.security import services

    def make(customer_number: str):
        token = services.customer_token_issue(customer_number=customer_number)
        client = _service_client()
        client.credentials(
            HTTP_X_SERVICE_TOKEN=settings.SERVICE_TOKENS[0], HTTP_AUTHORIZATION=f"Bearer {token.raw}"
        )
        return client

    return make
