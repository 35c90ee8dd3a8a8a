from django.urls import path

from . import views
from .views import customer_view

app_name = "myaccount"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.CustomerLoginView.as_view(), name="login"),
    path("logout/", views.logout, name="logout"),
    path("password-reset/", views.password_reset_request, name="password-reset"),
    path("reset/<str:token>/", views.password_reset_confirm, name="password-reset-confirm"),
    path("invoices/", views.invoice_list, name="invoices"),
    path("invoices/<int:invoice_id>/", views.invoice_detail, name="invoice"),
    path("invoices/<int:invoice_id>/pdf/", views.invoice_pdf, name="invoice-pdf"),
    path("usage/", views.usage, name="usage"),
    path("payments/", views.payment_list, name="payments"),
    path("payments/pay/", customer_view(views.PayView), name="pay"),
    path("payments/verify/", customer_view(views.PayVerifyView), name="pay-verify"),
    path("payments/method/", customer_view(views.PaymentMethodView), name="payment-method"),
    path("contact/", customer_view(views.ContactView), name="contact"),
    path("security/", customer_view(views.SecurityView), name="security"),
    path("security/personal-login/", customer_view(views.PersonalLoginView), name="personal-login"),
    path("security/password/", customer_view(views.PasswordChangeView), name="password"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/consents/", views.consents_update, name="consents"),
    path("privacy/my-data/", views.data_export, name="data-export"),
    path("privacy/erasure/", views.erasure_request, name="erasure"),
    path("appointments/", views.appointment_list, name="appointments"),
    path(
        "appointments/<int:appointment_id>/reschedule/",
        customer_view(views.AppointmentRescheduleView),
        name="appointment-reschedule",
    ),
    path(
        "appointments/<int:appointment_id>/cancel/",
        customer_view(views.AppointmentCancelView),
        name="appointment-cancel",
    ),
    path("easyswitch/", customer_view(views.EasySwitchView), name="easyswitch"),
    path("contact-us/", customer_view(views.ContactUsView), name="contact-us"),
]
