"""Export a rules version (the active one by default) to an Excel workbook."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand

from rules import selectors


class Command(BaseCommand):
    help = "Export the active rules version (or --number N) to an .xlsx file."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--number", type=int, default=None, help="Version number (default: active).")

    def handle(self, *args, **options) -> None:
        version, content = selectors.ruleset_export(number=options["number"])
        Path(options["file"]).write_bytes(content)
        self.stdout.write(self.style.SUCCESS(f"Version {version.number} written to {options['file']}."))
