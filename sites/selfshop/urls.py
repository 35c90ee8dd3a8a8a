from django.urls import path

from . import views

app_name = "selfshop"
urlpatterns = [
    path("", views.AddressStartView.as_view(), name="home"),
]
