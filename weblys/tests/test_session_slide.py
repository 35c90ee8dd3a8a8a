"""A session's idle expiry slides with activity, saved at most once per WEBLYS_SESSION_SLIDE_SECONDS."""

from __future__ import annotations

from django.conf import settings

from weblys import middleware

COOKIE = settings.SESSION_COOKIE_NAME


def _start_session(client) -> None:
    session = client.session
    session["weblys.cart"] = {"id": "c1"}
    session.set_expiry(900)
    session.save()
    client.cookies[COOKIE] = session.session_key


def _saved(response) -> bool:
    return COOKIE in response.cookies


def test_an_active_session_is_saved_again_only_once_the_interval_has_passed(client, monkeypatch) -> None:
    now = [1_000_000.0]
    monkeypatch.setattr(middleware.time, "time", lambda: now[0])
    _start_session(client)

    assert _saved(client.get("/"))  # never slid yet
    now[0] += 30
    assert not _saved(client.get("/"))  # within the minute: no write, no cookie
    now[0] += 31
    assert _saved(client.get("/"))
    assert client.session[middleware.SLID_AT_KEY] == int(now[0])
    assert client.session.get_expiry_age() == 900  # the idle expiry kept by the save


def test_an_anonymous_visitor_gets_no_session(client) -> None:
    response = client.get("/")

    assert not _saved(response)
    assert not client.session.keys()


def test_a_session_that_only_records_its_slide_is_not_kept_alive(client, monkeypatch) -> None:
    session = client.session
    session[middleware.SLID_AT_KEY] = 1
    session.save()
    client.cookies[COOKIE] = session.session_key

    assert not _saved(client.get("/"))
