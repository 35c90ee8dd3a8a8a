from django.apps import AppConfig


class CustomloginConfig(AppConfig):
    name = "back.customlogin"
    label = "customlogin"
    verbose_name = "CUSTOM LOGIN"
