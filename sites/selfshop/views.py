"""SelfShop pages: a prospect checks which services reach an address, then subscribes, one step a page.

The cart lives in the back; the session keeps only its id and secret (`CART_KEY`). Every page
re-renders its form from the cart, so back / forward never loses a choice. Views call
`weblys.backclient` functions only: at most three back calls per page (see the tests).
"""

from __future__ import annotations

import logging
import re
import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from weblys import cartflow
from weblys.backclient import addresses, orders
from weblys.backclient.errors import BackConflict, BackNotFound, BackValidationError
from weblys.backclient.orders_types import Cart, CartHandle, EquipmentChoice, Slot
from weblys.forms import ChallengeForm, PaymentForm, apply_back_errors
from weblys.journey import Step, order_steps

from .address_picker import address_cascade
from .forms import (
    INSTALL_MODES,
    AddressPickForm,
    AddressSearchForm,
    AppointmentForm,
    CityForm,
    ConfirmForm,
    ContactForm,
    EquipmentForm,
    OfferForm,
    OptionsForm,
    equipment_posted,
    slot_posted,
)

logger = logging.getLogger(__name__)

CART_KEY = "selfshop.cart"
_OFFER_CODE = re.compile(r"^[A-Z0-9_+-]{1,40}$")

STEPS = (
    gettext_lazy("Address"),
    gettext_lazy("Offer"),
    gettext_lazy("Equipment"),
    gettext_lazy("Options"),
    gettext_lazy("Summary"),
    gettext_lazy("Contact details"),
    gettext_lazy("Appointment"),
    gettext_lazy("Payment"),
    gettext_lazy("Confirmation"),
)
BACK_STEP_ORDER = (
    "created",
    "address",
    "offer",
    "equipment",
    "options",
    "summary",
    "contact",
    "appointment",
    "payment",
    "confirmed",
)
# The page of each step the back may name as missing (`cart_step_missing`).
STEP_PAGES = {
    "address": "selfshop:home",
    "offer": "selfshop:offers",
    "equipment": "selfshop:equipment",
    "options": "selfshop:options",
    "summary": "selfshop:summary",
    "contact": "selfshop:contact",
    "appointment": "selfshop:appointment",
    "payment": "selfshop:payment",
}
DOMAIN_NAMES = {
    "TV": gettext_lazy("Television"),
    "INT": gettext_lazy("Internet"),
    "TEL": gettext_lazy("Home phone"),
    "MOB": gettext_lazy("Mobile"),
}
DECLINE_REASONS = {
    "card_declined": gettext_lazy(
        "Your bank declined the payment. Try another card or pay on your first bill."
    ),
    "challenge_failed": gettext_lazy("The verification code was not correct, so the payment was declined."),
}


def stepper(current: int) -> tuple[Step, ...]:
    """The SelfShop steps with `current` (1-based) marked and earlier ones done."""
    return order_steps(current, STEPS)


def offer_code_of(value: str) -> str:
    """An offer code from the portal's link, or "" when malformed."""
    code = (value or "").strip().upper()
    return code if _OFFER_CODE.match(code) else ""


def cart_handle(request: HttpRequest) -> CartHandle | None:
    return CartHandle.from_json(request.session.get(CART_KEY))


def _language() -> str:
    language = (get_language() or "fr")[:2]
    return language if language in ("fr", "en") else "fr"


def _reached(cart: Cart, step: str) -> bool:
    return cart.step in BACK_STEP_ORDER and BACK_STEP_ORDER.index(cart.step) >= BACK_STEP_ORDER.index(step)


def missing_page(cart: Cart, page: str) -> str:
    """The page to show instead of `page` when an earlier step it needs is not done ("" if none)."""
    needs: list[tuple[bool, str]] = [(cart.address_id is not None, "selfshop:home")]
    order = ["offers", "equipment", "options", "summary", "contact", "appointment", "payment", "review"]
    checks = {
        "equipment": (bool(cart.offer_code), "selfshop:offers"),
        "options": (bool(cart.offer_code) and _reached(cart, "equipment"), "selfshop:equipment"),
        "contact": (cart.quote is not None, "selfshop:summary"),
        "appointment": (bool(cart.contact), "selfshop:contact"),
        "payment": (bool(cart.install_mode), "selfshop:appointment"),
        "review": (
            cart.payment is not None and not cart.payment.is_challenge_required,
            "selfshop:payment",
        ),
    }
    for name in order[: order.index(page) + 1]:
        if name in checks:
            needs.append(checks[name])
    return next((target for done, target in needs if not done), "")


