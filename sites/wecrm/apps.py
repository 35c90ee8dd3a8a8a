from django.apps import AppConfig


class WeCRMConfig(AppConfig):
    name = "sites.wecrm"
    label = "site_wecrm"
    verbose_name = "WeCRM"
