from django.urls import path

from . import views

app_name = "myaccount"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.CustomerLoginView.as_view(), name="login"),
    path("logout/", views.logout, name="logout"),
]
