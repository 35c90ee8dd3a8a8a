from django.apps import AppConfig


class WeConfigConfig(AppConfig):
    name = "sites.weconfig"
    label = "site_weconfig"
    verbose_name = "WeConfig"
