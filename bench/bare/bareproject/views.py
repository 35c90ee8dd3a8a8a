"""One page rendered from a template, one DRF endpoint answering a static JSON document."""

from __future__ import annotations

import json

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

_OFFERS = json.loads((settings.BARE_DIR / "offers.json").read_text(encoding="utf-8"))


def page(request: HttpRequest) -> HttpResponse:
    """The template captured from a SelfShop page (same bytes), through Django's template engine."""
    return render(request, "page.html", {"request_path": request.path})


class OffersApi(APIView):
    """The back's offers-at-an-address answer, serialised again by DRF at every call."""

    def get(self, request: Request) -> Response:
        return Response(_OFFERS)
