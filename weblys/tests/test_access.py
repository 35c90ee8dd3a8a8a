"""Who reaches which page: staff login, rights, the site prefixes, menus."""

from __future__ import annotations

import pytest

from weblys.backclient.types import StaffUser
from weblys.staff import staff_menu

STAFF_SITES = ["weshop", "wecare", "wecrm", "wediag", "weconfig"]


def _user(*rights: str) -> StaffUser:
    return StaffUser("u", "U", "", "store", "S1", "en", frozenset(rights))


@pytest.mark.parametrize("site", STAFF_SITES)
def test_a_staff_site_without_login_redirects_to_the_staff_login(client, site):
    response = client.get(f"/{site}/")

    assert response.status_code == 302
    assert response["Location"] == f"/staff/login/?next=%2F{site}%2F"


@pytest.mark.parametrize("site", STAFF_SITES)
def test_a_staff_site_without_its_right_is_refused_naming_the_right(client, staff_login_as, site):
    staff_login_as(client, rights=["selfshop"])

    response = client.get(f"/{site}/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 403
    assert f"<code>{site}</code>" in response.content.decode()


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/", 200),
        ("/selfshop/", 200),
        ("/myaccount/", 302),
        ("/myaccount/login/", 200),
        ("/myshop/", 302),
        ("/weshop/", 302),
        ("/wecare/", 302),
        ("/wecrm/", 302),
        ("/wediag/", 302),
        ("/weconfig/", 302),
        ("/staff/login/", 200),
    ],
)
def test_every_site_prefix_answers(client, fake_back, path, status):
    fake_back.add("GET", "/api/v1/procable/addresses/cities/", json=[{"code": "MTL", "name": "Montréal"}])

    assert client.get(path).status_code == status


def test_the_menu_shows_only_sites_with_their_site_right_and_modules_with_theirs():
    user = _user("wecare", "wecare.customers", "wecrm.cases", "weconfig")

    menu = staff_menu(user)

    assert [entry.site.code for entry in menu] == ["wecare", "weconfig"]
    assert [module.right for module in menu[0].modules] == ["wecare.customers"]
    assert menu[1].modules == ()


def test_no_user_no_menu():
    assert staff_menu(None) == ()


def test_the_page_menu_links_only_the_sites_the_user_has(client, staff_login_as):
    staff_login_as(client, rights=["wecare", "wecare.tickets", "wediag"])

    body = client.get("/wecare/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert 'href="/wecare/" accesskey="2"' in body
    assert 'href="/wediag/" accesskey="4"' in body
    assert 'href="/weshop/"' not in body
    assert 'href="/weconfig/"' not in body
    assert "Tickets tracking" in body
    assert "Customers" not in body


def test_the_staff_header_shows_name_store_channel_and_logout(client, staff_login_as):
    staff_login_as(
        client, rights=["wecare"], display_name="Chloé Roy", store_code="CC01", channel="call_center"
    )

    body = client.get("/wecare/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "<strong>Chloé Roy</strong>" in body
    assert "Store: CC01" in body
    assert "Channel: Call centre" in body
    assert 'action="/staff/logout/"' in body


def test_an_expired_staff_session_counts_as_logged_out(client, staff_login_as):
    from weblys.sessions import STAFF_KEY

    staff_login_as(client, rights=["wecare"])
    session = client.session
    session[STAFF_KEY] = {**session[STAFF_KEY], "expires_at": "2020-01-01T00:00:00+00:00"}
    session.save()

    response = client.get("/wecare/")

    assert response.status_code == 302
    assert response["Location"].startswith("/staff/login/")
