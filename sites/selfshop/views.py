"""SelfShop pages: a prospect checks which services reach an address, then subscribes."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from weblys.journey import order_steps

from .forms import AddressForm

# The journey's state the front may hold: the address typed and the offer chosen on the portal.
ADDRESS_KEY = "selfshop.address"
OFFER_KEY = "selfshop.offer"
_OFFER_CODE = re.compile(r"^[A-Z0-9_-]{1,20}$")


class AddressStartView(View):
    """Entry page of SelfShop: the address step, remembering an offer chosen on the portal."""

    template_name = "selfshop/home.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        offer = request.GET.get("offer", "").strip().upper()
        if _OFFER_CODE.match(offer):
            request.session[OFFER_KEY] = offer
        form = AddressForm(initial=request.session.get(ADDRESS_KEY) or {})
        return self._render(request, form)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = AddressForm(request.POST)
        if not form.is_valid():
            return self._render(request, form, status=400)
        request.session[ADDRESS_KEY] = form.cleaned_data
        messages.success(request, _("Your address is recorded."))
        return redirect("selfshop:home")

    def _render(self, request: HttpRequest, form: AddressForm, status: int = 200) -> HttpResponse:
        context: dict[str, Any] = {
            "form": form,
            "steps": order_steps(1),
            "offer": request.session.get(OFFER_KEY, ""),
            "address": request.session.get(ADDRESS_KEY),
        }
        return render(request, self.template_name, context, status=status)
