"""Import Pro-Cable services and prices: through the gateway, or from a CSV / Excel file."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from catalog import services
from catalog.errors import CatalogImportError
from catalog.workbook import RowErrors, rows_from_csv, rows_from_sheet

from ._output import raise_import_error


class Command(BaseCommand):
    help = (
        "Import Pro-Cable services and their current prices (price history kept). Without --file, read them "
        "through the Pro-Cable gateway. A file has the columns "
        + ", ".join(services.SERVICE_FILE_COLUMNS)
        + "."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--file", help="A .csv or .xlsx file (first sheet, or --sheet).")
        parser.add_argument("--sheet", help="The sheet to read in an .xlsx file.")

    def handle(self, *args, **options) -> None:
        try:
            if options["file"]:
                path = Path(options["file"])
                if not path.is_file():
                    raise CommandError(f"No such file: {path}")
                if path.suffix.lower() == ".csv":
                    with path.open(encoding="utf-8-sig", newline="") as handle:
                        raw = rows_from_csv(handle)
                else:
                    raw = rows_from_sheet(str(path), RowErrors(), options["sheet"])
                report = services.services_import(
                    rows=services.service_rows_parse(raw, sheet=path.name), sheet=path.name
                )
            else:
                report = services.services_import_from_gateway()
        except CatalogImportError as exc:
            raise_import_error(exc)
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Services: {report.created} created, {report.updated} updated, "
                f"{report.unchanged} unchanged; {report.prices_added} new price(s)."
            )
        )
        if report.not_in_source:
            self.stdout.write(f"In the catalog but not in the source: {', '.join(report.not_in_source)}")
