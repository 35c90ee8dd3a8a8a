"""MyShop pages: a customer logged in to MyAccount changes their offer, one step a page.

Reached from MyAccount's "Change my offer" (the portal cannot call it). The entry page asks the back
whether the customer file allows a change and explains every blocking reason by its code; otherwise
it opens a change cart (the back locks the customer file). The session keeps only the cart's id and
secret (`CART_KEY`); every page re-renders from the cart, so back / forward never loses a choice.
Views call `weblys.backclient` functions only: at most three back calls per page (see the tests).
"""

from __future__ import annotations

import logging
import uuid
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from weblys import cartflow
from weblys.backclient import myshop, orders
from weblys.backclient.errors import BackConflict, BackNotFound, BackValidationError
from weblys.backclient.myshop_types import (
    Blocker,
    ChangeCart,
    ChangeTarget,
    ChangeView,
    Comparison,
    CurrentState,
    DirectoryListing,
)
from weblys.backclient.orders_types import CartHandle, Quote
from weblys.forms import ChallengeForm, PaymentForm, apply_back_errors
from weblys.journey import Step, order_steps

from .forms import (
    LISTINGS,
    AppointmentForm,
    ConfirmForm,
    DirectoryForm,
    EquipmentForm,
    OfferForm,
    OptionsForm,
    StartForm,
    format_phone,
)

logger = logging.getLogger(__name__)

CART_KEY = "myshop.cart"

STEPS = (
    gettext_lazy("Your offer"),
    gettext_lazy("Equipment"),
    gettext_lazy("Options"),
    gettext_lazy("Phone directory"),
    gettext_lazy("Summary"),
    gettext_lazy("Appointment"),
    gettext_lazy("Payment"),
    gettext_lazy("Confirmation"),
)
# The page of each step the back may name as missing (`cart_step_missing`).
STEP_PAGES = {
    "offer": "myshop:offer",
    "equipment": "myshop:equipment",
    "options": "myshop:options",
    "directory": "myshop:directory",
    "summary": "myshop:summary",
    "appointment": "myshop:appointment",
    "payment": "myshop:payment",
}
# Each blocking reason explained by its stable code (never by parsing the back's text).
BLOCKER_MESSAGES = {
    "customer_not_active": gettext_lazy(
        "Your account is not active at the moment, so your offer cannot be changed online."
    ),
    "customer_type_not_allowed": gettext_lazy(
        "Your type of account (for example an employee or VIP account) cannot change its offer online. "
        "Our customer service will make the change with you."
    ),
    "account_in_collection": gettext_lazy(
        "Your account has an overdue balance. Once it is paid, you can change your offer here."
    ),
    "file_locked": gettext_lazy(
        "Another order is already in progress on your account. If you started a change in another "
        "window, finish or cancel it there; otherwise try again once that order is complete."
    ),
    "offer_not_in_catalog": gettext_lazy(
        "Your current services do not match an offer we sell online, so the change must be made by "
        "our customer service."
    ),
}
UNKNOWN_BLOCKER = gettext_lazy("Your offer cannot be changed online right now.")
SALE_KINDS = {
    "upsell": gettext_lazy("Upgrade"),
    "cross_sell": gettext_lazy("New service"),
}
STATUS_MESSAGES = {
    "received": gettext_lazy(
        "Your change is received. Our systems are busy right now: it will be sent to them shortly and "
        "we will confirm it by e-mail. There is nothing more to do."
    ),
    "submitted": gettext_lazy("Your change is confirmed. A confirmation e-mail is on its way."),
    "rejected": gettext_lazy(
        "Your change is received but needs a check by our team; an agent will contact you shortly."
    ),
}
METHOD_LABELS = {
    "card": gettext_lazy("Pay now by card"),
    "bill": gettext_lazy("Pay on my next bill"),
}
DECLINE_REASONS = {
    "card_declined": gettext_lazy(
        "Your bank declined the payment. Try another card or pay on your next bill."
    ),
    "challenge_failed": gettext_lazy("The verification code was not correct, so the payment was declined."),
}
# MyAccount's customer-service page, by the first URL name that exists (else the account home).
CONTACT_URL_NAMES = ("myaccount:contact-us", "myaccount:home")


