"""Rules files: read a workbook (one sheet per table) or a CSV (a `table` column), write a workbook.

Reading only splits the file into raw cells per table with their row numbers and reports structural
problems (unreadable file, unknown or missing sheet, missing or unknown column); cell values are
checked by the engine.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from .engine import RowError, Rule, cell_text, rule_cells
from .schema import COMMENT, TABLES, TABLES_BY_NAME

RawRows = dict[str, list[tuple[int, dict[str, Any]]]]
CSV_TABLE_COLUMN = "table"


def is_workbook(*, content: bytes, filename: str) -> bool:
    return filename.lower().endswith((".xlsx", ".xlsm")) or content[:2] == b"PK"


def read(*, content: bytes, filename: str) -> tuple[RawRows, list[RowError]]:
    """Split a rules file into raw rows per table; also return structural errors."""
    if not content.strip():
        return {}, [RowError("", None, "", _("The file is empty."))]
    if is_workbook(content=content, filename=filename):
        return _read_workbook(content)
    if filename.lower().endswith(".csv") or not filename:
        return _read_csv(content)
    return {}, [
        RowError("", None, "", _("Unsupported file type: send an Excel workbook (.xlsx) or a CSV file."))
    ]


def _check_header(
    sheet: str, header: list[str], expected: Iterable[str], *, extra_ok: Iterable[str] = ()
) -> list[RowError]:
    errors = []
    expected = list(expected)
    for column in expected:
        if column not in header and column != COMMENT:
            errors.append(RowError(sheet, 1, column, _("Missing column.")))
    for column in header:
        if column and column not in expected and column not in extra_ok:
            errors.append(RowError(sheet, 1, column, _("Unknown column.")))
    seen = set()
    for column in header:
        if column and column in seen:
            errors.append(RowError(sheet, 1, column, _("Repeated column.")))
        seen.add(column)
    return errors


def _read_workbook(content: bytes) -> tuple[RawRows, list[RowError]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        return {}, [RowError("", None, "", _("The Excel workbook could not be read."))]
    raw: RawRows = {}
    errors: list[RowError] = []
    for sheet in workbook.worksheets:
        if sheet.title not in TABLES_BY_NAME:
            errors.append(RowError(sheet.title, None, "", _("Unknown sheet: it is not a rules table.")))
            continue
        table = TABLES_BY_NAME[sheet.title]
        rows = list(sheet.iter_rows(values_only=True))
        header = [cell_text(v).lower() for v in rows[0]] if rows else []
        header_errors = _check_header(table.name, header, table.columns)
        errors.extend(header_errors)
        if header_errors:
            continue
        raw[table.name] = [
            (number, {header[i]: value for i, value in enumerate(row) if i < len(header) and header[i]})
            for number, row in enumerate(rows[1:], start=2)
            if any(cell_text(value) for value in row)
        ]
    for table in TABLES:
        if table.name not in raw and not any(e.sheet == table.name for e in errors):
            errors.append(RowError(table.name, None, "", _("Missing sheet.")))
    return raw, errors


def _read_csv(content: bytes) -> tuple[RawRows, list[RowError]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return {}, [RowError("", None, "", _("The CSV file is not UTF-8 text."))]
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    records = list(csv.reader(io.StringIO(text), dialect))
    header = [cell.strip().lower() for cell in records[0]] if records else []
    all_columns = [CSV_TABLE_COLUMN, *sorted({c for t in TABLES for c in t.columns})]
    errors = _check_header("", header, all_columns)
    if errors:
        return {}, errors
    raw: RawRows = {table.name: [] for table in TABLES}
    for number, record in enumerate(records[1:], start=2):
        cells = {header[i]: value for i, value in enumerate(record) if i < len(header)}
        if not any(value.strip() for value in cells.values()):
            continue
        name = cells.get(CSV_TABLE_COLUMN, "").strip()
        if name not in TABLES_BY_NAME:
            errors.append(
                RowError("", number, CSV_TABLE_COLUMN, _("Unknown table '%(name)s'.") % {"name": name})
            )
            continue
        table = TABLES_BY_NAME[name]
        for column, value in cells.items():
            if value.strip() and column != CSV_TABLE_COLUMN and column not in table.columns:
                errors.append(
                    RowError(
                        name,
                        number,
                        column,
                        _("This column is not used by the table %(table)s.") % {"table": name},
                    )
                )
        raw[name].append((number, {c: v for c, v in cells.items() if c in table.columns}))
    for table in TABLES:
        if not raw[table.name] and not any(e.sheet == table.name for e in errors):
            errors.append(RowError(table.name, None, "", _("The table has no row.")))
    return raw, errors


def write_workbook(rules: Iterable[Rule]) -> bytes:
    """Write one sheet per table, in the canonical column order, one row per rule in row order."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    per_table: dict[str, list[Rule]] = {table.name: [] for table in TABLES}
    for rule in rules:
        per_table[rule.table].append(rule)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in TABLES:
        sheet = workbook.create_sheet(table.name)
        sheet.append(list(table.columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for rule in sorted(per_table[table.name], key=lambda r: r.row_number):
            cells = rule_cells(rule)
            sheet.append([cells[column] for column in table.columns])
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
