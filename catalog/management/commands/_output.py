"""Shared output of the catalog commands: row-level errors, one per line."""

from __future__ import annotations

from django.core.management.base import CommandError

from catalog.errors import CatalogImportError


def raise_import_error(exc: CatalogImportError) -> None:
    """Turn a refused import into a CommandError listing every (sheet, row, column, message)."""
    lines = [str(exc.detail)]
    for item in exc.rows:
        where = " ".join(
            part
            for part in (
                f"sheet={item['sheet']}" if item["sheet"] else "",
                f"row={item['row']}" if item["row"] else "",
                f"column={item['column']}" if item["column"] else "",
            )
            if part
        )
        lines.append(f"  {where}: {item['message']}")
    raise CommandError("\n".join(lines))
