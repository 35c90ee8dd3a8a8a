"""Check a rules file without loading it: cell errors, unknown codes, ties and gaps."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rules import services


class Command(BaseCommand):
    help = "Validate a rules file (.xlsx or .csv); exits with an error listing every problem."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        table_set = services.ruleset_validate(content=path.read_bytes(), filename=path.name)
        if table_set.errors:
            lines = [f"{len(table_set.errors)} problems in {path.name}:"]
            lines += [f"  {error.location}: {error.message}" for error in table_set.errors]
            raise CommandError("\n".join(lines))
        rows = sum(len(rules) for rules in table_set.rules.values())
        self.stdout.write(self.style.SUCCESS(f"{path.name} is valid: {rows} rows, no tie, no gap."))
