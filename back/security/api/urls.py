from django.urls import path

from . import views

urlpatterns = [
    path("sessions/", views.StaffSessionCreateApi.as_view(), name="security-session-create"),
    path("sessions/current/", views.StaffSessionDeleteApi.as_view(), name="security-session-delete"),
    path("me/", views.StaffMeApi.as_view(), name="security-me"),
]
