"""MyAccount pages: customer login (CUSTOM LOGIN), forgotten password, and the customer's own file.

Views are thin: they call `weblys.backclient.myaccount` / `customlogin` (a fixed, small number of
calls per page), put the back's per-field errors on the form, and choose messages by error `code`.
An unreachable back and an expired token are handled by `weblys.middleware.BackErrorMiddleware`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from decimal import Decimal
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.http import require_POST

from weblys.backclient import customlogin, myaccount
from weblys.backclient.context import update_context
from weblys.backclient.errors import (
    BackConflict,
    BackError,
    BackForbidden,
    BackNotFound,
    BackUnauthorized,
    BackUnavailable,
    BackValidationError,
)
from weblys.backclient.myaccount_types import Document
from weblys.forms import apply_back_errors
from weblys.sessions import customer_session_clear, customer_session_store

from . import charts
from .forms import (
    ChallengeForm,
    ConsentsForm,
    ContactForm,
    ContactMessageForm,
    CustomerLoginForm,
    EasySwitchForm,
    ErasureForm,
    NewPasswordForm,
    PasswordChangeForm,
    PasswordResetRequestForm,
    PayForm,
    PaymentMethodForm,
    PersonalLoginForm,
    RescheduleForm,
    UsagePeriodForm,
)

logger = logging.getLogger(__name__)

# A cookie that only says "a customer was logged in on this browser": when the session is gone
# (idle expiry), the login page can say the session ended instead of greeting a stranger.
SEEN_COOKIE = "weblys_myaccount_seen"
CHALLENGE_KEY = "weblys.myaccount.challenge"

BLOCKER_MESSAGES = {
    "customer_type_not_allowed": gettext_lazy("Your type of account cannot change its offer online."),
    "file_locked": gettext_lazy("Your file is being updated by customer service; try again later."),
    "account_in_collection": gettext_lazy("Your account is in collection: pay the balance first."),
    "customer_not_active": gettext_lazy("Your account is not active."),
    "offer_not_in_catalog": gettext_lazy("Your current services match no offer sold online."),
}
DECLINE_MESSAGES = {
    "payment_declined": gettext_lazy("Your bank declined the payment. Try another card."),
    "nothing_due": gettext_lazy("Nothing is due on this account or invoice."),
    "payment_not_recorded": gettext_lazy(
        "The payment could not be recorded; your card was refunded. Try again shortly."
    ),
}


def customer_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Only a logged-in customer: anyone else goes to the login page (told if their session ended)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.customer is None:
            going_home = request.path == reverse("myaccount:home")
            query = {"next": request.get_full_path()} if request.method == "GET" and not going_home else {}
            if request.COOKIES.get(SEEN_COOKIE):
                messages.warning(request, _("Your session has ended. Please log in again."))
            response = HttpResponseRedirect(
                reverse("myaccount:login") + ("?" + urlencode(query) if query else "")
            )
            response.delete_cookie(SEEN_COOKIE)
            return response
        return view(request, *args, **kwargs)

    return wrapped


def _render_form_errors(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    return render(request, template, context, status=400)


def _stream(document: Document, *, filename_fallback: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(document.chunks, content_type=document.content_type)
    response["Content-Disposition"] = document.disposition or f'attachment; filename="{filename_fallback}"'
    response["Cache-Control"] = "private, no-store"
    return response


# --- Login, logout, forgotten password ------------------------------------------------------------


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
                apply_back_errors(form, exc.errors)
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
                response = HttpResponseRedirect(self._next(request) or reverse("myaccount:home"))
                response.set_cookie(
                    SEEN_COOKIE, "1", httponly=True, samesite="Lax", secure=request.is_secure()
                )
                return response
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
    response = redirect("myaccount:login")
    response.delete_cookie(SEEN_COOKIE)
    return response


def password_reset_request(request: HttpRequest) -> HttpResponse:
    """Ask for a reset link; the answer is the same whether the account exists or not."""
    template = "myaccount/password_reset_request.html"
    if request.method != "POST":
        return render(request, template, {"form": PasswordResetRequestForm()})
    form = PasswordResetRequestForm(request.POST)
    if form.is_valid():
        try:
            customlogin.password_reset_request(**form.cleaned_data)
        except BackValidationError as exc:
            apply_back_errors(form, exc.errors)
        except BackUnavailable:
            raise
        except BackError as exc:
            if exc.code != "throttled":
                raise
            form.add_error(None, _("Too many attempts. Wait a minute and try again."))
        else:
            return render(request, "myaccount/password_reset_sent.html")
    return _render_form_errors(request, template, {"form": form})


def password_reset_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The page of the e-mailed link: choose a new password (the link works once)."""
    template = "myaccount/password_reset_confirm.html"
    if request.method != "POST":
        return render(request, template, {"form": NewPasswordForm()})
    form = NewPasswordForm(request.POST)
    if form.is_valid():
        try:
            customlogin.password_reset_confirm(token=token, new_password=form.cleaned_data["new_password"])
        except BackValidationError as exc:
            if exc.code == "reset_link_invalid":
                return render(request, "myaccount/password_reset_invalid.html", status=400)
            apply_back_errors(form, exc.errors, {"password": "new_password"})
            if not exc.errors:
                form.add_error(None, exc.detail)
        except BackUnavailable:
            raise
        except BackError as exc:
            if exc.code == "reset_link_invalid":
                return render(request, "myaccount/password_reset_invalid.html", status=400)
            if exc.code != "throttled":
                raise
            form.add_error(None, _("Too many attempts. Wait a minute and try again."))
        else:
            messages.success(request, _("Your password is changed. Log in with it."))
            return redirect("myaccount:login")
    return _render_form_errors(request, template, {"form": form})


