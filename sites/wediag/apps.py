from django.apps import AppConfig


class WeDiagConfig(AppConfig):
    name = "sites.wediag"
    label = "site_wediag"
    verbose_name = "WeDiag"
