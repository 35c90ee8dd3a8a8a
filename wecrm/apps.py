from django.apps import AppConfig


class WecrmConfig(AppConfig):
    name = "wecrm"
    label = "wecrm"
    verbose_name = "WeCRM"
