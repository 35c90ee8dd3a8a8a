"""The whole catalog as a document of sheets: read / validate / write an Excel workbook (openpyxl).

One sheet per entity, one row per record, business keys only (codes, never ids), so an operator can
edit the workbook and load it back. `document_parse` turns raw cells into typed rows and collects
every error as {sheet, row, column, message}; nothing is written while any error remains.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.utils.translation import gettext as _

from .errors import CatalogImportError
from .models import ChangeKind, Criterion, Domain, Effect, ServiceKind
from .xlsx import NotAWorkbookError, XlsxReader


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # str, code, codes, decimal, date, bool, int
    required: bool = True
    choices: tuple[str, ...] = ()
    max_length: int = 200


C = Column
SHEETS: dict[str, tuple[Column, ...]] = {
    "services": (
        C("code", "code", max_length=20),
        C("domain", "code", choices=tuple(Domain.values)),
        C("kind", "str", choices=tuple(ServiceKind.values)),
        C("label_en", "str"),
        C("label_fr", "str"),
        C("buy_price", "decimal", required=False),
        C("is_active", "bool", required=False),
    ),
    "prices": (
        C("service_code", "code"),
        C("monthly_price", "decimal"),
        C("one_time_price", "decimal"),
        C("valid_from", "date"),
        C("valid_to", "date", required=False),
    ),
    "offers": (
        C("code", "code", max_length=40),
        C("name_en", "str"),
        C("name_fr", "str"),
        C("group_code", "code", max_length=10),
        C("basic_services", "codes"),
        C("valid_from", "date", required=False),
        C("valid_to", "date", required=False),
        C("sort_order", "int", required=False),
        C("is_active", "bool", required=False),
    ),
    "offer_equipment": (
        C("offer_code", "code"),
        C("service_code", "code"),
        C("is_required", "bool"),
        C("allows_rent", "bool"),
        C("allows_buy", "bool"),
        C("max_quantity", "int", required=False),
    ),
    "offer_options": (
        C("offer_code", "code"),
        C("service_code", "code"),
        C("requires_equipment", "code", required=False),
    ),
    "offer_fees": (C("offer_code", "code"), C("service_code", "code")),
    "promotions": (
        C("code", "code", max_length=30),
        C("name_en", "str"),
        C("name_fr", "str"),
        C("offer_code", "code", required=False),
        C("valid_from", "date"),
        C("valid_to", "date", required=False),
        C("sale_types", "codes", required=False),
        C("channels", "codes", required=False),
        C("group_codes", "codes", required=False),
        C("min_commitment_months", "int", required=False),
        C("amount", "decimal", required=False),
        C("percent", "decimal", required=False),
        C("duration_months", "int", required=False),
    ),
    "restrictions": (
        C("offer_code", "code"),
        C("criterion", "str", choices=tuple(Criterion.values)),
        C("effect", "str", choices=tuple(Effect.values)),
        C("values", "codes", max_length=500),
    ),
    "change_paths": (
        C("from_offer", "code"),
        C("to_offer", "code"),
        C("kind", "str", choices=tuple(ChangeKind.values)),
    ),
}

Document = dict[str, list[dict[str, Any]]]
CENT = Decimal("0.01")
FLOAT_NOISE = Decimal("0.000001")
EXCEL_EPOCH = date(1899, 12, 30)
FIRST_DATA_ROW = 2  # row 1 holds the column names


class RowErrors:
    """Collects row-level errors: sheet, row (as the operator sees it in Excel), column, message."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def add(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        self.items.append({"sheet": sheet, "row": row, "column": column, "message": message})

    def raise_if_any(self) -> None:
        if self.items:
            raise CatalogImportError(
                self.items,
                detail=_("%(count)s error(s) in the file; nothing was changed.") % {"count": len(self.items)},
            )


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _convert(column: Column, raw: Any) -> Any:
    """Convert one cell; raises ValueError with a translated message."""
    text = _text(raw)
    if text == "":
        if column.required:
            raise ValueError(_("A value is required."))
        return None
    if column.kind in ("str", "code"):
        value = text.upper() if column.kind == "code" else text
        if len(value) > column.max_length:
            raise ValueError(_("At most %(max)s characters.") % {"max": column.max_length})
        if column.choices and value not in column.choices:
            raise ValueError(_("Must be one of %(choices)s.") % {"choices": ", ".join(column.choices)})
        return value
    if column.kind == "codes":
        if len(text) > column.max_length:
            raise ValueError(_("At most %(max)s characters.") % {"max": column.max_length})
        return tuple(part for part in text.replace("+", " ").replace(",", " ").split() if part)
    if column.kind == "decimal":
        try:
            value = Decimal(text) if not isinstance(raw, Decimal) else raw
        except InvalidOperation:
            raise ValueError(_("Not a number.")) from None
        if not value.is_finite() or value < 0:
            raise ValueError(_("Must be a positive amount with at most two decimals."))
        cents = value.quantize(CENT)
        # A spreadsheet stores 10.8 as the float 10.800000000000001: accept float noise, not a third decimal.
        if value != cents and not (isinstance(raw, float) and abs(value - cents) < FLOAT_NOISE):
            raise ValueError(_("Must be a positive amount with at most two decimals."))
        return cents
    if column.kind == "int":
        try:
            value = int(text)
        except ValueError:
            raise ValueError(_("Not a whole number.")) from None
        if value < 0:
            raise ValueError(_("Must not be negative."))
        return value
    if column.kind == "date":
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        if isinstance(raw, int | float) and not isinstance(raw, bool):
            if not 1 <= raw < 2958466:
                raise ValueError(_("Not a date (YYYY-MM-DD)."))
            return EXCEL_EPOCH + timedelta(days=int(raw))  # a spreadsheet date: days since 1899-12-30
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValueError(_("Not a date (YYYY-MM-DD).")) from None
    if column.kind == "bool":
        if isinstance(raw, bool):
            return raw
        lowered = text.lower()
        if lowered in ("1", "true", "yes", "y", "oui", "x"):
            return True
        if lowered in ("0", "false", "no", "n", "non"):
            return False
        raise ValueError(_("Must be yes or no."))
    raise ValueError(column.kind)