def stepper(current: int) -> tuple[Step, ...]:
    """The MyShop steps with `current` (1-based) marked and earlier ones done."""
    return order_steps(current, STEPS)


def contact_url() -> str:
    """MyAccount's customer-service form about the offer (the account home if it does not exist)."""
    for name in CONTACT_URL_NAMES:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        return url + "?subject=offer" if name == "myaccount:contact-us" else url
    return "/myaccount/"


def blocker_message(blocker: Blocker) -> str:
    return str(BLOCKER_MESSAGES.get(blocker.code, UNKNOWN_BLOCKER))


def cart_handle(request: HttpRequest) -> CartHandle | None:
    return CartHandle.from_json(request.session.get(CART_KEY))


def _language() -> str:
    language = (get_language() or "fr")[:2]
    return language if language in ("fr", "en") else "fr"


def _login_redirect(request: HttpRequest) -> HttpResponse:
    return HttpResponseRedirect(
        reverse("myaccount:login") + "?" + urlencode({"next": request.get_full_path()})
    )


class MyShopView(View):
    """Only for a customer logged in to MyAccount; the stepper on every page."""

    step = 1

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.customer is None:
            return _login_redirect(request)
        return super().dispatch(request, *args, **kwargs)

    def context(self, **extra: Any) -> dict[str, Any]:
        return {"steps": stepper(self.step), "contact_url": contact_url(), **extra}


# --- Entry: eligibility, then open the change cart ---------------------------------------------------------


class ChangeStartView(MyShopView):
    """Entry: a blocked file gets every reason explained; otherwise the current offer and "Start"."""

    def get(self, request: HttpRequest) -> HttpResponse:
        resumed = self._resume(request)
        if resumed is not None:
            return resumed
        eligibility = myshop.change_eligibility_get(customer_number=request.customer.customer_number)
        if not eligibility.is_allowed:
            return self._blocked(request, eligibility.blockers)
        context = self.context(
            offer=eligibility.current_offer, form=StartForm(initial={"key": uuid.uuid4().hex})
        )
        return render(request, "myshop/home.html", context)

    def post(self, request: HttpRequest) -> HttpResponse:
        resumed = self._resume(request)
        if resumed is not None:
            return resumed
        form = StartForm(request.POST)
        if not form.is_valid():
            return redirect("myshop:home")
        number = request.customer.customer_number
        try:
            _cart, handle = myshop.change_cart_create(
                customer_number=number, language=_language(), idempotency_key=form.cleaned_data["key"]
            )
        except BackConflict:
            eligibility = myshop.change_eligibility_get(customer_number=number)
            if eligibility.blockers:
                return self._blocked(request, eligibility.blockers, status=409)
            messages.warning(request, _("Your account was busy for a moment. Please try again."))
            return redirect("myshop:home")
        request.session[CART_KEY] = handle.to_json()
        return redirect("myshop:offer")

    def _resume(self, request: HttpRequest) -> HttpResponse | None:
        """An open change cart of this session is continued; a closed or unknown one is forgotten."""
        handle = cart_handle(request)
        if handle is None:
            return None
        try:
            cart = myshop.change_cart_get(handle=handle)
        except BackNotFound:
            cart = None
        if cart is not None and cart.is_open:
            messages.info(request, _("Your change in progress is kept: continue where you left off."))
            return redirect("myshop:offer")
        request.session.pop(CART_KEY, None)
        return None

    def _blocked(self, request: HttpRequest, blockers: Any, status: int = 200) -> HttpResponse:
        reasons = [(b.code, blocker_message(b)) for b in blockers]
        return render(request, "myshop/blocked.html", self.context(reasons=reasons), status=status)


# --- Steps on the change cart ------------------------------------------------------------------------------


