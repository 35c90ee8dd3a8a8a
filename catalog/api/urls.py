"""CATALOG API, mounted under /api/v1/catalog/."""

from django.urls import path

from . import views

urlpatterns = [
    path("offers", views.OfferListApi.as_view(), name="catalog-offers"),
    path("offers/<str:code>/", views.OfferDetailApi.as_view(), name="catalog-offer"),
    path(
        "offers/<str:code>/equipment", views.OfferEquipmentListApi.as_view(), name="catalog-offer-equipment"
    ),
    path("offers/<str:code>/options", views.OfferOptionListApi.as_view(), name="catalog-offer-options"),
    path("services", views.ServiceRateListApi.as_view(), name="catalog-services"),
    path("quotes", views.QuoteCreateApi.as_view(), name="catalog-quotes"),
    path("quotes/<uuid:quote_id>", views.QuoteDetailApi.as_view(), name="catalog-quote"),
    path("order-codes", views.OrderCodeListApi.as_view(), name="catalog-order-codes"),
    path(
        "customers/<str:number>/current-offer",
        views.CustomerCurrentOfferApi.as_view(),
        name="catalog-customer-current-offer",
    ),
    path(
        "customers/<str:number>/change-targets",
        views.CustomerChangeTargetListApi.as_view(),
        name="catalog-customer-change-targets",
    ),
]
