"""MyShop pages: a customer logged in to MyAccount changes their offer."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from weblys.journey import order_steps


def home(request: HttpRequest) -> HttpResponse:
    """Entry of the offer change; only for a customer logged in to MyAccount (the portal cannot call it)."""
    if request.customer is None:
        return HttpResponseRedirect(
            reverse("myaccount:login") + "?" + urlencode({"next": request.get_full_path()})
        )
    return render(request, "myshop/home.html", {"steps": order_steps(2)})
