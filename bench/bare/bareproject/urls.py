from django.urls import path

from . import views

urlpatterns = [
    path("page/", views.page, name="page"),
    path("api/offers", views.OffersApi.as_view(), name="offers"),
]
