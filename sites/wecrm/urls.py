from django.urls import path

from . import views

app_name = "wecrm"
urlpatterns = [
    path("", views.home, name="home"),
]
