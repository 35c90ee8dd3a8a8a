"""WeShop pages: a seller finds a customer file and changes its offer, or signs up a new customer.

Staff pages (`weshop.sell`), dense and keyboard-first. The cart lives in the back; the session keeps
its handle (id + secret) and its kind ("new" or "change"). Each page makes at most three back calls
(see tests). The back checks every right again: the pages only hide what a user may not do.
"""

from __future__ import annotations

import contextlib
import logging
import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from sites.selfshop.address_picker import address_cascade
from sites.selfshop.forms import (
    AddressPickForm,
    AppointmentForm,
    CityForm,
    ConfirmForm,
    ContactForm,
    OfferForm,
    OptionsForm,
)
from weblys import cartflow
from weblys.backclient import addresses, customers, orders, weshop
from weblys.backclient.errors import (
    BackConflict,
    BackForbidden,
    BackNotFound,
    BackValidationError,
)
from weblys.backclient.orders_types import CartHandle
from weblys.backclient.weshop_types import StaffCart
from weblys.forms import PaymentForm, apply_back_errors
from weblys.journey import Step, order_steps
from weblys.staff import CHANNEL_LABELS, site_entry, staff_required

from .forms import (
    ChangeEquipmentForm,
    ChangeOfferForm,
    CustomerSearchForm,
    DiscountForm,
    OrderFilterForm,
    OverrideForm,
    StaffEquipmentForm,
)

logger = logging.getLogger(__name__)

CART_KEY = "weshop.cart"
KIND_KEY = "weshop.kind"
SELL = "weshop.sell"

NEW_STEPS = (
    gettext_lazy("Address"),
    gettext_lazy("Offer"),
    gettext_lazy("Equipment"),
    gettext_lazy("Options"),
    gettext_lazy("Summary"),
    gettext_lazy("Contact"),
    gettext_lazy("Delivery"),
    gettext_lazy("Payment"),
    gettext_lazy("Confirm"),
)
CHANGE_STEPS = (
    gettext_lazy("Customer"),
    gettext_lazy("Offer"),
    gettext_lazy("Equipment"),
    gettext_lazy("Options"),
    gettext_lazy("Summary"),
    gettext_lazy("Delivery"),
    gettext_lazy("Confirm"),
)
BLOCKER_HINTS = {
    "file_locked": gettext_lazy("The file is locked in Pro-Cable or a change is still being processed."),
    "offer_not_in_catalog": gettext_lazy("The customer's services match no offer of the catalog."),
}
SALE_TYPES = {
    "new": gettext_lazy("New customer"),
    "upsell": gettext_lazy("Upsell"),
    "cross_sell": gettext_lazy("Cross-sell"),
}
STATUS_LABELS = {
    "received": gettext_lazy("Received"),
    "submitted": gettext_lazy("Submitted"),
    "rejected": gettext_lazy("Rejected"),
}


def _language() -> str:
    language = (get_language() or "fr")[:2]
    return language if language in ("fr", "en") else "fr"


def cart_handle(request: HttpRequest) -> CartHandle | None:
    return CartHandle.from_json(request.session.get(CART_KEY))


def _steps(kind: str, current: int) -> tuple[Step, ...]:
    return order_steps(current, CHANGE_STEPS if kind == "change" else NEW_STEPS)


def _forget_cart(request: HttpRequest) -> None:
    """Cancel the cart of the session, if any (releases a change cart's lock on the customer file)."""
    handle = cart_handle(request)
    request.session.pop(CART_KEY, None)
    request.session.pop(KIND_KEY, None)
    if handle is None:
        return
    # Already confirmed, or expired: nothing to release.
    with contextlib.suppress(BackConflict, BackNotFound):
        weshop.cart_cancel(handle=handle)


def _keep_cart(request: HttpRequest, handle: CartHandle, kind: str) -> None:
    request.session[CART_KEY] = handle.to_json()
    request.session[KIND_KEY] = kind


def channel_label(code: str) -> str:
    return str(CHANNEL_LABELS.get(code, code))


def _can(request: HttpRequest, right: str) -> bool:
    return request.staff.user.has_right(right)  # type: ignore[attr-defined]


# --- Home, search, customer file ------------------------------------------------------------------------


