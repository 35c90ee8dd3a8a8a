from django.urls import path

from . import views

urlpatterns = [
    path("tables/", views.CodeTableListApi.as_view(), name="param-table-list"),
    path("tables/<str:table>/codes/", views.CodeListApi.as_view(), name="param-code-list"),
]
