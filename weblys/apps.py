from pathlib import Path

from django.apps import AppConfig


class WeblysConfig(AppConfig):
    """The front project as an app: templates, static files, locale, template tags."""

    name = "weblys"
    verbose_name = "Weblys front"
    path = str(Path(__file__).resolve().parent)