@staff_required("weshop")
def home(request: HttpRequest) -> HttpResponse:
    """WeShop dashboard: the modules this user holds, and the quick search when they may sell."""
    context = {"entry": site_entry(request.staff.user, "weshop"), "search_form": CustomerSearchForm()}
    return render(request, "weshop/home.html", context)


@method_decorator(staff_required(SELL), name="dispatch")
class CustomerSearchView(View):
    """Search customer files (GET form, bookmarkable): one back call."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = CustomerSearchForm(request.GET if request.GET else None)
        context: dict[str, Any] = {"form": form, "page": None}
        status = 200
        if form.is_bound:
            if form.is_valid():
                data = form.cleaned_data
                page_number = _page_number(request)
                try:
                    context["page"] = customers.customer_search(
                        number=data["number"],
                        last_name=data["last_name"],
                        postal_code=data["postal_code"],
                        street=data["street"],
                        page=page_number,
                    )
                    context["query"] = request.GET.copy()
                except BackValidationError as exc:
                    apply_back_errors(form, exc.errors, {})
                    status = 400
            else:
                status = 400
        return render(request, "weshop/customer_search.html", context, status=status)


def _page_number(request: HttpRequest) -> int:
    try:
        return max(1, min(int(request.GET.get("page", "1")), 1000))
    except ValueError:
        return 1


@method_decorator(staff_required(SELL), name="dispatch")
class CustomerFileView(View):
    """A customer file: its header, whether the offer may change, and the way to change it.

    A blocked file shows its blockers; a user with `weshop.override` lifts the overridable ones with a
    required reason (recorded on the order); others read why they cannot.
    """

    template_name = "weshop/customer_file.html"

    def get(self, request: HttpRequest, number: str) -> HttpResponse:
        return self._render(request, number, OverrideForm())

    def post(self, request: HttpRequest, number: str) -> HttpResponse:
        is_override = "override" in request.POST
        form = OverrideForm(request.POST if is_override else None)
        if is_override:
            if not _can(request, "weshop.override"):
                messages.error(request, _("You need the right to override a blocking reason."))
                return self._render(request, number, OverrideForm(), status=403)
            if not form.is_valid():
                return self._render(request, number, form, status=400)
        _forget_cart(request)
        try:
            _cart, handle = weshop.change_cart_create(
                customer_number=number,
                language=_language(),
                override_reason=form.cleaned_data["reason"] if is_override else None,
                idempotency_key=request.POST.get("key") or None,
            )
        except BackConflict as exc:
            messages.error(request, _("The offer of this customer cannot be changed now."))
            logger.info("change of %s refused: %s", number, exc.code)
            return self._render(request, number, form, status=409)
        except BackForbidden as exc:
            if exc.code == "override_not_allowed":
                messages.error(request, _("You need the right to override a blocking reason."))
            else:
                messages.error(request, _("Your rights do not allow this sale."))
            return self._render(request, number, form, status=403)
        except BackValidationError as exc:
            apply_back_errors(form, exc.errors, {"override.reason": "reason"})
            return self._render(request, number, form, status=400)
        _keep_cart(request, handle, "change")
        return redirect("weshop:change-offer")

    def _render(
        self, request: HttpRequest, number: str, form: OverrideForm, status: int = 200
    ) -> HttpResponse:
        try:
            customer = customers.customer_get(number=number)
        except BackNotFound:
            messages.error(request, _("No customer file has this number."))
            return redirect("weshop:customer-search")
        eligibility = customers.change_eligibility(number=number)
        context = {
            "customer": customer,
            "eligibility": eligibility,
            "form": form,
            "key": uuid.uuid4().hex,
            "can_override": _can(request, "weshop.override"),
            "blocker_hints": BLOCKER_HINTS,
        }
        return render(request, self.template_name, context, status=status)


# --- Shared cart steps --------------------------------------------------------------------------------------


@method_decorator(staff_required(SELL), name="dispatch")
class CartView(View):
    """A step on the session's cart: no cart (or an unknown one) goes back to the start."""

    step = 1
    kind = ""  # "new", "change" or "" for both
    template_name = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        handle = cart_handle(request)
        session_kind = str(request.session.get(KIND_KEY) or "new")
        if handle is None or (self.kind and self.kind != session_kind):
            messages.info(request, _("Find a customer or start a new customer first."))
            return redirect("weshop:customer-search")
        self.handle = handle
        self.cart_kind = session_kind
        try:
            return super().dispatch(request, *args, **kwargs)
        except BackNotFound as exc:
            if exc.code != "cart_not_found":
                raise
            request.session.pop(CART_KEY, None)
            messages.warning(request, _("This order has expired; start again."))
            return redirect("weshop:customer-search")
        except BackConflict as exc:
            if exc.code == "cart_closed":
                return redirect("weshop:order")
            if exc.code == "cart_step_missing":
                messages.warning(request, _("Complete this step first."))
                return redirect(self.first_page())
            raise

    def first_page(self) -> str:
        return "weshop:change-offer" if self.cart_kind == "change" else "weshop:new"

    def context(self, cart: StaffCart | None, **extra: Any) -> dict[str, Any]:
        return {
            "steps": _steps(self.cart_kind, self.step),
            "cart": cart,
            "kind": self.cart_kind,
            "offer_name": orders.offer_name(code=cart.base.offer_code) if cart else "",
            "can_discount": _can(self.request, "weshop.discount"),
            **extra,
        }

    def page(self, cart: StaffCart | None, status: int = 200, **extra: Any) -> HttpResponse:
        return render(self.request, self.template_name, self.context(cart, **extra), status=status)

    def load(self) -> tuple[StaffCart, HttpResponse | None]:
        cart = weshop.cart_get(handle=self.handle)
        if not cart.is_open:
            return cart, redirect("weshop:order")
        return cart, None


