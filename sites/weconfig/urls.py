from django.urls import path

from . import views

app_name = "weconfig"
urlpatterns = [
    path("", views.home, name="home"),
]
