"""Pro-Cable read API, mounted at /api/v1/procable/."""

from django.urls import path

from . import views

urlpatterns = [
    path("addresses/cities/", views.CityListApi.as_view(), name="procable-city-list"),
    path("addresses/streets/", views.StreetListApi.as_view(), name="procable-street-list"),
    path("addresses/civic-numbers/", views.CivicNumberListApi.as_view(), name="procable-civic-number-list"),
    path("addresses/apartments/", views.ApartmentListApi.as_view(), name="procable-apartment-list"),
    path("addresses/search/", views.AddressSearchApi.as_view(), name="procable-address-search"),
    path("addresses/<int:address_id>/", views.AddressDetailApi.as_view(), name="procable-address-detail"),
    path("appointment-slots/", views.AppointmentSlotListApi.as_view(), name="procable-appointment-slot-list"),
    path("customers/", views.CustomerSearchApi.as_view(), name="procable-customer-search"),
    path("customers/<str:number>/", views.CustomerDetailApi.as_view(), name="procable-customer-detail"),
    path(
        "customers/<str:number>/services/",
        views.CustomerServiceListApi.as_view(),
        name="procable-customer-services",
    ),
    path(
        "customers/<str:number>/equipment/",
        views.CustomerEquipmentListApi.as_view(),
        name="procable-customer-equipment",
    ),
    path(
        "customers/<str:number>/invoices/",
        views.CustomerInvoiceListApi.as_view(),
        name="procable-customer-invoices",
    ),
    path(
        "customers/<str:number>/invoices/<int:invoice_id>/",
        views.CustomerInvoiceDetailApi.as_view(),
        name="procable-customer-invoice-detail",
    ),
    path(
        "customers/<str:number>/usage/", views.CustomerUsageListApi.as_view(), name="procable-customer-usage"
    ),
    path(
        "customers/<str:number>/payments/",
        views.CustomerPaymentListApi.as_view(),
        name="procable-customer-payments",
    ),
    path(
        "customers/<str:number>/work-orders/",
        views.CustomerWorkOrderListApi.as_view(),
        name="procable-customer-work-orders",
    ),
    path(
        "customers/<str:number>/appointments/",
        views.CustomerAppointmentListApi.as_view(),
        name="procable-customer-appointments",
    ),
]