# --- Account summary --------------------------------------------------------------------------------


@customer_required
def home(request: HttpRequest) -> HttpResponse:
    """The account summary (two back calls: the file, and whether the offer may change online)."""
    summary = myaccount.summary_get()
    change = myaccount.change_offer_check()
    blockers = [
        (code, BLOCKER_MESSAGES.get(code, _("Your account cannot change its offer online.")))
        for code in change.blockers
    ]
    return render(
        request,
        "myaccount/home.html",
        {"summary": summary, "change": change, "blockers": blockers, "section": "home"},
    )


# --- Invoices and usage -----------------------------------------------------------------------------


@customer_required
def invoice_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "myaccount/invoice_list.html", {"invoices": myaccount.invoice_list(), "section": "invoices"}
    )


@customer_required
def invoice_detail(request: HttpRequest, invoice_id: int) -> HttpResponse:
    try:
        invoice = myaccount.invoice_get(invoice_id=invoice_id)
    except BackNotFound as exc:
        raise Http404(_("No invoice of yours has this number.")) from exc
    return render(request, "myaccount/invoice_detail.html", {"invoice": invoice, "section": "invoices"})


@customer_required
def invoice_pdf(request: HttpRequest, invoice_id: int) -> HttpResponse:
    """The PDF, streamed from the back as it comes."""
    try:
        document = myaccount.invoice_pdf(invoice_id=invoice_id)
    except BackNotFound as exc:
        raise Http404(_("No invoice of yours has this number.")) from exc
    return _stream(document, filename_fallback=f"invoice-{invoice_id}.pdf")


@customer_required
def usage(request: HttpRequest) -> HttpResponse:
    """Usage per kind and month over a period (default: the last 90 days), with a bar chart per kind."""
    form = UsagePeriodForm(request.GET or None)
    since = until = None
    if form.is_bound and form.is_valid():
        since, until = form.cleaned_data.get("since"), form.cleaned_data.get("until")
    status = 200
    data = None
    if not form.is_bound or form.is_valid():
        try:
            data = myaccount.usage_get(since=since, until=until)
        except BackValidationError as exc:
            apply_back_errors(form, exc.errors)
            status = 400
    else:
        status = 400
    return render(
        request,
        "myaccount/usage.html",
        {
            "form": form,
            "usage": data,
            "charts": charts.usage_charts(data.by_month) if data else [],
            "section": "usage",
        },
        status=status,
    )


# --- Payments ---------------------------------------------------------------------------------------


@customer_required
def payment_list(request: HttpRequest) -> HttpResponse:
    """Payment history and what is due (two back calls)."""
    summary = myaccount.summary_get()
    history = myaccount.payment_history()
    return render(
        request,
        "myaccount/payment_list.html",
        {
            "balance": summary.balance,
            "history": history,
            "payment_method": summary.payment_method,
            "section": "payments",
        },
    )


