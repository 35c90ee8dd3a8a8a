"""WeConfig pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from weblys.backclient import health
from weblys.backclient.errors import BackUnavailable
from weblys.components import front_components
from weblys.staff import site_entry, staff_required


@staff_required("weconfig")
def home(request: HttpRequest) -> HttpResponse:
    """WeConfig dashboard: the user's modules, component versions, and each back database's health."""
    back_error = None
    try:
        back = health.back_health()
    except BackUnavailable as exc:
        back, back_error = None, exc
    return render(
        request,
        "weconfig/home.html",
        {
            "entry": site_entry(request.staff.user, "weconfig"),
            "components": front_components(),
            "back": back,
            "back_error": back_error,
        },
    )
