"""Reads of PARAM: code tables and their codes. Other apps call these by function, never by model."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import CodeTableNotFoundError
from .models import Code, CodeTable


@dataclass(frozen=True)
class CodeRow:
    table: str
    code: str
    label_en: str
    label_fr: str
    is_active: bool
    is_visible_in_weblys: bool


@dataclass(frozen=True)
class CodeTableRow:
    name: str
    label_en: str
    label_fr: str
    code_count: int


def code_exists(*, table: str, code: str) -> bool:
    """Return True when `code` is an active code of `table` (hidden codes still exist for Pro-Cable)."""
    return Code.objects.filter(table__name=table, code=code, is_active=True).exists()


def codes(*, table: str, visible_only: bool = True, active_only: bool = True) -> list[CodeRow]:
    """Return the codes of `table` in display order.

    By default only active codes the operator shows in Weblys. Raises CodeTableNotFoundError.
    """
    if not CodeTable.objects.filter(name=table).exists():
        raise CodeTableNotFoundError()
    query = Code.objects.filter(table__name=table)
    if active_only:
        query = query.filter(is_active=True)
    if visible_only:
        query = query.filter(is_visible_in_weblys=True)
    return [
        CodeRow(table, c.code, c.label_en, c.label_fr, c.is_active, c.is_visible_in_weblys)
        for c in query.order_by("position", "code")
    ]


def code_sets(*, tables: list[str], visible_only: bool = False) -> dict[str, list[str]]:
    """Return {table: [active codes in display order]} for several tables in one query.

    Tables that do not exist map to an empty list.
    """
    result: dict[str, list[str]] = {name: [] for name in tables}
    query = Code.objects.filter(table__name__in=tables, is_active=True)
    if visible_only:
        query = query.filter(is_visible_in_weblys=True)
    for table, code in query.order_by("table__name", "position", "code").values_list("table__name", "code"):
        result[table].append(code)
    return result


def code_table_list() -> list[CodeTableRow]:
    """Return every code table with its number of codes (one query)."""
    from django.db.models import Count

    return [
        CodeTableRow(t.name, t.label_en, t.label_fr, t.code_count)
        for t in CodeTable.objects.annotate(code_count=Count("codes")).order_by("name")
    ]