class PayView(View):
    """Pay the balance or one invoice by card: card → token → charge; a challenge goes to its page."""

    template_name = "myaccount/pay.html"

    def _target(self, request: HttpRequest) -> tuple[int | None, Decimal, Any]:
        raw = request.POST.get("invoice") or request.GET.get("invoice") or ""
        if raw:
            if not raw.isdigit():
                raise Http404
            try:
                invoice = myaccount.invoice_get(invoice_id=int(raw))
            except BackNotFound as exc:
                raise Http404(_("No invoice of yours has this number.")) from exc
            return invoice.id, invoice.total, invoice
        balance = myaccount.summary_get().balance
        return None, balance.balance, None

    def get(self, request: HttpRequest) -> HttpResponse:
        invoice_id, due, invoice = self._target(request)
        if due <= 0 or (invoice is not None and invoice.is_paid):
            messages.info(request, DECLINE_MESSAGES["nothing_due"])
            return redirect("myaccount:payments")
        form = PayForm(initial={"amount": due})
        return self._render(request, form, invoice_id, due, invoice)

    def post(self, request: HttpRequest) -> HttpResponse:
        invoice_id, due, invoice = self._target(request)
        form = PayForm(request.POST)
        if form.is_valid():
            try:
                token = myaccount.card_tokenize(**form.card())
                payment = myaccount.payment_make(
                    amount=str(form.cleaned_data["amount"]),
                    card_token=token.token,
                    invoice_id=invoice_id,
                    idempotency_key=form.idempotency_key(),
                )
            except (BackValidationError, BackConflict) as exc:
                if not apply_back_errors(
                    form, exc.errors, {**PayForm.BACK_NAMES, "card_token": "card_number"}
                ):
                    form.add_error(None, DECLINE_MESSAGES.get(exc.code, exc.detail))
            except BackUnavailable as exc:
                if exc.code != "payment_not_recorded":
                    raise
                form.add_error(None, DECLINE_MESSAGES["payment_not_recorded"])
            except BackError as exc:
                if exc.status != 402:
                    raise
                form.add_error(None, DECLINE_MESSAGES["payment_declined"])
            else:
                if payment.is_challenge_required:
                    request.session[CHALLENGE_KEY] = {
                        "id": payment.id,
                        "amount": str(payment.amount),
                        "last4": token.last4,
                    }
                    return redirect("myaccount:pay-verify")
                messages.success(
                    request,
                    _("Thank you: your payment of %(amount)s $ is received.") % {"amount": payment.amount},
                )
                return redirect("myaccount:payments")
        return self._render(request, form, invoice_id, due, invoice, status=400)

    def _render(
        self,
        request: HttpRequest,
        form: PayForm,
        invoice_id: int | None,
        due: Decimal,
        invoice: Any,
        status: int = 200,
    ) -> HttpResponse:
        context = {
            "form": form,
            "invoice_id": invoice_id,
            "due": due,
            "invoice": invoice,
            "section": "payments",
        }
        return render(request, self.template_name, context, status=status)