def sidebar(cart: Cart | None) -> dict[str, Any]:
    """What the always-visible summary shows (the address comes from the cached address lookup)."""
    if cart is None:
        return {"cart": None}
    address = None
    if cart.address_id is not None:
        try:
            address = addresses.address_get(address_id=cart.address_id)
        except BackNotFound:
            address = None
    return {"cart": cart, "address": address, "offer_name": orders.offer_name(code=cart.offer_code)}


class SelfShopView(View):
    """Shared behaviour: the stepper and the back's refusals that apply to every step."""

    step = 1

    def context(self, cart: Cart | None, **extra: Any) -> dict[str, Any]:
        return {"steps": stepper(self.step), **sidebar(cart), **extra}


class CartStepView(SelfShopView):
    """A step on an existing cart: no cart (or an unknown one) sends back to the address step."""

    page = ""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        handle = cart_handle(request)
        if handle is None:
            messages.info(request, _("Start with your address: we check what reaches your home first."))
            return redirect("selfshop:home")
        self.handle = handle
        try:
            return super().dispatch(request, *args, **kwargs)
        except (BackNotFound, BackConflict) as exc:
            return cartflow.cart_refused(
                request,
                exc,
                cart_key=CART_KEY,
                step_pages=STEP_PAGES,
                first_step="address",
                start="selfshop:home",
                done="selfshop:done",
                expired_message=gettext_lazy("Your previous selection has expired; please start again."),
            )

    def load(self) -> tuple[Cart, HttpResponse | None]:
        """The cart, or a redirect when it is closed or an earlier step is missing.

        A page shown right after a step takes the cart that step's write answered with (the state the
        back holds now) instead of asking again; a reload or any POST asks the back.
        """
        cart = orders.cart_get(handle=self.handle, reuse_written=self.request.method == "GET")
        if not cart.is_open:
            return cart, redirect("selfshop:done")
        target = missing_page(cart, self.page) if self.page else ""
        if target:
            messages.info(self.request, _("Please complete this step first."))
            return cart, redirect(target)
        return cart, None


# --- Address ---------------------------------------------------------------------------------------------


