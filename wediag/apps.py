from django.apps import AppConfig


class WediagConfig(AppConfig):
    name = "wediag"
    label = "wediag"
    verbose_name = "Diagnostic tree"