# --- New customer -----------------------------------------------------------------------------------------


@method_decorator(staff_required(SELL), name="dispatch")
class NewCustomerView(View):
    """Eligible address of a new customer: city → street → civic number → apartment (plain GET forms)."""

    template_name = "weshop/new_address.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, pick=None)

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            posted = int(request.POST.get("address_id", ""))
        except ValueError:
            posted = 0
        pick = AddressPickForm(request.POST, addresses=[(posted, "")])
        if not pick.is_valid():
            return self._render(request, pick=pick, status=400)
        address_id = pick.cleaned_data["address_id"]
        handle = cart_handle(request)
        if handle is None or request.session.get(KIND_KEY) != "new":
            _forget_cart(request)
            _cart, handle = orders.cart_create(
                language=_language(), idempotency_key=request.POST.get("key") or None
            )
            _keep_cart(request, handle, "new")
        try:
            orders.cart_address_set(handle=handle, address_id=address_id)
        except BackValidationError as exc:
            if exc.code == "address_not_serviceable":
                pick.add_error(None, _("The network does not reach this address: nothing can be sold there."))
            else:
                apply_back_errors(pick, exc.errors, {})
            return self._render(
                request, pick=pick, status=422 if exc.code == "address_not_serviceable" else 400
            )
        except (BackNotFound, BackConflict) as exc:
            if exc.code not in ("cart_not_found", "cart_closed"):
                raise
            request.session.pop(CART_KEY, None)
            messages.warning(request, _("This order has expired; start again."))
            return redirect("weshop:new")
        return redirect("weshop:new-offers")

    def _render(
        self, request: HttpRequest, *, pick: AddressPickForm | None, status: int = 200
    ) -> HttpResponse:
        query = request.GET
        city_form = CityForm(query or None, cities=[(c.code, c.name) for c in addresses.city_list()])
        context: dict[str, Any] = {"city_form": city_form, "steps": _steps("new", 1), "key": uuid.uuid4().hex}
        context |= address_cascade(query, city_form, pick=pick)
        if pick is not None and "pick_form" not in context:
            context["pick_errors"] = pick
        context["plain_form"] = pick if pick is not None and "pick_form" not in context else None
        return render(request, self.template_name, context, status=status)