class AddressStartView(SelfShopView):
    """Entry page: "check availability at my address" (optionally for the portal's offer ?offer=CODE).

    The address is found city → street → civic number → apartment with plain GET forms (no
    JavaScript needed), or by typing it in the search box (htmx autocomplete, plain search without it).
    """

    template_name = "selfshop/address.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, pick=None)

    def post(self, request: HttpRequest) -> HttpResponse:
        pick = AddressPickForm(request.POST, addresses=[(self._posted_id(request), "")])
        offer = offer_code_of(request.POST.get("offer", ""))
        if not pick.is_valid():
            return self._render(request, pick=pick, status=400)
        address_id = pick.cleaned_data["address_id"]
        if request.POST.get("any_offer"):
            offer = ""
        try:
            self._set_address(request, address_id, offer)
        except BackValidationError as exc:
            if exc.code == "address_not_serviceable":
                return self._not_serviceable(request, exc, address_id, offer)
            apply_back_errors(pick, exc.errors, {})
            return self._render(request, pick=pick, status=400)
        return redirect("selfshop:equipment" if offer else "selfshop:offers")

    @staticmethod
    def _posted_id(request: HttpRequest) -> int:
        try:
            return int(request.POST.get("address_id", ""))
        except ValueError:
            return 0

    def _set_address(self, request: HttpRequest, address_id: int, offer: str) -> None:
        handle = cart_handle(request)
        if handle is not None:
            try:
                orders.cart_address_set(handle=handle, address_id=address_id, offer_code=offer)
                return
            except (BackNotFound, BackConflict) as exc:
                if exc.code not in ("cart_not_found", "cart_closed"):
                    raise
        _cart, handle = orders.cart_create(language=_language(), address_id=address_id, offer_code=offer)
        request.session[CART_KEY] = handle.to_json()

    def _not_serviceable(
        self, request: HttpRequest, exc: BackValidationError, address_id: int, offer: str
    ) -> HttpResponse:
        domains = orders.problem_of(exc).get("available_domains") or []
        context = self.context(
            None,
            address=addresses.address_get(address_id=address_id),
            address_id=address_id,
            offer=offer,
            offers=orders.offers_of(exc),
            domains=[DOMAIN_NAMES.get(d, d) for d in domains],
        )
        return render(request, "selfshop/not_serviceable.html", context, status=422)

    def _render(
        self, request: HttpRequest, *, pick: AddressPickForm | None, status: int = 200
    ) -> HttpResponse:
        query = request.GET
        offer = offer_code_of(query.get("offer", "") or request.POST.get("offer", ""))
        cities = addresses.city_list()
        city_form = CityForm(query if "city" in query else None, cities=[(c.code, c.name) for c in cities])
        context: dict[str, Any] = {"offer": offer, "city_form": city_form}
        context |= address_cascade(query, city_form, pick=pick, pick_initial={"offer": offer})
        search = AddressSearchForm(query if "q" in query else None)
        context["search_form"] = search
        if search.is_bound and search.is_valid():
            context["found"] = addresses.address_search(query=search.cleaned_data["q"])
        if pick is not None and "pick_form" not in context:
            context["pick_errors"] = pick
        handle = cart_handle(request)
        cart = None
        if handle is not None:
            try:
                cart = orders.cart_get(handle=handle)
            except BackNotFound:
                request.session.pop(CART_KEY, None)
        context |= self.context(cart if cart is not None and cart.is_open else None)
        return render(request, self.template_name, context, status=status)


class AddressSearchView(View):
    """The htmx autocomplete of the address search box: the matching addresses as a pick list."""

    def get(self, request: HttpRequest) -> HttpResponse:
        search = AddressSearchForm(request.GET)
        found = addresses.address_search(query=search.cleaned_data["q"]) if search.is_valid() else ()
        context = {"found": found, "offer": offer_code_of(request.GET.get("offer", "")), "searched": True}
        return render(request, "selfshop/_address_results.html", context)


# --- Offer, equipment, options, summary -------------------------------------------------------------------


class OfferChooseView(CartStepView):
    step, page, template_name = 2, "offers", "selfshop/offers.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        offers = orders.offer_list(handle=self.handle, reuse_written=True)
        form = OfferForm(offers=offers, initial={"offer_code": cart.offer_code})
        return self._render(cart, form, offers)

    def post(self, request: HttpRequest) -> HttpResponse:
        # The back checks the offer against the address: the list is fetched only to show an error.
        code = offer_code_of(request.POST.get("offer_code", ""))
        errors: dict[str, list[str]] = {}
        if code:
            try:
                orders.cart_offer_set(handle=self.handle, offer_code=code)
                return redirect("selfshop:equipment")
            except BackValidationError as exc:
                errors = exc.errors
        offers = orders.offer_list(handle=self.handle)
        form = OfferForm(request.POST, offers=offers)
        if form.is_valid():
            apply_back_errors(form, errors, {})
        return self._render(orders.cart_get(handle=self.handle), form, offers, status=400)

    def _render(self, cart: Cart, form: OfferForm, offers: Any, status: int = 200) -> HttpResponse:
        by_code = {o.code: o for o in offers}
        rows = []
        for choice in form["offer_code"]:
            offer = by_code[str(choice.data["value"])]
            rows.append((offer, choice, " · ".join(str(DOMAIN_NAMES.get(d, d)) for d in offer.domains)))
        context = self.context(cart, form=form, rows=rows)
        return render(self.request, self.template_name, context, status=status)