class CartStepView(MyShopView):
    """A step on the session's change cart; no cart (or an unknown one) sends back to the entry page."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.customer is None:
            return _login_redirect(request)
        handle = cart_handle(request)
        if handle is None:
            messages.info(request, _("Start your change here."))
            return redirect("myshop:home")
        self.handle = handle
        try:
            return super().dispatch(request, *args, **kwargs)
        except (BackNotFound, BackConflict) as exc:
            return cartflow.cart_refused(
                request,
                exc,
                cart_key=CART_KEY,
                step_pages=STEP_PAGES,
                first_step="offer",
                start="myshop:home",
                done="myshop:done",
                expired_message=gettext_lazy("Your change has expired; please start again."),
            )

    def load(self) -> tuple[ChangeCart, HttpResponse | None]:
        """The change cart, or where to go when it is no longer open."""
        cart = myshop.change_cart_get(handle=self.handle)
        if cart.is_open:
            return cart, None
        if cart.status == "confirmed":
            return cart, redirect("myshop:done")
        self.request.session.pop(CART_KEY, None)
        messages.info(self.request, _("This change was cancelled. You can start a new one."))
        return cart, redirect("myshop:home")


def _price_row(current: CurrentState, target: ChangeTarget, labels: dict[str, str]) -> dict[str, Any]:
    """What moving to `target` changes, for the before / after table."""
    before = current.offer.monthly_price if current.offer else Decimal("0")
    ended = set(target.services_removed) | set(target.equipment_returned)
    return {
        "code": target.offer.code,
        "name": target.offer.name,
        "kind": SALE_KINDS.get(target.kind, target.kind),
        "services": [s.label for s in target.offer.basic_services],
        "added": [labels.get(code, code) for code in target.services_added],
        "removed": [labels.get(code, code) for code in target.services_removed],
        "price_before": before,
        "price_after": target.offer.monthly_price,
        "difference": target.monthly_difference,
        "equipment_returned": target.equipment_returned,
        "equipment_to_choose": [code for choice in target.equipment_to_choose for code in choice.choices],
        "commitments": [c for c in current.commitments if c.service_code in ended],
    }


class OfferChooseView(CartStepView):
    """Keep the current offer or move to an upsell / cross-sell target, with a before / after table."""

    step, template_name = 1, "myshop/offer.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        _cart, stop = self.load()
        if stop:
            return stop
        view = myshop.change_get(handle=self.handle)
        form = OfferForm(choices=self._choices(view), initial={"offer_code": view.selection.offer_code})
        return self._render(view, form)

    def post(self, request: HttpRequest) -> HttpResponse:
        view = myshop.change_get(handle=self.handle)
        form = OfferForm(request.POST, choices=self._choices(view))
        if form.is_valid():
            try:
                myshop.change_offer_set(handle=self.handle, offer_code=form.cleaned_data["offer_code"])
                return redirect("myshop:equipment")
            except BackValidationError as exc:
                apply_back_errors(form, exc.errors, {})
        return self._render(view, form, status=400)

    @staticmethod
    def _choices(view: ChangeView) -> list[tuple[str, str]]:
        choices = []
        if view.current.offer is not None:
            choices.append(
                (view.current.offer.code, _("Keep my offer: %(name)s") % {"name": view.current.offer.name})
            )
        for target in view.targets:
            choices.append(
                (
                    target.offer.code,
                    _("%(kind)s: %(name)s (%(difference)s $/month)")
                    % {
                        "kind": SALE_KINDS.get(target.kind, target.kind),
                        "name": target.offer.name,
                        "difference": _signed(target.monthly_difference),
                    },
                )
            )
        return choices

    def _render(self, view: ChangeView, form: OfferForm, status: int = 200) -> HttpResponse:
        labels = view.labels()
        context = self.context(
            view=view,
            form=form,
            current=view.current,
            current_options=view.current.options,
            rows=[_price_row(view.current, target, labels) for target in view.targets],
            commitments=[(labels.get(c.service_code, c.service_code), c) for c in view.current.commitments],
        )
        return render(self.request, self.template_name, context, status=status)


def _signed(amount: Decimal) -> str:
    return f"+{amount}" if amount > 0 else str(amount)


class EquipmentChangeView(CartStepView):
    """Return rented pieces, add pieces (rent or buy); a swap is one return and one addition."""

    step, template_name = 2, "myshop/equipment.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        equipment = myshop.change_equipment_get(handle=self.handle)
        selection = cart.selection
        initial: dict[str, Any] = {"returned": list(selection.equipment_returned) if selection else []}
        for item in selection.equipment_added if selection else ():
            initial |= {f"qty_{item.code}": item.quantity, f"acq_{item.code}": item.acquisition}
        form = self._form(equipment, initial=initial)
        return self._render(form)

    def post(self, request: HttpRequest) -> HttpResponse:
        equipment = myshop.change_equipment_get(handle=self.handle)
        form = self._form(equipment, data=request.POST)
        if form.is_valid():
            added = form.added()
            try:
                myshop.change_equipment_set(
                    handle=self.handle, returned=form.cleaned_data["returned"], added=added
                )
                return redirect("myshop:options")
            except BackValidationError as exc:
                names = {"returned": "returned", "added": "returned"}
                names |= {key: "returned" for key in exc.errors if key.startswith("returned.")}
                for index, item in enumerate(added):
                    for suffix in ("", ".code", ".quantity", ".serial_numbers"):
                        names[f"added.{index}{suffix}"] = f"qty_{item.code}"
                    names[f"added.{index}.acquisition"] = f"acq_{item.code}"
                apply_back_errors(form, exc.errors, names)
        return self._render(form, status=400)

    @staticmethod
    def _form(equipment: Any, **kwargs: Any) -> EquipmentForm:
        labels = {item.code: item.label for item in equipment.available}
        return EquipmentForm(
            kwargs.pop("data", None),
            held=equipment.held,
            available=equipment.available,
            labels=labels,
            **kwargs,
        )

    def _render(self, form: EquipmentForm, status: int = 200) -> HttpResponse:
        labels = {item.code: item.label for item in form.available}
        bought = [(labels.get(i.code, i.code), i.serial_number) for i in form.held if not i.is_rented]
        context = self.context(form=form, bought=bought)
        return render(self.request, self.template_name, context, status=status)


class OptionsChangeView(CartStepView):
    """Every option wanted after the change: current ones are ticked, untick to remove one."""

    step, template_name = 3, "myshop/options.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        available = myshop.change_option_list(handle=self.handle)
        form = OptionsForm(options=available.options, initial={"options": list(available.chosen)})
        return self._render(cart, form, available)

    def post(self, request: HttpRequest) -> HttpResponse:
        available = myshop.change_option_list(handle=self.handle)
        form = OptionsForm(request.POST, options=available.options)
        if form.is_valid():
            try:
                myshop.change_options_set(handle=self.handle, options=form.cleaned_data["options"])
                return redirect("myshop:directory")
            except BackValidationError as exc:
                names = {key: "options" for key in exc.errors if key.startswith("options")}
                apply_back_errors(form, exc.errors, names)
        return self._render(None, form, available, status=400)

    def _render(
        self, cart: ChangeCart | None, form: OptionsForm, available: Any, status: int = 200
    ) -> HttpResponse:
        selection = cart.selection if cart is not None else None
        current: set[str] = set()
        if selection is not None:
            current = (set(selection.options) - set(selection.options_added)) | set(selection.options_removed)
        context = self.context(
            form=form,
            prices={o.code: o for o in available.options},
            current=current,
            unavailable=available.unavailable,
        )
        return render(self.request, self.template_name, context, status=status)


class DirectoryView(CartStepView):
    """How each fixed phone number appears in the telephone directory (skipped without a fixed line)."""

    step, template_name = 4, "myshop/directory.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        _cart, stop = self.load()
        if stop:
            return stop
        view = myshop.change_get(handle=self.handle)
        if not view.current.phone_numbers:
            return redirect("myshop:summary")
        chosen = {item.number: item.listing for item in view.selection.directory}
        initial = {
            f"listing_{i}": chosen.get(phone.number, phone.directory_listing)
            for i, phone in enumerate(view.current.phone_numbers)
        }
        form = DirectoryForm(numbers=view.current.phone_numbers, initial=initial)
        return render(request, self.template_name, self.context(form=form))

    def post(self, request: HttpRequest) -> HttpResponse:
        view = myshop.change_get(handle=self.handle)
        form = DirectoryForm(request.POST, numbers=view.current.phone_numbers)
        if form.is_valid():
            listings = [
                DirectoryListing(number=phone.number, listing=form.cleaned_data[f"listing_{i}"])
                for i, phone in enumerate(view.current.phone_numbers)
            ]
            try:
                myshop.change_directory_set(handle=self.handle, listings=listings)
                return redirect("myshop:summary")
            except BackValidationError as exc:
                names = {}
                for i in range(len(listings)):
                    names |= {f"listings.{i}.listing": f"listing_{i}", f"listings.{i}.number": f"listing_{i}"}
                apply_back_errors(form, exc.errors, names)
        return render(request, self.template_name, self.context(form=form), status=400)


def comparison_rows(comparison: Comparison, view: ChangeView, quote: Quote | None) -> dict[str, Any]:
    """Labels for the codes of a comparison (services, options, equipment) and the commitments ended."""
    labels = view.labels()
    if quote is not None:
        labels |= {line.code: line.label for line in quote.lines}
    labels |= {fee.code: fee.label for fee in comparison.one_time_fees}
    held = {item.serial_number: item.code for item in view.current.equipment}

    def named(codes: Any) -> list[str]:
        return [labels.get(code, code) for code in codes]

    return {
        "services_added": named(comparison.services_added),
        "services_removed": named(comparison.services_removed),
        "options_added": named(comparison.options_added),
        "options_removed": named(comparison.options_removed),
        "equipment_added": [
            (labels.get(item.code, item.code), item.quantity, item.acquisition)
            for item in comparison.equipment_added
        ],
        "equipment_returned": [
            (labels.get(held.get(serial, ""), held.get(serial, "")), serial)
            for serial in comparison.equipment_returned
        ],
        "commitment_effects": [
            (labels.get(c.service_code, c.service_code), c) for c in comparison.commitment_effects
        ],
        "directory": [
            (format_phone(item.number), LISTINGS.get(item.listing, item.listing))
            for item in view.selection.directory
        ],
    }


class SummaryView(CartStepView):
    """The before / after of the whole change, priced now: services, monthly price, fees, commitments."""

    step, template_name = 5, "myshop/summary.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        comparison, quote = cart.comparison, cart.cart.quote
        if comparison is None:
            # The selection changed since it was priced (or the customer came back): price it now.
            comparison = myshop.change_quote_refresh(handle=self.handle)
            quote = None
        view = myshop.change_get(handle=self.handle)
        context = self.context(
            comparison=comparison,
            rows=comparison_rows(comparison, view, quote),
            has_phone=bool(view.current.phone_numbers),
        )
        return render(request, self.template_name, context)


class AppointmentView(CartStepView):
    """A technician's visit or a shipment when the change installs something; skipped otherwise."""

    step, template_name = 6, "myshop/appointment.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        if cart.comparison is None:
            return redirect("myshop:summary")
        offer = orders.slot_list(handle=self.handle)
        if list(offer.install_modes) in ([], ["none"]):
            return redirect("myshop:payment")
        initial = cartflow.appointment_initial(cart.cart, offer.install_modes)
        form = AppointmentForm(modes=offer.install_modes, slots=offer.slots, initial=initial)
        return render(request, self.template_name, self.context(form=form, **self._flags(offer)))

    def post(self, request: HttpRequest) -> HttpResponse:
        offer = orders.slot_list(handle=self.handle)
        form = AppointmentForm(request.POST, modes=offer.install_modes, slots=offer.slots)
        if form.is_valid():
            form = cartflow.set_appointment(
                form,
                handle=self.handle,
                modes=offer.install_modes,
                taken_message=_("This slot was just taken by someone else. Choose another one."),
            )
            if form is None:
                return redirect("myshop:payment")
        return render(request, self.template_name, self.context(form=form, **self._flags(offer)), status=400)

    @staticmethod
    def _flags(offer: Any) -> dict[str, bool]:
        return {"is_without_slots": cartflow.is_without_slots(offer)}


