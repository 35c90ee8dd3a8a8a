from django.urls import path

from . import views

app_name = "wecare"
urlpatterns = [
    path("", views.home, name="home"),
    path("messages/", views.contact_message_list, name="contact-messages"),
    path("erasure-requests/", views.erasure_request_list, name="erasure-requests"),
    path("easyswitch-requests/", views.easyswitch_request_list, name="easyswitch-requests"),
]
