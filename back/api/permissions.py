"""Who may call what. The back enforces authorisation itself; the front only hides what it cannot do."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from .errors import ForbiddenError
from .principal import Principal


class IsServiceCaller(BasePermission):
    """Any call that passed the service-token check (the default for every API view)."""

    def has_permission(self, request: Request, view: object) -> bool:
        return isinstance(request.user, Principal)


class IsCustomer(BasePermission):
    message = _("Only a logged-in customer may do this.")

    def has_permission(self, request: Request, view: object) -> bool:
        return isinstance(request.user, Principal) and request.user.is_customer


class IsStaff(BasePermission):
    message = _("Only a staff user may do this.")

    def has_permission(self, request: Request, view: object) -> bool:
        return isinstance(request.user, Principal) and request.user.is_staff


def requires_right(*codes: str) -> type[BasePermission]:
    """A permission class granting staff users who hold at least one of `codes`."""

    class HasRight(BasePermission):
        message = _("Your profile does not include the right to do this.")

        def has_permission(self, request: Request, view: object) -> bool:
            principal = request.user
            return (
                isinstance(principal, Principal)
                and principal.is_staff
                and any(principal.has_right(code) for code in codes)
            )

    HasRight.__name__ = "HasRight_" + "_".join(code.replace(".", "_") for code in codes)
    return HasRight


# Staff rights that let a user read any customer's file.
CUSTOMER_READ_RIGHTS = ("wecare.customers", "weshop.sell", "wecrm.cases")


def ensure_customer_access(
    principal: Principal, customer_number: str, *, staff_rights=CUSTOMER_READ_RIGHTS
) -> None:
    """Raise ForbiddenError unless the principal may act on this customer's file.

    A customer only reaches their own number; a staff user needs one of `staff_rights`; the default
    web user never reaches a customer file. The answer is the same whether the customer exists or not.
    """
    if principal.is_customer and principal.customer_number == customer_number:
        return
    if principal.is_staff and any(principal.has_right(code) for code in staff_rights):
        return
    raise ForbiddenError(_("You may not access this customer file."))