def document_parse(raw: dict[str, Iterable[dict[str, Any]]], errors: RowErrors) -> Document:
    """Type every cell of every sheet; bad cells become row-level errors (the row is kept out)."""
    document: Document = {}
    for sheet, columns in SHEETS.items():
        rows = []
        for index, raw_row in enumerate(raw.get(sheet, ()), start=FIRST_DATA_ROW):
            row: dict[str, Any] = {"_row": raw_row.get("_row", index)}
            valid = True
            for column in columns:
                try:
                    row[column.name] = _convert(column, raw_row.get(column.name))
                except ValueError as exc:
                    errors.add(sheet, row["_row"], column.name, str(exc))
                    valid = False
            if valid:
                rows.append(row)
        document[sheet] = rows
    return document


def _open(source: str | IO[bytes], errors: RowErrors) -> XlsxReader:
    try:
        return XlsxReader(source)
    except NotAWorkbookError as exc:
        errors.add("", None, None, _("The file is not an Excel workbook (.xlsx): %(error)s") % {"error": exc})
        errors.raise_if_any()
        raise AssertionError from exc  # unreachable: raise_if_any raised


def workbook_read(source: str | IO[bytes], errors: RowErrors) -> dict[str, list[dict[str, Any]]]:
    """Read the raw rows of every sheet; a file that is not a catalog workbook is one error."""
    book = _open(source, errors)
    raw: dict[str, list[dict[str, Any]]] = {}
    try:
        for sheet, columns in SHEETS.items():
            if sheet not in book.sheet_names:
                errors.add(sheet, None, None, _("The sheet is missing."))
                continue
            raw_rows = _sheet_rows(book, sheet, errors)
            if raw_rows is None:
                continue
            header, rows = raw_rows
            missing = [c.name for c in columns if c.name not in header]
            for name in missing:
                errors.add(sheet, 1, name, _("The column is missing."))
            if not missing:
                raw[sheet] = rows
    finally:
        book.close()
    errors.raise_if_any()
    return raw


def _sheet_rows(
    book: XlsxReader, sheet: str, errors: RowErrors
) -> tuple[list[str], list[dict[str, Any]]] | None:
    try:
        rows = book.rows(sheet)
    except NotAWorkbookError as exc:
        errors.add(sheet, None, None, _("The sheet cannot be read: %(error)s") % {"error": exc})
        return None
    first = next(rows, None)
    header = [_text(cell).lower() for cell in first[1]] if first else []
    positions = [(name, index) for index, name in enumerate(header) if name]
    out = []
    for number, cells in rows:
        if all(cell is None or _text(cell) == "" for cell in cells):
            continue
        row: dict[str, Any] = {"_row": number}
        for name, index in positions:
            row[name] = cells[index] if index < len(cells) else None
        out.append(row)
    return header, out


def workbook_write(document: Document, target: str | IO[bytes]) -> None:
    """Write a document as a workbook (write-only mode: fast for 100,000 rows)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for sheet, columns in SHEETS.items():
        ws = book.create_sheet(sheet)
        ws.append([c.name for c in columns])
        for row in document.get(sheet, ()):
            ws.append([_cell(c, row.get(c.name)) for c in columns])
    book.save(target)


def _cell(column: Column, value: Any) -> Any:
    if value is None:
        return None
    if column.kind == "codes":
        return " ".join(value) if not isinstance(value, str) else value
    if column.kind == "decimal":
        return str(value)
    if column.kind == "date":
        return value.isoformat() if isinstance(value, date) else value
    if column.kind == "bool":
        return "yes" if value else "no"
    return value


def rows_from_csv(lines: Iterable[str]) -> list[dict[str, Any]]:
    """Raw rows of a CSV file (first line: column names), numbered as the operator sees them."""
    import csv

    reader = csv.DictReader(lines)
    return [
        {"_row": number, **{(k or "").strip().lower(): v for k, v in row.items()}}
        for number, row in enumerate(reader, start=FIRST_DATA_ROW)
    ]


def rows_from_sheet(
    source: str | IO[bytes], errors: RowErrors, sheet_name: str | None = None
) -> list[dict[str, Any]]:
    """Raw rows of the first (or named) sheet of a workbook."""
    book = _open(source, errors)
    try:
        names = book.sheet_names
        name = sheet_name if sheet_name in names else (names[0] if names else "")
        result = _sheet_rows(book, name, errors)
        errors.raise_if_any()
        return result[1] if result else []
    finally:
        book.close()