class PayVerifyView(View):
    """The card-verification step of a payment (3-D Secure-like challenge of the sandbox)."""

    template_name = "myaccount/pay_verify.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        pending = request.session.get(CHALLENGE_KEY)
        if not pending:
            return redirect("myaccount:payments")
        return render(
            request, self.template_name, {"form": ChallengeForm(), "pending": pending, "section": "payments"}
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        pending = request.session.get(CHALLENGE_KEY)
        if not pending:
            return redirect("myaccount:payments")
        form = ChallengeForm(request.POST)
        if form.is_valid():
            try:
                payment = myaccount.payment_challenge_complete(
                    payment_id=int(pending["id"]), code=form.cleaned_data["code"]
                )
            except BackNotFound:
                request.session.pop(CHALLENGE_KEY, None)
                messages.warning(request, _("This payment is no longer waiting for verification."))
                return redirect("myaccount:payments")
            except BackUnavailable as exc:
                if exc.code != "payment_not_recorded":
                    raise
                request.session.pop(CHALLENGE_KEY, None)
                messages.error(request, DECLINE_MESSAGES["payment_not_recorded"])
                return redirect("myaccount:payments")
            except BackError as exc:
                if exc.status != 402:
                    raise
                request.session.pop(CHALLENGE_KEY, None)
                messages.error(
                    request, _("The verification failed and the payment was declined. Nothing was charged.")
                )
                return redirect("myaccount:payments")
            request.session.pop(CHALLENGE_KEY, None)
            messages.success(
                request,
                _("Thank you: your payment of %(amount)s $ is received.") % {"amount": payment.amount},
            )
            return redirect("myaccount:payments")
        return render(
            request, self.template_name, {"form": form, "pending": pending, "section": "payments"}, status=400
        )


class PaymentMethodView(View):
    """Change how the monthly bill is paid: on the bill, pre-authorised debit, or card."""

    template_name = "myaccount/payment_method.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        current = myaccount.payment_method_get()
        form = PaymentMethodForm(initial={"method": current.method})
        return render(request, self.template_name, {"form": form, "current": current, "section": "payments"})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PaymentMethodForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            method = data["method"]
            try:
                myaccount.payment_method_set(
                    method=method,
                    bank_institution=data["bank_institution"] if method == "pad" else "",
                    bank_transit=data["bank_transit"] if method == "pad" else "",
                    bank_account=data["bank_account"] if method == "pad" else "",
                    card=form.card() if method == "card" else None,
                )
            except BackValidationError as exc:
                names = {f"card.{back}": mine for back, mine in PaymentMethodForm.BACK_NAMES.items()}
                if not apply_back_errors(form, exc.errors, names):
                    form.add_error(None, exc.detail)
            except BackConflict as exc:
                form.add_error(None, exc.detail)
            else:
                messages.success(request, _("Your payment method is changed."))
                return redirect("myaccount:payments")
        return render(
            request, self.template_name, {"form": form, "current": None, "section": "payments"}, status=400
        )


# --- Contact details, login, private data -----------------------------------------------------------


class ContactView(View):
    """Change e-mail, phones and language (recorded in Pro-Cable and in the login recovery data)."""

    template_name = "myaccount/contact.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        customer = myaccount.summary_get().customer
        phones = [*customer.phones, "", "", ""]
        form = ContactForm(
            initial={
                "email": customer.email,
                "phone_1": phones[0],
                "phone_2": phones[1],
                "phone_3": phones[2],
                "language": customer.language or "fr",
            }
        )
        return render(request, self.template_name, {"form": form, "customer": customer, "section": "contact"})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ContactForm(request.POST)
        if form.is_valid():
            try:
                myaccount.contact_update(
                    email=form.cleaned_data["email"],
                    phones=form.phones(),
                    language=form.cleaned_data["language"],
                )
            except BackValidationError as exc:
                errors = dict(exc.errors)
                if "phones" in errors:  # a list's item errors do not name the item: say it on the phones
                    errors["phones"] = [_("Enter phone numbers such as 514 555-0123.")]
                if not apply_back_errors(form, errors, {"phones": "phone_1"}):
                    form.add_error(None, exc.detail)
            except BackConflict as exc:
                form.add_error(None, exc.detail)
            else:
                messages.success(request, _("Your contact details are changed."))
                return redirect("myaccount:contact")
        return render(
            request, self.template_name, {"form": form, "customer": None, "section": "contact"}, status=400
        )


class SecurityView(View):
    """The personal ID and the password: two forms on one page, each posted to its own address."""

    template_name = "myaccount/security.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, PersonalLoginForm(), PasswordChangeForm())

    def _render(
        self,
        request: HttpRequest,
        login_form: PersonalLoginForm,
        password_form: PasswordChangeForm,
        status: int = 200,
    ) -> HttpResponse:
        login = myaccount.summary_get().login if status == 200 else None
        context = {
            "login_form": login_form,
            "password_form": password_form,
            "login": login,
            "section": "security",
        }
        return render(request, self.template_name, context, status=status)


class PersonalLoginView(SecurityView):
    def get(self, request: HttpRequest) -> HttpResponse:
        return redirect("myaccount:security")

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PersonalLoginForm(request.POST, prefix=None)
        if form.is_valid():
            try:
                login_id = customlogin.personal_login_set(
                    personal_login_id=form.cleaned_data["personal_login_id"],
                    password=form.cleaned_data["new_password"],
                    current_password=form.cleaned_data["current_password"],
                )
            except (BackValidationError, BackConflict, BackForbidden) as exc:
                if not apply_back_errors(form, exc.errors, {"password": "new_password"}):
                    form.add_error(None, exc.detail)
            else:
                messages.success(request, _("Your personal ID is now %(id)s.") % {"id": login_id})
                return redirect("myaccount:security")
        return self._render(request, form, PasswordChangeForm(), status=400)


class PasswordChangeView(SecurityView):
    def get(self, request: HttpRequest) -> HttpResponse:
        return redirect("myaccount:security")

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PasswordChangeForm(request.POST)
        if form.is_valid():
            try:
                customlogin.password_change(
                    current_password=form.cleaned_data["current_password"],
                    new_password=form.cleaned_data["new_password"],
                )
            except (BackValidationError, BackForbidden) as exc:
                names = {"password": "new_password"}
                if not apply_back_errors(form, exc.errors, names):
                    form.add_error(None, exc.detail)
            else:
                messages.success(request, _("Your password is changed; your other sessions are logged out."))
                return redirect("myaccount:security")
        return self._render(request, PersonalLoginForm(), form, status=400)


@customer_required
def privacy(request: HttpRequest) -> HttpResponse:
    """Consents, download of my data, and erasure requests (two back calls)."""
    consents = myaccount.consent_list()
    return render(
        request,
        "myaccount/privacy.html",
        {
            "consents_form": ConsentsForm(consents=consents),
            "erasure_form": ErasureForm(),
            "erasure_requests": myaccount.erasure_request_list(),
            "section": "privacy",
        },
    )


@customer_required
@require_POST
def consents_update(request: HttpRequest) -> HttpResponse:
    consents = myaccount.consent_list()
    form = ConsentsForm(request.POST, consents=consents)
    form.is_valid()  # checkboxes: always valid
    myaccount.consents_set(choices=form.choices())
    messages.success(request, _("Your choices are saved."))
    return redirect("myaccount:privacy")


@customer_required
def data_export(request: HttpRequest) -> HttpResponse:
    """Everything the file holds, as a JSON file, streamed from the back."""
    return _stream(myaccount.data_export(), filename_fallback="my-data.json")


@customer_required
@require_POST
def erasure_request(request: HttpRequest) -> HttpResponse:
    form = ErasureForm(request.POST)
    if form.is_valid():
        try:
            myaccount.erasure_request_create(
                reason=form.cleaned_data["reason"], idempotency_key=form.idempotency_key()
            )
        except BackConflict as exc:
            if exc.code != "erasure_pending":
                raise
            form.add_error(None, _("A request to erase your data is already being processed."))
        else:
            messages.success(request, _("Your request is recorded; customer service will process it."))
            return redirect("myaccount:privacy")
    consents = myaccount.consent_list()
    context = {
        "consents_form": ConsentsForm(consents=consents),
        "erasure_form": form,
        "erasure_requests": myaccount.erasure_request_list(),
        "section": "privacy",
    }
    return render(request, "myaccount/privacy.html", context, status=400)


# --- Appointments -----------------------------------------------------------------------------------


def _appointment(appointment_id: int) -> Any:
    for appointment in myaccount.appointment_list():
        if appointment.id == appointment_id:
            return appointment
    raise Http404(_("No appointment of yours has this number."))


APPOINTMENT_REFUSALS = {
    "appointment_too_late": gettext_lazy(
        "This appointment is too close to change online; call customer service."
    ),
    "appointment_not_booked": gettext_lazy("Only a booked appointment can be changed."),
}


@customer_required
def appointment_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "myaccount/appointment_list.html",
        {"appointments": myaccount.appointment_list(), "section": "appointments"},
    )


