"""The back URLs plus /api/v1/myaccount/ (used by tests/settings.py until back/urls.py includes it)."""

from django.urls import include, path

from back.urls import handler404, handler500  # noqa: F401
from back.urls import urlpatterns as back_urlpatterns

urlpatterns = [path("api/v1/myaccount/", include("back.myaccount.api.urls")), *back_urlpatterns]
