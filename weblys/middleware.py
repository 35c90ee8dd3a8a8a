"""Front middleware: request id, who acts towards the back, and back failures shown kindly."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from weblys.backclient.context import BackContext, reset_context, set_context
from weblys.backclient.errors import BackUnauthorized, BackUnavailable
from weblys.requestid import HEADER, new_request_id, reset_request_id, set_request_id
from weblys.sessions import (
    customer_session_clear,
    customer_session_load,
    staff_session_clear,
    staff_session_load,
)
from weblys.sitemap import CUSTOMER_SITES, is_staff_site, site_of_path

logger = logging.getLogger(__name__)


class RequestIdMiddleware:
    """Keep the load balancer's X-Request-ID (or make one), for logs, the back and the response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = new_request_id(request.headers.get(HEADER))
        request.request_id = request_id  # type: ignore[attr-defined]
        token = set_request_id(request_id)
        try:
            response = self.get_response(request)
        finally:
            reset_request_id(token)
        response[HEADER] = request_id
        return response


SLID_AT_KEY = "weblys.slid_at"


class SessionSlideMiddleware:
    """Slide an active session's expiry, at most once every WEBLYS_SESSION_SLIDE_SECONDS.

    Saving the session on every request (SESSION_SAVE_EVERY_REQUEST) costs a cache write and a cookie
    per page, for an expiry that moves by seconds. Here an unchanged session is saved again only when
    its last save is older than the interval, so an idle session ends at most that much earlier than
    its age says. Placed after SessionMiddleware, so the save happens in that middleware's response.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or session.is_empty():
            return response
        now = int(time.time())
        # A session being saved anyway records the slide; one holding nothing else is left alone.
        due = session.modified or now - session.get(SLID_AT_KEY, 0) >= settings.WEBLYS_SESSION_SLIDE_SECONDS
        if due and any(key != SLID_AT_KEY for key, _value in session.items()):
            session[SLID_AT_KEY] = now
        return response


def client_ip(request: HttpRequest) -> str:
    """The browser's address: behind our load balancer, the last X-Forwarded-For entry it appended."""
    if settings.WEBLYS_BEHIND_PROXY:
        forwarded = [
            part.strip() for part in request.headers.get("X-Forwarded-For", "").split(",") if part.strip()
        ]
        if forwarded:
            return forwarded[-1][:64]
    return str(request.META.get("REMOTE_ADDR", ""))[:64]


class BackContextMiddleware:
    """Tell the back client who acts: the person token of this site's session, the site, IP, language.

    Staff pages (staff sites and /staff/) act as the logged-in staff user; customer sites act as the
    logged-in customer, or as the automatic default web user when nobody is logged in.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        site = site_of_path(request.path_info)
        staff = staff_session_load(request)
        customer = customer_session_load(request)
        request.weblys_site = site  # type: ignore[attr-defined]
        request.staff = staff  # type: ignore[attr-defined]
        request.customer = customer  # type: ignore[attr-defined]
        person_token = ""
        if is_staff_site(site) and staff is not None:
            person_token = staff.token
        elif site in CUSTOMER_SITES and customer is not None:
            person_token = customer.token
        token = set_context(
            BackContext(
                person_token=person_token,
                site=site,
                client_ip=client_ip(request),
                language=get_language() or settings.LANGUAGE_CODE,
            )
        )
        try:
            return self.get_response(request)
        finally:
            reset_context(token)


class BackErrorMiddleware:
    """An unreachable back → the friendly 503 page with the request id; an expired person token →
    log in again, keeping where the user was going."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, BackUnavailable):
            logger.warning("back unavailable: %s", exception)
            return render_back_unavailable(request)
        if isinstance(exception, BackUnauthorized):
            site = getattr(request, "weblys_site", "")
            if is_staff_site(site):
                staff_session_clear(request)
                messages.warning(request, _("Your session has ended. Please log in again."))
                return HttpResponseRedirect(
                    reverse("staff-login") + "?" + urlencode({"next": request.get_full_path()})
                )
            if site in CUSTOMER_SITES and getattr(request, "customer", None) is not None:
                customer_session_clear(request)
                messages.warning(request, _("Your session has ended. Please log in again."))
                return HttpResponseRedirect(reverse("myaccount:login"))
        return None


def render_back_unavailable(request: HttpRequest) -> HttpResponse:
    response = render(
        request,
        "weblys/back_unavailable.html",
        {"request_id": getattr(request, "request_id", "")},
        status=503,
    )
    response["Retry-After"] = "30"
    return response
