from django.urls import path

from . import views

urlpatterns = [
    path("summary/", views.AccountSummaryApi.as_view(), name="myaccount-summary"),
    path("invoices/", views.InvoiceListApi.as_view(), name="myaccount-invoice-list"),
    path("invoices/<int:invoice_id>/", views.InvoiceDetailApi.as_view(), name="myaccount-invoice-detail"),
    path("invoices/<int:invoice_id>/pdf/", views.InvoicePdfApi.as_view(), name="myaccount-invoice-pdf"),
    path("usage/", views.UsageApi.as_view(), name="myaccount-usage"),
    path("payments/", views.PaymentListCreateApi.as_view(), name="myaccount-payments"),
    path(
        "payments/<int:payment_id>/challenge/",
        views.PaymentChallengeCompleteApi.as_view(),
        name="myaccount-payment-challenge",
    ),
    path("cards/", views.CardTokenCreateApi.as_view(), name="myaccount-card-create"),
    path("payment-method/", views.PaymentMethodApi.as_view(), name="myaccount-payment-method"),
    path("contact/", views.ContactDetailsUpdateApi.as_view(), name="myaccount-contact"),
    path("consents/", views.ConsentApi.as_view(), name="myaccount-consents"),
    path("data-export/", views.DataExportApi.as_view(), name="myaccount-data-export"),
    path("erasure-requests/", views.ErasureRequestListCreateApi.as_view(), name="myaccount-erasure-requests"),
    path("appointments/", views.AppointmentListApi.as_view(), name="myaccount-appointment-list"),
    path(
        "appointments/<int:appointment_id>/reschedule/",
        views.AppointmentRescheduleApi.as_view(),
        name="myaccount-appointment-reschedule",
    ),
    path(
        "appointments/<int:appointment_id>/cancel/",
        views.AppointmentCancelApi.as_view(),
        name="myaccount-appointment-cancel",
    ),
    path("easyswitch/", views.EasySwitchApi.as_view(), name="myaccount-easyswitch"),
    path("contact-messages/", views.ContactMessageListCreateApi.as_view(), name="myaccount-contact-messages"),
    path("change-offer/", views.ChangeOfferEligibilityApi.as_view(), name="myaccount-change-offer"),
    path(
        "staff/contact-messages/",
        views.StaffContactMessageListApi.as_view(),
        name="myaccount-staff-contact-messages",
    ),
    path(
        "staff/erasure-requests/",
        views.StaffErasureRequestListApi.as_view(),
        name="myaccount-staff-erasure-requests",
    ),
    path(
        "staff/easyswitch-requests/",
        views.StaffEasySwitchRequestListApi.as_view(),
        name="myaccount-staff-easyswitch-requests",
    ),
]
