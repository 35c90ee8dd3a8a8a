from django.urls import path

from . import views

urlpatterns = [
    path("evaluate/", views.RulesEvaluateApi.as_view(), name="rules-evaluate"),
    path("tables/", views.RuleTableListApi.as_view(), name="rules-table-list"),
    path("versions/", views.RuleSetVersionListApi.as_view(), name="rules-version-list"),
    path("versions/<int:a>/diff/<int:b>/", views.RuleSetVersionDiffApi.as_view(), name="rules-version-diff"),
    path("export/", views.RuleSetExportApi.as_view(), name="rules-export"),
    path("load/", views.RuleSetLoadApi.as_view(), name="rules-load"),
]
