"""Staff sites: the menu built from rights, and `staff_required` for staff views.

A site appears only to users holding its site right (`wecare`), a module only with its module right
(`wecare.customers`) — the same codes as SECURITY (back/security/rights.py). The back checks rights
again on every call; the menu only spares users links they could not follow.

A module gets a link once its page exists: set `url_name` on its `MenuModule` when adding the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from weblys.backclient.types import StaffUser


@dataclass(frozen=True)
class MenuModule:
    right: str
    label: str | Promise
    url_name: str | None = None


@dataclass(frozen=True)
class MenuSite:
    code: str
    label: str | Promise
    url_name: str
    accesskey: str
    modules: tuple[MenuModule, ...] = field(default_factory=tuple)


STAFF_MENU: tuple[MenuSite, ...] = (
    MenuSite(
        "weshop",
        _("WeShop"),
        "weshop:home",
        "1",
        (
            MenuModule("weshop.sell", _("Take orders"), url_name="weshop:customer-search"),
            MenuModule("weshop.discount", _("Store-manager discounts")),
            MenuModule("weshop.override", _("Override a blocking reason")),
        ),
    ),
    MenuSite(
        "wecare",
        _("WeCare"),
        "wecare:home",
        "2",
        (
            MenuModule("wecare.customers", _("Customers"), url_name="wecare:contact-messages"),
            MenuModule("wecare.mobile", _("Mobile transactions")),
            MenuModule("wecare.tickets", _("Tickets tracking")),
        ),
    ),
    MenuSite(
        "wecrm",
        _("WeCRM"),
        "wecrm:home",
        "3",
        (
            MenuModule("wecrm.cases", _("Cases")),
            MenuModule("wecrm.outages", _("Outages")),
            MenuModule("wecrm.reports", _("Reports")),
        ),
    ),
    MenuSite(
        "wediag",
        _("WeDiag"),
        "wediag:home",
        "4",
        (
            MenuModule("wediag.use", _("Use the diagnostic trees")),
            MenuModule("wediag.manage", _("Manage the diagnostic trees")),
        ),
    ),
    MenuSite(
        "weconfig",
        _("WeConfig"),
        "weconfig:home",
        "5",
        (
            MenuModule("weconfig.catalog", _("Catalog")),
            MenuModule("weconfig.rules", _("Rules")),
            MenuModule("weconfig.params", _("Code tables and settings")),
            MenuModule("weconfig.security", _("Users and rights")),
            MenuModule("weconfig.operations", _("Logs, sites, caches, unlock")),
        ),
    ),
)
_SITES_BY_CODE = {site.code: site for site in STAFF_MENU}

# Sales channels of staff users (SECURITY), as the demo operator names them (back/demo_codes.py).
CHANNEL_LABELS: dict[str, str | Promise] = {
    "store": _("Store"),
    "call_center": _("Call centre"),
    "distributor": _("Distributor"),
    "door_to_door": _("Door to door"),
    "partner": _("Partner"),
    "web": _("Web"),
}


def site_entry(user: StaffUser, site_code: str) -> UserMenuSite | None:
    """The user's view of one staff site (its modules they hold), or None without the site right."""
    for entry in staff_menu(user):
        if entry.site.code == site_code:
            return entry
    return None


@dataclass(frozen=True)
class UserMenuSite:
    """A site of the menu as one user sees it: only the modules they hold."""

    site: MenuSite
    modules: tuple[MenuModule, ...]


def staff_menu(user: StaffUser | None) -> tuple[UserMenuSite, ...]:
    """The sites (and, inside, modules) this user holds a right to, in menu order."""
    if user is None:
        return ()
    return tuple(
        UserMenuSite(
            site=site, modules=tuple(module for module in site.modules if user.has_right(module.right))
        )
        for site in STAFF_MENU
        if user.has_right(site.code)
    )


def right_label(right: str) -> str | Promise:
    """The label of a right code, for messages such as "you need the right …"."""
    site_code = right.split(".", 1)[0]
    site = _SITES_BY_CODE.get(site_code)
    if site is None:
        return right
    if right == site_code:
        return site.label
    for module in site.modules:
        if module.right == right:
            return module.label
    return right


def login_redirect(request: HttpRequest) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("staff-login") + "?" + urlencode({"next": request.get_full_path()}))


def missing_right_response(request: HttpRequest, right: str) -> HttpResponse:
    """403 page naming the right the user lacks (its label and its code)."""
    return render(
        request,
        "weblys/forbidden.html",
        {"right_code": right, "right_label": right_label(right)},
        status=403,
    )


def staff_required(right: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Decorate a staff view: not logged in → the staff login (then back here); lacking `right` → 403."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            staff = getattr(request, "staff", None)
            if staff is None:
                return login_redirect(request)
            if not staff.user.has_right(right):
                return missing_right_response(request, right)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


class StaffRequiredMixin:
    """Class-based views: set `required_right = "wecare.customers"`."""

    required_right: str = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.required_right:
            raise TypeError(f"{type(self).__name__} must set required_right")
        staff = getattr(request, "staff", None)
        if staff is None:
            return login_redirect(request)
        if not staff.user.has_right(self.required_right):
            return missing_right_response(request, self.required_right)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]
