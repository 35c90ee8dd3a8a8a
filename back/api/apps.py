from django.apps import AppConfig


class BackApiConfig(AppConfig):
    name = "back.api"
    label = "backapi"
    verbose_name = "Back API infrastructure"

    def ready(self) -> None:
        from . import schema  # noqa: F401 - registers the OpenAPI authentication extension