class AppointmentRescheduleView(View):
    """Choose a new slot (from the day after tomorrow, two weeks) for a changeable appointment."""

    template_name = "myaccount/appointment_reschedule.html"

    def _context(self, request: HttpRequest, appointment_id: int, data: Any = None) -> dict[str, Any]:
        appointment = _appointment(appointment_id)
        slots = ()
        if appointment.is_changeable:
            start = myaccount.default_reschedule_start(today=timezone.localdate())
            slots = myaccount.slot_list(zone_code=appointment.zone_code, start=start, days=14)
        form = RescheduleForm(data, slots=slots)
        return {"appointment": appointment, "form": form, "section": "appointments"}

    def get(self, request: HttpRequest, appointment_id: int) -> HttpResponse:
        return render(request, self.template_name, self._context(request, appointment_id))

    def post(self, request: HttpRequest, appointment_id: int) -> HttpResponse:
        context = self._context(request, appointment_id, request.POST)
        form = context["form"]
        if form.is_valid():
            day, period = form.day_and_period()
            try:
                myaccount.appointment_reschedule(appointment_id=appointment_id, day=day, period=period)
            except BackValidationError as exc:
                if not apply_back_errors(form, exc.errors, {"day": "slot", "period": "slot"}):
                    form.add_error(None, exc.detail)
            except BackConflict as exc:
                form.add_error(None, APPOINTMENT_REFUSALS.get(exc.code, exc.detail))
            except BackNotFound as exc:
                raise Http404 from exc
            else:
                messages.success(request, _("Your appointment is moved."))
                return redirect("myaccount:appointments")
        return render(request, self.template_name, context, status=400)


