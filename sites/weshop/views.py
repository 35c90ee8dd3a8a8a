"""WeShop pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from weblys.staff import site_entry, staff_required


@staff_required("weshop")
def home(request: HttpRequest) -> HttpResponse:
    """WeShop dashboard: the modules of WeShop this user holds a right to."""
    return render(request, "weshop/home.html", {"entry": site_entry(request.staff.user, "weshop")})
