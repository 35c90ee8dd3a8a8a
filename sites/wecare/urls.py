from django.urls import path

from . import views

app_name = "wecare"
urlpatterns = [
    path("", views.home, name="home"),
]
