"""Both tiers, for real: every site answers, the back is closed to callers without the service token."""

from __future__ import annotations

import httpx
import pytest

SITES = ["selfshop", "myaccount", "myshop", "weshop", "wecare", "wecrm", "wediag", "weconfig"]
STAFF_SITES = {"weshop", "wecare", "wecrm", "wediag", "weconfig"}


def test_the_back_is_healthy_and_publishes_its_schema(stack):
    health = httpx.get(f"{stack.back_url}/health/")
    schema = httpx.get(f"{stack.back_url}/api/schema/", headers={"Accept": "application/json"})

    assert health.status_code == 200
    assert health.json()["failed"] == []
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "Weblys back API"


def test_the_back_refuses_a_call_without_the_service_token(stack):
    response = httpx.get(f"{stack.back_url}/api/v1/security/me/")

    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("site", SITES)
def test_every_site_prefix_answers(stack, site):
    response = httpx.get(f"{stack.front_url}/{site}/", follow_redirects=False)

    if site in STAFF_SITES:
        assert response.status_code == 302
        assert response.headers["location"].startswith("/staff/login/")
    else:
        assert response.status_code in (200, 302)


def test_the_portal_links_to_selfshop_and_myaccount_in_both_languages(stack):
    french = httpx.get(f"{stack.front_url}/", headers={"Accept-Language": "fr"})
    english = httpx.get(f"{stack.front_url}/", headers={"Accept-Language": "en"})

    assert french.status_code == english.status_code == 200
    assert 'href="/selfshop/' in french.text and 'href="/myaccount/' in french.text
    assert 'lang="fr"' in french.text
    assert 'lang="en"' in english.text