def _methods(requirement_by_method: dict[str, str]) -> list[tuple[str, Any]]:
    return cartflow.payment_methods(requirement_by_method, METHOD_LABELS)


class PaymentView(CartStepView):
    """Payment now only when the rules require it; otherwise the one-time costs go on the next bill."""

    step, template_name = 7, "myshop/payment.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        if not cart.cart.install_mode:
            return redirect("myshop:appointment" if cart.comparison else "myshop:summary")
        options = orders.payment_options(handle=self.handle)
        if "required" not in options.requirement_by_method.values():
            return redirect("myshop:review")
        methods = _methods(options.requirement_by_method)
        default = cart.cart.payment.method if cart.cart.payment else cartflow.sole_method(methods)
        form = PaymentForm(methods=methods, initial={"method": default})
        return self._render(form, options)

    def post(self, request: HttpRequest) -> HttpResponse:
        options = orders.payment_options(handle=self.handle)
        form = PaymentForm(request.POST, methods=_methods(options.requirement_by_method))
        if form.is_valid():
            outcome = cartflow.pay(
                form,
                handle=self.handle,
                required_message=_("This change must be paid by card now."),
                decline_reasons=DECLINE_REASONS,
            )
            if outcome == "challenge":
                return redirect("myshop:challenge")
            if outcome == "paid":
                return redirect("myshop:review")
        return self._render(form, options, status=400)

    def _render(self, form: PaymentForm, options: Any, status: int = 200) -> HttpResponse:
        cartflow.forget_card(form)  # the card number and the security code never go back
        return render(
            self.request, self.template_name, self.context(form=form, options=options), status=status
        )


