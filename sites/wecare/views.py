"""WeCare pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from weblys.staff import site_entry, staff_required


@staff_required("wecare")
def home(request: HttpRequest) -> HttpResponse:
    """WeCare dashboard: the modules of WeCare this user holds a right to."""
    return render(request, "wecare/home.html", {"entry": site_entry(request.staff.user, "wecare")})
