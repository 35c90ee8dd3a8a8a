"""Export the case-file events of orders as CSV or JSON lines."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from back.orders import selectors
from back.orders.api.views import events_csv, events_jsonl


class Command(BaseCommand):
    help = "Export order case-file events (successful, rejected, abandoned) as CSV or JSON lines."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["csv", "jsonl"], default="jsonl")
        parser.add_argument("--kind", choices=["successful", "rejected", "abandoned"], default=None)
        parser.add_argument("--output", default="-", help="File path, or - for standard output.")

    def handle(self, *args: Any, **options: Any) -> None:
        rows = [selectors.event_row(e) for e in selectors.event_list(kind=options["kind"]).iterator()]
        text = events_csv(rows) if options["format"] == "csv" else events_jsonl(rows)
        if options["output"] == "-":
            self.stdout.write(text, ending="")
        else:
            with open(options["output"], "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
            self.stderr.write(f"{len(rows)} events written to {options['output']}")
