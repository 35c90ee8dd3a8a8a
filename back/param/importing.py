"""Read a code table file (CSV or Excel) into CodeInput rows, reporting every bad row at once.

Columns: code, label_en, label_fr, and optionally is_active, is_visible_in_weblys (yes/no, true/false, 1/0).
"""

from __future__ import annotations

import csv
import io
import zipfile

from django.utils.translation import gettext as _

from .errors import CodeTableImportError
from .services import CodeInput

REQUIRED = ("code", "label_en", "label_fr")
OPTIONAL = ("is_active", "is_visible_in_weblys")
TRUE = {"1", "true", "yes", "y", "oui", "o", "x"}
FALSE = {"0", "false", "no", "n", "non", ""}


def _records(content: bytes, filename: str) -> list[list[str]]:
    if filename.lower().endswith((".xlsx", ".xlsm")) or content[:2] == b"PK":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise CodeTableImportError(
                errors={"file": [_("The Excel file could not be read (%(error)s).") % {"error": exc}]}
            ) from exc
        sheet = workbook.worksheets[0]
        return [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CodeTableImportError(errors={"file": [_("The CSV file is not UTF-8 text.")]}) from exc
    dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t") if text.strip() else csv.excel
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]


def codes_from_file(*, content: bytes, filename: str) -> list[CodeInput]:
    """Parse the file; raise CodeTableImportError listing every row error (row numbers as in the file)."""
    records = _records(content, filename)
    if not records or not any(records[0]):
        raise CodeTableImportError(errors={"file": [_("The file is empty.")]})
    header = [name.strip().lower() for name in records[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise CodeTableImportError(
            errors={"header": [_("Missing column: %(name)s.") % {"name": name} for name in missing]}
        )
    index = {name: header.index(name) for name in (*REQUIRED, *OPTIONAL) if name in header}
    errors: dict[str, list[str]] = {}
    rows: list[CodeInput] = []
    first_row: dict[str, int] = {}
    for number, record in enumerate(records[1:], start=2):
        if not any(record):
            continue
        values = {name: (record[i] if i < len(record) else "") for name, i in index.items()}
        flags: dict[str, bool] = {}
        for name in OPTIONAL:
            raw = values.get(name, "").lower()
            if name not in values or raw in TRUE:
                flags[name] = True
            elif raw in FALSE:
                flags[name] = False
            else:
                errors.setdefault(f"row {number} {name}", []).append(
                    _("'%(value)s' is not yes or no.") % {"value": values[name]}
                )
        if not values["code"]:
            errors.setdefault(f"row {number} code", []).append(_("The code is empty."))
        elif values["code"] in first_row:
            errors.setdefault(f"row {number} code", []).append(
                _("The code %(code)s is already on row %(row)s.")
                % {"code": values["code"], "row": first_row[values["code"]]}
            )
        else:
            first_row[values["code"]] = number
        rows.append(CodeInput(values["code"], values["label_en"], values["label_fr"], **flags))
    if errors:
        raise CodeTableImportError(errors=errors)
    return rows
