from django.apps import AppConfig


class BackApiConfig(AppConfig):
    name = "back.api"
    label = "backapi"
    verbose_name = "Back API infrastructure"
