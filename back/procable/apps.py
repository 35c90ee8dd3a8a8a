from django.apps import AppConfig


class ProcableConfig(AppConfig):
    name = "back.procable"
    label = "procable"
    verbose_name = "Pro-Cable (embedded)"
