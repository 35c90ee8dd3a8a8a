from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "back.security"
    label = "security"
    verbose_name = "SECURITY"