class NewOfferView(CartView):
    step, kind, template_name = 2, "new", "weshop/new_offers.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        offers = orders.offer_list(handle=self.handle)
        return self._render(
            cart, OfferForm(offers=offers, initial={"offer_code": cart.base.offer_code}), offers
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        offers = orders.offer_list(handle=self.handle)
        form = OfferForm(request.POST, offers=offers)
        if form.is_valid():
            try:
                orders.cart_offer_set(handle=self.handle, offer_code=form.cleaned_data["offer_code"])
                return redirect("weshop:new-equipment")
            except BackValidationError as exc:
                apply_back_errors(form, exc.errors, {})
        return self._render(weshop.cart_get(handle=self.handle), form, offers, status=400)

    def _render(self, cart: StaffCart, form: OfferForm, offers: Any, status: int = 200) -> HttpResponse:
        by_code = {o.code: o for o in offers}
        rows = [(by_code[str(choice.data["value"])], choice) for choice in form["offer_code"]]
        return self.page(cart, status, form=form, rows=rows)


def _serial_names(chosen: list[Any], prefix: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for index, item in enumerate(chosen):
        names |= {
            f"{prefix}.{index}.serial_numbers": f"serials_{item.code}",
            f"{prefix}.{index}.quantity": f"qty_{item.code}",
            f"{prefix}.{index}.acquisition": f"acq_{item.code}",
            f"{prefix}.{index}.code": f"qty_{item.code}",
            f"{prefix}.{index}": f"qty_{item.code}",
        }
    return names


class NewEquipmentView(CartView):
    """Equipment of the new customer, with its serial numbers when the rules ask the seller for them."""

    step, kind, template_name = 3, "new", "weshop/new_equipment.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        if not cart.base.offer_code:
            return redirect("weshop:new-offers")
        items = orders.equipment_list(handle=self.handle)
        serials = weshop.serial_numbers_get(handle=self.handle)
        initial: dict[str, Any] = {}
        for choice in cart.base.equipment:
            initial |= {
                f"qty_{choice.code}": choice.quantity,
                f"acq_{choice.code}": choice.acquisition,
                f"serials_{choice.code}": " ".join(choice.serial_numbers),
            }
        form = StaffEquipmentForm(items=items, is_serial_asked=serials.is_asked, initial=initial)
        return self.page(cart, form=form)

    def post(self, request: HttpRequest) -> HttpResponse:
        items = orders.equipment_list(handle=self.handle)
        serials = weshop.serial_numbers_get(handle=self.handle)
        form = StaffEquipmentForm(request.POST, items=items, is_serial_asked=serials.is_asked)
        if form.is_valid():
            chosen = form.choices()
            try:
                orders.cart_equipment_set(handle=self.handle, equipment=chosen)
                return redirect("weshop:new-options")
            except BackValidationError as exc:
                apply_back_errors(form, exc.errors, _serial_names(chosen, "equipment"))
        return self.page(None, 400, form=form)


class NewOptionsView(CartView):
    step, kind, template_name = 4, "new", "weshop/options.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        available = orders.option_list(handle=self.handle)
        form = OptionsForm(options=available.options, initial={"options": list(cart.base.options)})
        return self.page(cart, form=form, available=available, back_url="weshop:new-equipment")

    def post(self, request: HttpRequest) -> HttpResponse:
        available = orders.option_list(handle=self.handle)
        form = OptionsForm(request.POST, options=available.options)
        if form.is_valid():
            try:
                orders.cart_options_set(handle=self.handle, options=form.cleaned_data["options"], price=True)
                return redirect("weshop:summary")
            except BackValidationError as exc:
                apply_back_errors(
                    form, exc.errors, {k: "options" for k in exc.errors if k.startswith("options")}
                )
        return self.page(None, 400, form=form, available=available, back_url="weshop:new-equipment")


class NewContactView(CartView):
    step, kind, template_name = 6, "new", "weshop/contact.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        base = cart.base
        if base.contact_errors and base.contact_draft:
            form = ContactForm(base.contact_draft, ask_date_of_birth=base.is_date_of_birth_asked)
            form.is_valid()
            apply_back_errors(form, base.contact_errors, {})
        else:
            initial = base.contact or {"language": base.language or _language()}
            form = ContactForm(initial=initial, ask_date_of_birth=base.is_date_of_birth_asked)
        return self.page(cart, form=form)

    def post(self, request: HttpRequest) -> HttpResponse:
        cart = weshop.cart_get(handle=self.handle)
        form = ContactForm(request.POST, ask_date_of_birth=cart.base.is_date_of_birth_asked)
        if form.is_valid():
            try:
                orders.cart_contact_set(handle=self.handle, contact=form.payload())
                return redirect("weshop:appointment")
            except BackValidationError as exc:
                apply_back_errors(form, exc.errors, {})
        return self.page(cart, 400, form=form)


# --- Change of offer -----------------------------------------------------------------------------------


class ChangeOfferView(CartView):
    """Current offer, options and equipment, and the offers the customer may move to."""

    step, kind, template_name = 2, "change", "weshop/change_offer.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        change = weshop.change_get(handle=self.handle)
        form = ChangeOfferForm(
            current=change.current_offer,
            targets=change.targets,
            initial={"offer_code": change.selection.offer_code},
        )
        return self.page(cart, form=form, change=change)

    def post(self, request: HttpRequest) -> HttpResponse:
        change = weshop.change_get(handle=self.handle)
        form = ChangeOfferForm(request.POST, current=change.current_offer, targets=change.targets)
        if form.is_valid():
            try:
                weshop.change_offer_set(handle=self.handle, offer_code=form.cleaned_data["offer_code"])
                return redirect("weshop:change-equipment")
            except BackValidationError as exc:
                apply_back_errors(form, exc.errors, {})
        return self.page(None, 400, form=form, change=change)


class ChangeEquipmentView(CartView):
    """Return held equipment, add new pieces (serial numbers when the rules ask them)."""

    step, kind, template_name = 3, "change", "weshop/change_equipment.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        change = weshop.change_get(handle=self.handle)
        items = weshop.change_equipment_available(handle=self.handle)
        serials = weshop.serial_numbers_get(handle=self.handle)
        initial: dict[str, Any] = {"returned": list(change.selection.equipment_returned)}
        for choice in change.selection.equipment_added:
            initial |= {
                f"qty_{choice.code}": choice.quantity,
                f"serials_{choice.code}": " ".join(choice.serial_numbers),
            }
        form = ChangeEquipmentForm(
            held=change.current_equipment, items=items, is_serial_asked=serials.is_asked, initial=initial
        )
        return self.page(None, form=form, change=change)

    def post(self, request: HttpRequest) -> HttpResponse:
        change = weshop.change_get(handle=self.handle)
        items = weshop.change_equipment_available(handle=self.handle)
        serials = weshop.serial_numbers_get(handle=self.handle)
        form = ChangeEquipmentForm(
            request.POST, held=change.current_equipment, items=items, is_serial_asked=serials.is_asked
        )
        if form.is_valid():
            added = form.added()
            try:
                weshop.change_equipment_set(
                    handle=self.handle, returned=form.cleaned_data["returned"], added=added
                )
                return redirect("weshop:change-options")
            except BackValidationError as exc:
                names = _serial_names(added, "added") | {
                    k: "returned" for k in exc.errors if k.startswith("returned")
                }
                apply_back_errors(form, exc.errors, names)
        return self.page(None, 400, form=form, change=change)


class ChangeOptionsView(CartView):
    """Every option wanted after the change (kept ones included); then the change is priced."""

    step, kind, template_name = 4, "change", "weshop/options.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        available = weshop.change_option_list(handle=self.handle)
        form = OptionsForm(options=available.options, initial={"options": list(cart.base.options)})
        return self.page(cart, form=form, available=available, back_url="weshop:change-equipment")

    def post(self, request: HttpRequest) -> HttpResponse:
        available = weshop.change_option_list(handle=self.handle)
        form = OptionsForm(request.POST, options=available.options)
        if form.is_valid():
            try:
                weshop.change_options_set(handle=self.handle, options=form.cleaned_data["options"])
                weshop.change_quote(handle=self.handle)
                return redirect("weshop:summary")
            except BackValidationError as exc:
                apply_back_errors(
                    form, exc.errors, {k: "options" for k in exc.errors if k.startswith("options")}
                )
        return self.page(None, 400, form=form, available=available, back_url="weshop:change-equipment")


# --- Summary (both), discount, appointment, payment, confirm, order ----------------------------------------


class SummaryView(CartView):
    """Costs (before / after for a change), the discount of a store manager, then onwards."""

    template_name = "weshop/summary.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        if (cart.is_change and cart.comparison is None) or (not cart.is_change and cart.base.quote is None):
            if cart.is_change:
                weshop.change_quote(handle=self.handle)
            else:
                orders.cart_quote_refresh(handle=self.handle)
            cart = weshop.cart_get(handle=self.handle)
        return self._render(cart, DiscountForm(initial={"kind": "monthly"}))

    def post(self, request: HttpRequest) -> HttpResponse:
        """Give (or, with `remove`, take off) a discount: right weshop.discount only."""
        if not _can(request, "weshop.discount"):
            messages.error(request, _("You need the right to give store-manager discounts."))
            return self._render(weshop.cart_get(handle=self.handle), None, status=403)
        if "remove" in request.POST:
            cart = weshop.discount_remove(handle=self.handle)
            return self._render(cart, DiscountForm(initial={"kind": "monthly"}))
        form = DiscountForm(request.POST)
        if form.is_valid():
            try:
                weshop.discount_set(handle=self.handle, **form.payload())
                messages.success(request, _("The discount is applied."))
                return redirect("weshop:summary")
            except BackForbidden:
                messages.error(request, _("You need the right to give store-manager discounts."))
                return self._render(weshop.cart_get(handle=self.handle), None, status=403)
            except BackValidationError as exc:
                apply_back_errors(form, exc.errors, {})
        return self._render(weshop.cart_get(handle=self.handle), form, status=400)

    def _render(self, cart: StaffCart, form: DiscountForm | None, status: int = 200) -> HttpResponse:
        self.step = 5
        next_url = "weshop:appointment" if cart.is_change else "weshop:new-contact"
        back_url = "weshop:change-options" if cart.is_change else "weshop:new-options"
        return self.page(
            cart,
            status,
            quote=cart.base.quote,
            comparison=cart.comparison,
            discount_form=form if _can(self.request, "weshop.discount") else None,
            next_url=next_url,
            back_url=back_url,
        )


class AppointmentView(CartView):
    """How the equipment reaches the customer and the technician's slot (skipped if nothing is installed)."""

    template_name = "weshop/appointment.html"

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.step = 6 if request.session.get(KIND_KEY) == "change" else 7

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        offer = orders.slot_list(handle=self.handle)
        if cart.is_change and tuple(offer.install_modes) in ((), ("none",)):
            return redirect("weshop:review")
        initial = cartflow.appointment_initial(cart.base, offer.install_modes)
        form = AppointmentForm(modes=offer.install_modes, slots=offer.slots, initial=initial)
        return self.page(cart, form=form, is_without_slots=self._without_slots(offer))

    def post(self, request: HttpRequest) -> HttpResponse:
        offer = orders.slot_list(handle=self.handle)
        form = AppointmentForm(request.POST, modes=offer.install_modes, slots=offer.slots)
        if form.is_valid():
            form = cartflow.set_appointment(
                form,
                handle=self.handle,
                modes=offer.install_modes,
                taken_message=_("This slot was just taken. Choose another one."),
            )
            if form is None:
                return redirect("weshop:review" if self.cart_kind == "change" else "weshop:payment")
        return self.page(None, 400, form=form, is_without_slots=self._without_slots(offer))

    @staticmethod
    def _without_slots(offer: Any) -> bool:
        return cartflow.is_without_slots(offer)


PAYMENT_LABELS = {
    "card": gettext_lazy("Card, paid now at the counter"),
    "bill": gettext_lazy("On the first bill"),
}


class PaymentView(CartView):
    """Payment of a new customer's one-time costs, as the rules ask for the seller's channel."""

    step, kind, template_name = 8, "new", "weshop/payment.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        options = orders.payment_options(handle=self.handle)
        methods = self._methods(options)
        method = cart.base.payment.method if cart.base.payment else cartflow.sole_method(methods)
        return self._render(cart, PaymentForm(methods=methods, initial={"method": method}), options)

    def post(self, request: HttpRequest) -> HttpResponse:
        options = orders.payment_options(handle=self.handle)
        form = PaymentForm(request.POST, methods=self._methods(options))
        if form.is_valid():
            outcome = cartflow.pay(
                form,
                handle=self.handle,
                required_message=_("This order must be paid by card now."),
                decline_reasons={"card_declined": _("The bank declined the card.")},
            )
            if outcome == "challenge":
                form.add_error(
                    None, _("The bank asks for a verification the counter cannot do; use the bill.")
                )
            elif outcome == "paid":
                return redirect("weshop:review")
        return self._render(None, form, options, status=400)

    @staticmethod
    def _methods(options: Any) -> list[tuple[str, Any]]:
        return cartflow.payment_methods(options.requirement_by_method, PAYMENT_LABELS)

    def _render(
        self, cart: StaffCart | None, form: PaymentForm, options: Any, status: int = 200
    ) -> HttpResponse:
        cartflow.forget_card(form)  # the card number and code never go back to the browser
        return self.page(cart, status, form=form, options=options)


class ReviewView(CartView):
    """Last look, then confirm (the form carries the idempotency key: one order per submit)."""

    template_name = "weshop/review.html"

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.step = 7 if request.session.get(KIND_KEY) == "change" else 9

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        return self.page(cart, form=ConfirmForm(initial={"key": uuid.uuid4().hex}))

    def post(self, request: HttpRequest) -> HttpResponse:
        form, status = ConfirmForm(request.POST), 400
        if form.is_valid():
            try:
                weshop.cart_confirm(handle=self.handle, idempotency_key=form.cleaned_data["key"])
                return redirect("weshop:order")
            except BackConflict as exc:
                answer = cartflow.confirm_refused(
                    request,
                    exc,
                    order_of=lambda: weshop.order_get(handle=self.handle),
                    done="weshop:order",
                    payment="weshop:payment",
                    payment_message=_("This order must be paid by card before it is confirmed."),
                    appointment="weshop:appointment",
                    slot_message=_("The appointment slot was just taken. Choose another one."),
                )
                if answer:
                    return answer
                form, status = ConfirmForm(initial={"key": uuid.uuid4().hex}), 409
            except BackValidationError as exc:
                if any(key.endswith("serial_numbers") for key in exc.errors):
                    for messages_of_field in exc.errors.values():
                        for message in messages_of_field:
                            messages.error(request, message)
                    messages.error(request, _("Enter the serial numbers of the equipment handed over."))
                    return redirect(
                        "weshop:change-equipment" if self.cart_kind == "change" else "weshop:new-equipment"
                    )
                apply_back_errors(form, exc.errors, {})
        return self.page(weshop.cart_get(handle=self.handle), status, form=form)


class OrderView(CartView):
    """The confirmed order: status, who took it, for which store, through which channel."""

    template_name = "weshop/order.html"

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.step = 8 if request.session.get(KIND_KEY) == "change" else 10

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            order = weshop.order_get(handle=self.handle)
        except BackNotFound as exc:
            if exc.code != "order_not_found":
                raise
            return redirect("weshop:review")
        return render(
            request,
            self.template_name,
            {
                "order": order,
                "steps": _steps(self.cart_kind, self.step),
                "channel_label": channel_label(order.taken_by.channel if order.taken_by else order.channel),
                "sale_type_label": SALE_TYPES.get(order.sale_type, order.sale_type),
                "status_label": STATUS_LABELS.get(order.status, order.status),
            },
        )


class CancelView(CartView):
    """Abandon the session's cart (a change cart releases the customer file)."""

    def post(self, request: HttpRequest) -> HttpResponse:
        _forget_cart(request)
        messages.info(request, _("The order was abandoned."))
        return redirect("weshop:customer-search")


@method_decorator(staff_required(SELL), name="dispatch")
class OrderListView(View):
    """The latest orders taken by this seller (or their store): who, which store, which channel."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = OrderFilterForm(request.GET or None)
        scope, status = "mine", ""
        if form.is_bound and form.is_valid():
            scope = form.cleaned_data["scope"] or "mine"
            status = form.cleaned_data["status"]
        user = request.staff.user  # type: ignore[attr-defined]
        found = weshop.order_list(
            status=status,
            staff_code=user.code if scope == "mine" else "",
            store_code=user.store_code if scope == "store" else "",
        )
        rows = [
            (
                order,
                channel_label(order.taken_by.channel if order.taken_by else order.channel),
                SALE_TYPES.get(order.sale_type, order.sale_type),
                STATUS_LABELS.get(order.status, order.status),
            )
            for order in found
        ]
        return render(request, "weshop/order_list.html", {"form": form, "rows": rows, "scope": scope})
