"""WeCRM pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from weblys.staff import site_entry, staff_required


@staff_required("wecrm")
def home(request: HttpRequest) -> HttpResponse:
    """WeCRM dashboard: the modules of WeCRM this user holds a right to."""
    return render(request, "wecrm/home.html", {"entry": site_entry(request.staff.user, "wecrm")})
