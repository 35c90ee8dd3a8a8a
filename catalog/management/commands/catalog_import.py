"""Load a whole-catalog workbook (as written by catalog_export): all or nothing, row-level errors."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalog.errors import CatalogImportError
from catalog.services import catalog_load
from catalog.workbook import RowErrors, workbook_read

from ._output import raise_import_error


class Command(BaseCommand):
    help = "Replace the catalog with an .xlsx workbook; any error refuses the whole file and changes nothing."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            report = catalog_load(raw=workbook_read(str(path), RowErrors()))
        except CatalogImportError as exc:
            raise_import_error(exc)
            return
        counts = ", ".join(f"{sheet} {count}" for sheet, count in report.counts.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Catalog loaded: {counts}. Offers: {report.offers_created} new, "
                f"{report.offers_new_version} new version(s), {report.offers_deactivated} deactivated."
            )
        )