class ChallengeView(CartStepView):
    """The bank's verification of a card payment."""

    step, template_name = 7, "myshop/challenge.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        if cart.cart.payment is None or not cart.cart.payment.is_challenge_required:
            return redirect("myshop:payment")
        return render(request, self.template_name, self.context(form=ChallengeForm()))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ChallengeForm(request.POST)
        if form.is_valid():
            outcome, message = cartflow.answer_challenge(
                form, handle=self.handle, decline_reasons=DECLINE_REASONS
            )
            if outcome == "paid":
                return redirect("myshop:review")
            if outcome == "declined":
                messages.error(request, message)
                return redirect("myshop:payment")
        return render(request, self.template_name, self.context(form=form), status=400)


class ReviewView(CartStepView):
    """Last look, then confirm: the form holds the idempotency key, so one change order per submit."""

    step, template_name = 8, "myshop/review.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        if cart.comparison is None:
            return redirect("myshop:summary")
        form = ConfirmForm(initial={"key": uuid.uuid4().hex})
        return render(request, self.template_name, self.context(cart=cart, form=form))

    def post(self, request: HttpRequest) -> HttpResponse:
        form, status = ConfirmForm(request.POST), 400
        if form.is_valid():
            try:
                orders.cart_confirm(handle=self.handle, idempotency_key=form.cleaned_data["key"])
                return redirect("myshop:done")
            except BackConflict as exc:
                answer = cartflow.confirm_refused(
                    request,
                    exc,
                    order_of=lambda: myshop.change_order_get(handle=self.handle),
                    done="myshop:done",
                    payment="myshop:payment",
                    payment_message=_("This change must be paid by card before it is confirmed."),
                    appointment="myshop:appointment",
                    slot_message=_("Your appointment slot was just taken. Choose another one."),
                )
                if answer:
                    return answer
                form, status = ConfirmForm(initial={"key": uuid.uuid4().hex}), 409
            except BackValidationError as exc:
                apply_back_errors(form, exc.errors, {})
        cart = myshop.change_cart_get(handle=self.handle)
        return render(request, self.template_name, self.context(cart=cart, form=form), status=status)


