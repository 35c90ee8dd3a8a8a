"""BACK URLs: the versioned API under /api/v1/, its schema, and /health/."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from back.api.exceptions import json_problem_view
from back.api.views import health

api_v1 = [
    path("security/", include("back.security.api.urls")),
    path("customlogin/", include("back.customlogin.api.urls")),
    path("param/", include("back.param.api.urls")),
    path("procable/", include("back.procable.api.urls")),
    path("orders/", include("back.orders.api.urls")),
    path("myaccount/", include("back.myaccount.api.urls")),
    path("logstats/", include("back.logstats.api.urls")),
    path("catalog/", include("catalog.api.urls")),
    path("rules/", include("rules.api.urls")),
    path("wecrm/", include("wecrm.api.urls")),
    path("wediag/", include("wediag.api.urls")),
    path("weconfig/", include("weconfig.api.urls")),
]

urlpatterns = [
    path("health/", health, name="health"),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
]

handler404 = json_problem_view(404, "not_found", "Not found.")
handler500 = json_problem_view(500, "server_error", "Internal error.")