class EquipmentChooseView(CartStepView):
    step, page, template_name = 3, "equipment", "selfshop/equipment.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        items = orders.equipment_list(handle=self.handle)
        initial: dict[str, Any] = {}
        for choice in cart.equipment:
            initial |= {f"qty_{choice.code}": choice.quantity, f"acq_{choice.code}": choice.acquisition}
        return self._render(cart, EquipmentForm(items=items, initial=initial))

    def post(self, request: HttpRequest) -> HttpResponse:
        # The back checks the codes, quantities and rent / buy against the offer: the list is fetched
        # only to show the page again after a refusal (or a malformed submission).
        chosen = equipment_posted(request.POST)
        errors: dict[str, list[str]] = {}
        if chosen is not None:
            try:
                orders.cart_equipment_set(
                    handle=self.handle,
                    equipment=[EquipmentChoice(code=c, acquisition=a, quantity=q) for c, a, q in chosen],
                )
                return redirect("selfshop:options")
            except BackValidationError as exc:
                errors = exc.errors
        form = EquipmentForm(request.POST, items=orders.equipment_list(handle=self.handle))
        form.is_valid()
        if errors:
            names = {}
            for index, (code, _acq, _qty) in enumerate(chosen or ()):
                names |= {
                    f"equipment.{index}.quantity": f"qty_{code}",
                    f"equipment.{index}.acquisition": f"acq_{code}",
                    f"equipment.{index}.code": f"qty_{code}",
                    f"equipment.{index}": f"qty_{code}",
                }
            apply_back_errors(form, errors, names)
        return self._render(orders.cart_get(handle=self.handle), form, status=400)

    def _render(self, cart: Cart, form: EquipmentForm, status: int = 200) -> HttpResponse:
        groups: dict[str, list[Any]] = {}
        for row in form.rows():
            groups.setdefault(row[0].domain, []).append(row)
        context = self.context(
            cart, form=form, groups=[(DOMAIN_NAMES.get(d, d), rows) for d, rows in groups.items()]
        )
        return render(self.request, self.template_name, context, status=status)


class OptionsChooseView(CartStepView):
    step, page, template_name = 4, "options", "selfshop/options.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        available = orders.option_list(handle=self.handle)
        form = OptionsForm(options=available.options, initial={"options": list(cart.options)})
        return self._render(cart, form, available)

    def post(self, request: HttpRequest) -> HttpResponse:
        # The back checks the options against the offer and the equipment; the list is fetched only
        # to show the page again after a refusal.
        codes = [offer_code_of(code) for code in request.POST.getlist("options")]
        try:
            orders.cart_options_set(handle=self.handle, options=[code for code in codes if code], price=True)
            return redirect("selfshop:summary")
        except BackValidationError as exc:
            errors = exc.errors
        available = orders.option_list(handle=self.handle)
        form = OptionsForm(request.POST, options=available.options)
        form.is_valid()
        names = {key: "options" for key in errors if key.startswith("options")}
        apply_back_errors(form, errors, names)
        return self._render(orders.cart_get(handle=self.handle), form, available, status=400)

    def _render(self, cart: Cart, form: OptionsForm, available: Any, status: int = 200) -> HttpResponse:
        prices = {o.code: o for o in available.options}
        context = self.context(cart, form=form, prices=prices, unavailable=available.unavailable)
        return render(self.request, self.template_name, context, status=status)


class SummaryView(CartStepView):
    """Monthly and one-time costs, equipment, options, promotions and the price after the promotion."""

    step, page, template_name = 5, "options", "selfshop/summary.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        quote = cart.quote
        if quote is None:
            # The selection changed since it was priced (or the visitor came back): price it now.
            quote = orders.cart_quote_refresh(handle=self.handle)
        return render(request, self.template_name, self.context(cart, quote=quote))


# --- Contact, appointment ----------------------------------------------------------------------------------