class DoneView(CartStepView):
    """The confirmation page: the change order's status as the back knows it."""

    step, template_name = 9, "myshop/done.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            order = myshop.change_order_get(handle=self.handle)
        except BackNotFound as exc:
            if exc.code != "order_not_found":
                raise
            return redirect("myshop:review")
        context = self.context(
            order=order,
            status_message=STATUS_MESSAGES.get(order.status, STATUS_MESSAGES["received"]),
        )
        return render(request, self.template_name, context)


class CancelView(CartStepView):
    """ "Cancel my change": asks once, then closes the cart and unlocks the customer file."""

    step, template_name = 1, "myshop/cancel.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        _cart, stop = self.load()
        if stop:
            return stop
        back = request.GET.get("from", "")
        back_url = (
            reverse(back)
            if back in STEP_PAGES.values() or back == "myshop:review"
            else reverse("myshop:offer")
        )
        return render(request, self.template_name, self.context(back_url=back_url))

    def post(self, request: HttpRequest) -> HttpResponse:
        try:
            myshop.change_cart_cancel(handle=self.handle)
        except BackConflict as exc:
            if exc.code != "cart_closed":
                raise
            messages.info(
                request, _("This change is already confirmed, so it can no longer be cancelled here.")
            )
            return redirect("myshop:done")
        request.session.pop(CART_KEY, None)
        messages.success(request, _("Your change is cancelled. Nothing was changed on your account."))
        return redirect("myaccount:home")
