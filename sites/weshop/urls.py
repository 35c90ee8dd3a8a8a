from django.urls import path

from . import views

app_name = "weshop"
urlpatterns = [
    path("", views.home, name="home"),
]
