from django.apps import AppConfig


class ParamConfig(AppConfig):
    name = "back.param"
    label = "param"
    verbose_name = "PARAM"
