from django.urls import path

from . import views

app_name = "wediag"
urlpatterns = [
    path("", views.home, name="home"),
]
