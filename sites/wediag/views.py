"""WeDiag pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from weblys.staff import site_entry, staff_required


@staff_required("wediag")
def home(request: HttpRequest) -> HttpResponse:
    """WeDiag dashboard: the modules of WeDiag this user holds a right to."""
    return render(request, "wediag/home.html", {"entry": site_entry(request.staff.user, "wediag")})
