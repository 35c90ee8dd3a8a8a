"""The wecrm dashboard after login."""

from __future__ import annotations


def test_the_dashboard_lists_the_modules_the_user_holds(client, staff_login_as):
    staff_login_as(client, rights=["wecrm", "wecrm.cases"])

    response = client.get("/wecrm/", HTTP_ACCEPT_LANGUAGE="en")

    body = response.content.decode()
    assert response.status_code == 200
    assert "<code>wecrm.cases</code>" in body
    assert body.count('<li class="card">') == 1


def test_without_module_rights_the_dashboard_says_so(client, staff_login_as):
    staff_login_as(client, rights=["wecrm"])

    body = client.get("/wecrm/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Your profile opens this site but none of its modules." in body
