from django.apps import AppConfig


class WeconfigConfig(AppConfig):
    name = "weconfig"
    label = "weconfig"
    verbose_name = "WeConfig"
