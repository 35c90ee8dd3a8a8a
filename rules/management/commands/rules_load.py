"""Load a rules workbook or CSV as the new active version (all or nothing)."""

from __future__ import annotations

import getpass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rules import services
from rules.errors import RuleSetInvalidError


def report(exc: RuleSetInvalidError) -> str:
    lines = [str(exc.detail)]
    for error in exc.extra.get("row_errors", []):
        where = " ".join(
            str(p)
            for p in (error["sheet"] or "file", error["row"] and f"row {error['row']}", error["column"])
            if p
        )
        lines.append(f"  {where}: {error['message']}")
    return "\n".join(lines)


class Command(BaseCommand):
    help = "Load a rules file (.xlsx or .csv) as a new version and make it active."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--by", default="", help="Who loads it (default: command:<system user>).")
        parser.add_argument("--comment", default="")

    def handle(self, *args, **options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            version = services.ruleset_load(
                content=path.read_bytes(),
                filename=path.name,
                loaded_by=options["by"] or f"command:{getpass.getuser()}",
                comment=options["comment"],
            )
        except RuleSetInvalidError as exc:
            raise CommandError(report(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"Loaded {path.name} as version {version.number} (active)."))