class AppointmentCancelView(View):
    template_name = "myaccount/appointment_cancel.html"

    def get(self, request: HttpRequest, appointment_id: int) -> HttpResponse:
        appointment = _appointment(appointment_id)
        return render(request, self.template_name, {"appointment": appointment, "section": "appointments"})

    def post(self, request: HttpRequest, appointment_id: int) -> HttpResponse:
        try:
            myaccount.appointment_cancel(appointment_id=appointment_id)
        except BackNotFound as exc:
            raise Http404 from exc
        except BackConflict as exc:
            messages.error(request, APPOINTMENT_REFUSALS.get(exc.code, exc.detail))
            return redirect("myaccount:appointments")
        messages.success(request, _("Your appointment is cancelled."))
        return redirect("myaccount:appointments")


# --- EasySwitch and customer service ----------------------------------------------------------------


class EasySwitchView(View):
    """What a transfer ends and costs; then the request, and the switch code to give the new operator."""

    template_name = "myaccount/easyswitch.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, EasySwitchForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = EasySwitchForm(request.POST)
        if form.is_valid():
            try:
                created = myaccount.easyswitch_request(
                    receiving_operator=form.cleaned_data["receiving_operator"],
                    idempotency_key=form.idempotency_key(),
                )
            except BackValidationError as exc:
                if not apply_back_errors(form, exc.errors):
                    form.add_error(None, exc.detail)
            except BackConflict as exc:
                refusals = {
                    "easyswitch_pending": _("A transfer to another operator is already waiting."),
                    "easyswitch_not_allowed": _("This account cannot be transferred (it is cancelled)."),
                }
                form.add_error(None, refusals.get(exc.code, exc.detail))
            else:
                messages.success(
                    request,
                    _("Your transfer is requested. Your switch code is %(code)s.")
                    % {"code": created.switch_code},
                )
                return redirect("myaccount:easyswitch")
        return self._render(request, form, status=400)

    def _render(self, request: HttpRequest, form: EasySwitchForm, status: int = 200) -> HttpResponse:
        easyswitch = myaccount.easyswitch_get()
        context = {"form": form, "easyswitch": easyswitch, "section": "easyswitch"}
        return render(request, self.template_name, context, status=status)


class ContactUsView(View):
    """A message with a subject to customer service, and my earlier messages."""

    template_name = "myaccount/contact_us.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        initial = {"subject": request.GET.get("subject", "")}
        return self._render(request, ContactMessageForm(initial=initial))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ContactMessageForm(request.POST)
        if form.is_valid():
            try:
                myaccount.contact_message_create(
                    subject=form.subject_label(),
                    message=form.cleaned_data["message"],
                    idempotency_key=form.idempotency_key(),
                )
            except BackValidationError as exc:
                if not apply_back_errors(form, exc.errors):
                    form.add_error(None, exc.detail)
            else:
                messages.success(request, _("Your message is sent to customer service."))
                return redirect("myaccount:contact-us")
        return self._render(request, form, status=400)

    def _render(self, request: HttpRequest, form: ContactMessageForm, status: int = 200) -> HttpResponse:
        context = {"form": form, "sent": myaccount.contact_message_list(), "section": "contact-us"}
        return render(request, self.template_name, context, status=status)


def customer_view(view_class: type[View]) -> Callable[..., HttpResponse]:
    """`as_view()` of a class-based page, for logged-in customers only."""
    return customer_required(view_class.as_view())
