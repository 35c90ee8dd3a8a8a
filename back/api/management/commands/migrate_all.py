"""Migrate every database alias (Django's `migrate` handles one alias at a time)."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Apply migrations to every Weblys database (weblys, catalog, rules, param, security, ...)."

    def handle(self, *args, **options) -> None:
        verbosity = options.get("verbosity", 1)
        for alias in settings.DATABASES:
            if verbosity:
                self.stdout.write(f"migrate {alias}")
            call_command("migrate", database=alias, interactive=False, verbosity=max(0, verbosity - 1))
