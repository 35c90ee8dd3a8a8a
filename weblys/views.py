"""Front views that belong to no site: the portal stand-in, staff login / logout, error pages."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weblys.backclient import security
from weblys.backclient.context import update_context
from weblys.backclient.errors import BackError, BackUnauthorized, BackUnavailable, BackValidationError
from weblys.backclient.types import StaffUser
from weblys.forms import StaffLoginForm
from weblys.sessions import staff_session_clear, staff_session_store
from weblys.staff import staff_menu

logger = logging.getLogger(__name__)

# Offers the portal stand-in advertises (demo operator's basic-service codes, back/demo_codes.py).
PORTAL_OFFERS = (
    ("INT500", "Internet 500"),
    ("TVPLUS", "TV Plus"),
    ("MOBUNL", "Mobile"),
)


def portal(request: HttpRequest) -> HttpResponse:
    """Stand-in for the operator's Portal: the links a real portal gives to SelfShop and MyAccount."""
    return render(request, "weblys/portal.html", {"offers": PORTAL_OFFERS})


def _safe_next(request: HttpRequest, candidate: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


def _home_for(user: StaffUser) -> str:
    menu = staff_menu(user)
    return reverse(menu[0].site.url_name) if menu else reverse("portal")


def staff_login(request: HttpRequest) -> HttpResponse:
    """Log a staff user in against SECURITY; errors keep the typed code and say what went wrong."""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    if request.method == "POST":
        form = StaffLoginForm(request.POST)
        if form.is_valid():
            try:
                staff = security.staff_login(
                    code=form.cleaned_data["code"], password=form.cleaned_data["password"]
                )
            except BackValidationError as exc:
                for field_name, field_messages in exc.errors.items():
                    target = field_name if field_name in form.fields else None
                    for message in field_messages:
                        form.add_error(target, message)
            except BackUnauthorized:
                form.add_error(None, _("The login code or the password is wrong."))
            except BackUnavailable:
                raise
            except BackError as exc:
                if exc.code == "account_locked":
                    form.add_error(
                        None,
                        _("Too many failed attempts: this account is locked for a while. Try again later."),
                    )
                elif exc.code == "throttled":
                    form.add_error(None, _("Too many attempts. Wait a minute and try again."))
                else:
                    raise
            else:
                staff_session_store(request, staff)
                update_context(person_token=staff.token)
                messages.success(request, _("Welcome, %(name)s.") % {"name": staff.user.display_name})
                response = HttpResponseRedirect(next_url or _home_for(staff.user))
                if staff.user.language in dict(settings.LANGUAGES):
                    response.set_cookie(
                        settings.LANGUAGE_COOKIE_NAME,
                        staff.user.language,
                        max_age=settings.LANGUAGE_COOKIE_AGE,
                        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                        secure=settings.LANGUAGE_COOKIE_SECURE,
                    )
                return response
    else:
        if getattr(request, "staff", None) is not None and next_url:
            return HttpResponseRedirect(next_url)
        form = StaffLoginForm()
    return render(request, "weblys/staff_login.html", {"form": form, "next": next_url})


@require_POST
def staff_logout(request: HttpRequest) -> HttpResponse:
    """Revoke the token at the back (best effort) and end the session."""
    if getattr(request, "staff", None) is not None:
        try:
            security.staff_logout()
        except BackError:
            # The session ends here anyway; the token expires on its own at the back.
            logger.warning("staff logout: the back did not revoke the token", exc_info=True)
    staff_session_clear(request)
    messages.info(request, _("You are logged out."))
    return redirect("staff-login")


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", {"request_id": getattr(request, "request_id", "")}, status=500)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403_csrf.html", status=403)
