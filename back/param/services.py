"""Writes of PARAM: import a Pro-Cable code table (all or nothing)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from .errors import CodeTableImportError
from .models import Code, CodeTable


@dataclass(frozen=True)
class CodeInput:
    code: str
    label_en: str
    label_fr: str
    is_active: bool = True
    is_visible_in_weblys: bool = True


@dataclass(frozen=True)
class ImportResult:
    table: str
    created: int
    updated: int
    deactivated: int


def code_table_import(
    *, table: str, label_en: str, label_fr: str, codes: list[CodeInput], deactivate_missing: bool = True
) -> ImportResult:
    """Create or update `table` with exactly `codes`, in their order.

    Pro-Cable exports the whole table, so codes absent from `codes` are marked inactive (kept, since
    orders and rules may still name them) unless `deactivate_missing` is False. All or nothing:
    raises CodeTableImportError (per-row errors) and changes nothing when a code is blank or repeated.
    """
    errors: dict[str, list[str]] = {}
    seen: set[str] = set()
    for index, row in enumerate(codes, start=1):
        if not row.code.strip():
            errors.setdefault(f"row {index}", []).append(_("The code is empty."))
        elif row.code in seen:
            errors.setdefault(f"row {index}", []).append(
                _("The code %(code)s appears twice.") % {"code": row.code}
            )
        if not row.label_en.strip() and not row.label_fr.strip():
            errors.setdefault(f"row {index}", []).append(_("A label (English or French) is required."))
        seen.add(row.code)
    if not table.strip():
        errors.setdefault("table", []).append(_("The table name is required."))
    if errors:
        raise CodeTableImportError(errors=errors)

    with transaction.atomic(using="param"):
        code_table, _created = CodeTable.objects.update_or_create(
            name=table, defaults={"label_en": label_en or table, "label_fr": label_fr or label_en or table}
        )
        existing = {c.code: c for c in Code.objects.select_for_update().filter(table=code_table)}
        created = updated = 0
        for position, row in enumerate(codes):
            values = {
                "label_en": row.label_en or row.label_fr,
                "label_fr": row.label_fr or row.label_en,
                "is_active": row.is_active,
                "is_visible_in_weblys": row.is_visible_in_weblys,
                "position": position,
            }
            current = existing.get(row.code)
            if current is None:
                Code.objects.create(table=code_table, code=row.code, **values)
                created += 1
            elif any(getattr(current, key) != value for key, value in values.items()):
                Code.objects.filter(pk=current.pk).update(**values)
                updated += 1
        deactivated = 0
        if deactivate_missing:
            deactivated = (
                Code.objects.filter(table=code_table, is_active=True)
                .exclude(code__in=seen)
                .update(is_active=False)
            )
    return ImportResult(table=table, created=created, updated=updated, deactivated=deactivated)
