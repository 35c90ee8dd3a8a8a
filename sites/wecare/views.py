"""WeCare pages: the dashboard, and what customers asked of customer service.

Until WeCRM exists, the back records customers' contact messages, erasure requests and EasySwitch
requests (MyAccount) and lists them for staff holding `wecare.customers`: one back call per page,
newest first, a bounded page at a time. The back checks the right again on every call.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from weblys.backclient import wecare
from weblys.backclient.errors import BackNotFound
from weblys.backclient.wecare_types import Page
from weblys.staff import site_entry, staff_required

from .forms import CustomerFilterForm

CUSTOMERS = "wecare.customers"
MAX_PAGE = 10_000

ERASURE_STATUS_LABELS: dict[str, str | Promise] = {
    "received": pgettext_lazy("request status", "Received"),
    "in_progress": pgettext_lazy("request status", "In progress"),
    "done": pgettext_lazy("request status", "Done"),
    "refused": pgettext_lazy("request status", "Refused"),
}
EASYSWITCH_STATUS_LABELS: dict[str, str | Promise] = {
    "pending": pgettext_lazy("request status", "Waiting for the receiving operator"),
    "completed": pgettext_lazy("request status", "Completed"),
    "cancelled": pgettext_lazy("request status", "Cancelled"),
}

# The lists of customer requests, in the order of their local navigation.
REQUEST_LISTS: tuple[tuple[str, str | Promise], ...] = (
    ("wecare:contact-messages", _("Customer messages")),
    ("wecare:erasure-requests", _("Erasure requests")),
    ("wecare:easyswitch-requests", _("EasySwitch requests")),
)


@staff_required("wecare")
def home(request: HttpRequest) -> HttpResponse:
    """WeCare dashboard: the modules of WeCare this user holds a right to."""
    user = request.staff.user  # type: ignore[attr-defined]
    context = {
        "entry": site_entry(user, "wecare"),
        "request_lists": REQUEST_LISTS if user.has_right(CUSTOMERS) else (),
    }
    return render(request, "wecare/home.html", context)


@staff_required(CUSTOMERS)
def contact_message_list(request: HttpRequest) -> HttpResponse:
    """Customers' messages to customer service, newest first (subject, customer, date, message, status)."""
    return _list_page(request, "wecare/contact_message_list.html", wecare.contact_message_list)


@staff_required(CUSTOMERS)
def erasure_request_list(request: HttpRequest) -> HttpResponse:
    """Requests to erase personal data, newest first, with what the law makes the operator keep."""
    return _list_page(
        request,
        "wecare/erasure_request_list.html",
        wecare.erasure_request_list,
        status_labels=ERASURE_STATUS_LABELS,
    )


@staff_required(CUSTOMERS)
def easyswitch_request_list(request: HttpRequest) -> HttpResponse:
    """Transfers to another operator (EasySwitch), newest first, with their switch code and costs."""
    return _list_page(
        request,
        "wecare/easyswitch_request_list.html",
        wecare.easyswitch_request_list,
        status_labels=EASYSWITCH_STATUS_LABELS,
    )


def _list_page(
    request: HttpRequest,
    template_name: str,
    fetch: Callable[..., Page[Any]],
    *,
    status_labels: dict[str, str | Promise] | None = None,
) -> HttpResponse:
    """One page of a staff list, for one customer when the form names one; a page past the end is 404."""
    form = CustomerFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        invalid: dict[str, Any] = {"form": form, "page": None, "request_lists": REQUEST_LISTS}
        return render(request, template_name, invalid, status=400)
    customer_number = form.cleaned_data["customer_number"] if form.is_bound else ""
    page_number = _page_number(request)
    try:
        page = fetch(page=page_number, customer_number=customer_number)
    except BackNotFound as exc:
        raise Http404("no such page") from exc
    labels = status_labels or {}
    rows = [(row, labels.get(getattr(row, "status", ""), getattr(row, "status", ""))) for row in page.results]
    context: dict[str, Any] = {
        "form": form,
        "page": page,
        "rows": rows,
        "customer_number": customer_number,
        "request_lists": REQUEST_LISTS,
    }
    return render(request, template_name, context)


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("page", "1")), MAX_PAGE))
    except ValueError:
        return 1