class ContactView(CartStepView):
    step, page, template_name = 6, "contact", "selfshop/contact.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        if cart.contact_errors and cart.contact_draft:
            # A refused submission (another tab, a back button): show it as typed, with its errors.
            form = ContactForm(cart.contact_draft, ask_date_of_birth=cart.is_date_of_birth_asked)
            form.is_valid()
            apply_back_errors(form, cart.contact_errors, {})
        else:
            initial = cart.contact or {"language": cart.language or _language()}
            form = ContactForm(initial=initial, ask_date_of_birth=cart.is_date_of_birth_asked)
        return render(request, self.template_name, self.context(cart, form=form))

    def post(self, request: HttpRequest) -> HttpResponse:
        # The back decides whether a date of birth is asked and refuses a contact without it: the form
        # checks the date when the page showed it, and the cart is read only to show the page again.
        form = ContactForm(request.POST, ask_date_of_birth="date_of_birth" in request.POST)
        errors: dict[str, list[str]] = {}
        if form.is_valid():
            try:
                orders.cart_contact_set(handle=self.handle, contact=form.payload())
                return redirect("selfshop:appointment")
            except BackValidationError as exc:
                errors = exc.errors
        cart = orders.cart_get(handle=self.handle)
        form = ContactForm(request.POST, ask_date_of_birth=cart.is_date_of_birth_asked)
        form.is_valid()
        apply_back_errors(form, errors, {})
        return render(request, self.template_name, self.context(cart, form=form), status=400)


class AppointmentView(CartStepView):
    step, page, template_name = 7, "appointment", "selfshop/appointment.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        offer = orders.slot_list(handle=self.handle)
        initial = cartflow.appointment_initial(cart, offer.install_modes)
        form = AppointmentForm(modes=offer.install_modes, slots=offer.slots, initial=initial)
        return render(request, self.template_name, self.context(cart, form=form, **self._flags(offer)))

    def post(self, request: HttpRequest) -> HttpResponse:
        # The back holds the slot or refuses it (taken meanwhile: 409 with the fresh slots); the
        # slots are read again only to show the page after a refusal.
        posted = AppointmentForm(request.POST, modes=INSTALL_MODES, slots=slot_posted(request.POST))
        fresh: tuple[Slot, ...] | None = None
        errors: dict[str, list[str]] = {}
        if posted.is_valid():
            day, period = posted.chosen_slot()
            try:
                orders.cart_appointment_set(
                    handle=self.handle,
                    install_mode=posted.cleaned_data["install_mode"],
                    day=day,
                    period=period,
                )
                return redirect("selfshop:payment")
            except BackConflict as exc:
                if exc.code != "slot_taken":
                    raise
                fresh = orders.slots_of(exc)
                errors = {"slot": [_("This slot was just taken by someone else. Choose another one.")]}
            except BackValidationError as exc:
                errors = exc.errors
        offer = orders.slot_list(handle=self.handle)
        slots = offer.slots if fresh is None else fresh
        form = AppointmentForm(request.POST, modes=offer.install_modes, slots=slots)
        form.is_valid()
        for key, messages_ in errors.items():
            # The back's word replaces the check of the page against the fresh slots.
            name = {"day": "slot", "period": "slot"}.get(key, key)
            form.errors.pop(name, None)
            for message in messages_:
                form.add_error(name if name in form.fields else None, message)
        cart = orders.cart_get(handle=self.handle)
        context = self.context(cart, form=form, **self._flags(offer))
        return render(request, self.template_name, context, status=400)

    @staticmethod
    def _flags(offer: Any) -> dict[str, bool]:
        return {"is_without_slots": cartflow.is_without_slots(offer)}


# --- Payment, challenge, confirm, done ---------------------------------------------------------------

METHOD_LABELS = {
    "card": gettext_lazy("Pay now by card"),
    "bill": gettext_lazy("Pay on my first bill"),
}


