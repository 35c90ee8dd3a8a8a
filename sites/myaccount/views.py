"""MyAccount pages: customer login (CUSTOM LOGIN), the account home, logout."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from weblys.backclient import customlogin
from weblys.backclient.context import update_context
from weblys.backclient.errors import BackError, BackUnauthorized, BackUnavailable, BackValidationError
from weblys.sessions import customer_session_clear, customer_session_store

from .forms import CustomerLoginForm

logger = logging.getLogger(__name__)


def home(request: HttpRequest) -> HttpResponse:
    """The account home of the logged-in customer; anyone else goes to the login page."""
    if request.customer is None:
        return redirect("myaccount:login")
    return render(request, "myaccount/home.html")


class CustomerLoginView(View):
    """Log a customer in; a wrong password or a locked account is said plainly, the id kept."""

    template_name = "myaccount/login.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.customer is not None:
            return redirect(self._next(request) or reverse("myaccount:home"))
        return render(request, self.template_name, {"form": CustomerLoginForm(), "next": self._next(request)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CustomerLoginForm(request.POST)
        if form.is_valid():
            try:
                customer = customlogin.customer_login(
                    login_id=form.cleaned_data["login_id"], password=form.cleaned_data["password"]
                )
            except BackValidationError as exc:
                for field_name, field_messages in exc.errors.items():
                    for message in field_messages:
                        form.add_error(field_name if field_name in form.fields else None, message)
            except BackUnauthorized:
                form.add_error(None, _("The customer number, personal ID or password is wrong."))
            except BackUnavailable:
                raise
            except BackError as exc:
                if exc.code == "account_locked":
                    form.add_error(
                        None,
                        _("Too many failed attempts: your access is locked for a while. Try again later."),
                    )
                elif exc.code == "throttled":
                    form.add_error(None, _("Too many attempts. Wait a minute and try again."))
                else:
                    raise
            else:
                customer_session_store(request, customer)
                update_context(person_token=customer.token)
                return HttpResponseRedirect(self._next(request) or reverse("myaccount:home"))
        return render(request, self.template_name, {"form": form, "next": self._next(request)}, status=400)

    @staticmethod
    def _next(request: HttpRequest) -> str:
        candidate = request.POST.get("next") or request.GET.get("next", "")
        if candidate and url_has_allowed_host_and_scheme(
            candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            return candidate
        return ""


@require_POST
def logout(request: HttpRequest) -> HttpResponse:
    """Revoke the customer's token at the back (best effort) and end the session."""
    if request.customer is not None:
        try:
            customlogin.customer_logout()
        except BackError:
            logger.warning("customer logout: the back did not revoke the token", exc_info=True)
    customer_session_clear(request)
    messages.info(request, _("You are logged out."))
    return redirect("myaccount:login")
