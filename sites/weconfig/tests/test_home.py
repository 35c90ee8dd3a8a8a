"""WeConfig dashboard: modules, back health per database, component versions."""

from __future__ import annotations

import httpx  # noqa: TID251 - building transport errors for the fake back

HEALTH_FAILED = {
    "status": "failed",
    "failed": ["db:wecrm"],
    "checks": {
        "cache": {"status": "ok"},
        "db:catalog": {"status": "ok"},
        "db:wecrm": {"status": "failed", "error": "OperationalError: could not connect"},
    },
    "duration_ms": 12.5,
}


def test_the_dashboard_shows_each_database_status(client, fake_back, staff_login_as):
    staff_login_as(client, rights=["weconfig", "weconfig.catalog"], token="admin-tok")
    fake_back.add("GET", "/health/", status=503, json=HEALTH_FAILED)

    response = client.get("/weconfig/", HTTP_ACCEPT_LANGUAGE="en")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Some systems fail" in body
    assert "<code>db:wecrm</code>" in body
    assert "OperationalError: could not connect" in body
    assert body.count('<span class="status status-ok">OK</span>') == 2
    assert body.count('<span class="status status-failed">Failed</span>') == 1
    assert fake_back.requests[0].headers["Authorization"] == "Bearer admin-tok"


def test_the_dashboard_lists_only_the_modules_the_user_holds(client, fake_back, staff_login_as):
    staff_login_as(client, rights=["weconfig", "weconfig.rules"])
    fake_back.add("GET", "/health/", json={**HEALTH_FAILED, "status": "ok", "failed": []})

    body = client.get("/weconfig/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "<code>weconfig.rules</code>" in body
    assert "<code>weconfig.catalog</code>" not in body


def test_the_dashboard_shows_component_versions(client, fake_back, staff_login_as):
    staff_login_as(client, rights=["weconfig"])
    fake_back.add("GET", "/health/", json={"status": "ok", "failed": [], "checks": {}, "duration_ms": 1})

    body = client.get("/weconfig/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<tr><th scope="row">htmx</th><td>2.0.11</td></tr>' in body
    assert '<tr><th scope="row">Weblys</th><td>0.1.0</td></tr>' in body


def test_an_unreachable_back_is_shown_inside_the_dashboard(client, fake_back, staff_login_as):
    staff_login_as(client, rights=["weconfig"])
    fake_back.add_exception("GET", "/health/", httpx.ConnectError("refused"))

    response = client.get("/weconfig/", HTTP_ACCEPT_LANGUAGE="en", HTTP_X_REQUEST_ID="req-health-0001")

    assert response.status_code == 200
    assert "The back tier cannot be reached." in response.content.decode()
    assert "<code>req-health-0001</code>" in response.content.decode()
