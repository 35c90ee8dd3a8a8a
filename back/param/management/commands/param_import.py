"""Import one Pro-Cable code table into PARAM from a CSV or Excel file (all or nothing)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from back.param import importing, services
from back.param.errors import CodeTableImportError


class Command(BaseCommand):
    help = "Import a code table: param_import <table> <file.csv|file.xlsx> [--label-en ... --label-fr ...]."

    def add_arguments(self, parser) -> None:
        parser.add_argument("table")
        parser.add_argument("file")
        parser.add_argument("--label-en", default="")
        parser.add_argument("--label-fr", default="")
        parser.add_argument(
            "--keep-missing", action="store_true", help="Leave codes absent from the file active."
        )

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            rows = importing.codes_from_file(content=path.read_bytes(), filename=path.name)
            result = services.code_table_import(
                table=options["table"],
                label_en=options["label_en"] or options["table"],
                label_fr=options["label_fr"] or options["label_en"] or options["table"],
                codes=rows,
                deactivate_missing=not options["keep_missing"],
            )
        except CodeTableImportError as exc:
            lines = [f"  {where}: {' '.join(messages)}" for where, messages in exc.errors.items()]
            raise CommandError("\n".join([str(exc.detail), *lines])) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.table}: {result.created} created, {result.updated} updated, "
                f"{result.deactivated} deactivated."
            )
        )