class PaymentView(CartStepView):
    """Payment when the rules ask for it. The card number goes to the back once and is never kept."""

    step, page, template_name = 8, "payment", "selfshop/payment.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        options = orders.payment_options(handle=self.handle)
        initial = {"method": cart.payment.method if cart.payment else self._default(options)}
        form = PaymentForm(methods=self._methods(options), initial=initial)
        return self._render(cart, form, options)

    def post(self, request: HttpRequest) -> HttpResponse:
        # The rules are applied by the back (409 payment_required); they are read again only to
        # show the page after a refusal.
        form = PaymentForm(request.POST, methods=list(METHOD_LABELS.items()))
        if form.is_valid():
            outcome = cartflow.pay(
                form,
                handle=self.handle,
                required_message=_("This order must be paid by card now."),
                decline_reasons=DECLINE_REASONS,
            )
            if outcome == "challenge":
                return redirect("selfshop:challenge")
            if outcome == "paid":
                return redirect("selfshop:review")
        options = orders.payment_options(handle=self.handle)
        form.fields["method"].choices = self._methods(options)
        return self._render(orders.cart_get(handle=self.handle), form, options, status=400)

    @staticmethod
    def _methods(options: Any) -> list[tuple[str, Any]]:
        return cartflow.payment_methods(options.requirement_by_method, METHOD_LABELS)

    def _default(self, options: Any) -> str:
        return cartflow.sole_method(self._methods(options))

    def _render(self, cart: Cart, form: PaymentForm, options: Any, status: int = 200) -> HttpResponse:
        cartflow.forget_card(form)  # the card number and the security code never go back
        context = self.context(cart, form=form, options=options)
        return render(self.request, self.template_name, context, status=status)


class ChallengeView(CartStepView):
    """The bank's verification (3-D Secure-like) of a card payment."""

    step, page, template_name = 8, "payment", "selfshop/challenge.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart = orders.cart_get(handle=self.handle)
        if cart.payment is None or not cart.payment.is_challenge_required:
            return redirect("selfshop:payment")
        return render(request, self.template_name, self.context(cart, form=ChallengeForm()))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ChallengeForm(request.POST)
        if form.is_valid():
            outcome, message = cartflow.answer_challenge(
                form, handle=self.handle, decline_reasons=DECLINE_REASONS
            )
            if outcome == "paid":
                return redirect("selfshop:review")
            if outcome == "declined":
                messages.error(request, message)
                return redirect("selfshop:payment")
        cart = orders.cart_get(handle=self.handle)
        return render(request, self.template_name, self.context(cart, form=form), status=400)


class ReviewView(CartStepView):
    """Last look at everything, then confirm (the form holds the idempotency key: one order per submit)."""

    step, page, template_name = 9, "review", "selfshop/review.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        cart, stop = self.load()
        if stop:
            return stop
        form = ConfirmForm(initial={"key": uuid.uuid4().hex})
        return render(request, self.template_name, self.context(cart, form=form))

    def post(self, request: HttpRequest) -> HttpResponse:
        form, status = ConfirmForm(request.POST), 400
        if form.is_valid():
            try:
                orders.cart_confirm(handle=self.handle, idempotency_key=form.cleaned_data["key"])
                return redirect("selfshop:done")
            except BackConflict as exc:
                answer = cartflow.confirm_refused(
                    request,
                    exc,
                    order_of=lambda: orders.order_get(handle=self.handle),
                    done="selfshop:done",
                    payment="selfshop:payment",
                    payment_message=_("This order must be paid by card before it is confirmed."),
                    appointment="selfshop:appointment",
                    slot_message=_("Your appointment slot was just taken. Choose another one."),
                )
                if answer:
                    return answer
                form, status = ConfirmForm(initial={"key": uuid.uuid4().hex}), 409
        cart = orders.cart_get(handle=self.handle)
        return render(request, self.template_name, self.context(cart, form=form), status=status)


STATUS_MESSAGES = {
    "received": gettext_lazy(
        "Your order is received. Our systems are busy right now: we will confirm it by e-mail as soon as "
        "they are back. There is nothing more to do."
    ),
    "submitted": gettext_lazy("Your order is confirmed. A confirmation e-mail is on its way."),
    "rejected": gettext_lazy(
        "Your order is received but needs a check by our team; an agent will contact you shortly."
    ),
}


class DoneView(CartStepView):
    """The confirmation page: the order's status as the back knows it."""

    step, template_name = 10, "selfshop/done.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        try:
            order = orders.order_get(handle=self.handle)
        except BackNotFound as exc:
            if exc.code != "order_not_found":
                raise
            return redirect("selfshop:review")
        context = {
            "steps": stepper(self.step),
            "order": order,
            "status_message": STATUS_MESSAGES.get(order.status, STATUS_MESSAGES["received"]),
            "new_url": reverse("selfshop:home"),
        }
        return render(request, self.template_name, context)
