"""Export the whole catalog as an Excel workbook (one sheet per entity) that catalog_import reloads."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from catalog.selectors import catalog_document
from catalog.workbook import workbook_write


class Command(BaseCommand):
    help = "Export the whole catalog to an .xlsx workbook (one sheet per entity, codes as keys)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, **options) -> None:
        document = catalog_document()
        workbook_write(document, options["file"])
        counts = ", ".join(f"{sheet} {len(rows)}" for sheet, rows in document.items())
        self.stdout.write(self.style.SUCCESS(f"Exported to {options['file']}: {counts}."))
