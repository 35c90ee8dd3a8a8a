from django.urls import path

from . import views

urlpatterns = [
    path("sessions/", views.CustomerSessionCreateApi.as_view(), name="customlogin-session-create"),
    path("sessions/current/", views.CustomerSessionDeleteApi.as_view(), name="customlogin-session-delete"),
    path(
        "password-resets/", views.PasswordResetRequestApi.as_view(), name="customlogin-password-reset-create"
    ),
    path(
        "password-resets/confirm/",
        views.PasswordResetConfirmApi.as_view(),
        name="customlogin-password-reset-confirm",
    ),
    path("me/personal-login/", views.PersonalLoginUpdateApi.as_view(), name="customlogin-personal-login"),
    path("me/password/", views.PasswordUpdateApi.as_view(), name="customlogin-password"),
]
