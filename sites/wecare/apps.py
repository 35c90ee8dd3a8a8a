from django.apps import AppConfig


class WeCareConfig(AppConfig):
    name = "sites.wecare"
    label = "site_wecare"
    verbose_name = "WeCare"
