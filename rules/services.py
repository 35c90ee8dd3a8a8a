"""Writes of RULES: validate and load a new version of the decision tables (all or nothing)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from back.param import selectors as param_selectors

from . import engine, files
from .errors import RuleSetInvalidError, RuleSetVersionNotFoundError
from .models import RuleRow, RuleSetVersion
from .schema import INPUTS, PARAM_TABLES, TABLES

MAX_REPORTED_ERRORS = 200


def ruleset_domains() -> dict[str, list[str]]:
    """The values each input can take in a sale: the active codes PARAM shows in Weblys, and booleans."""
    code_inputs = [d for d in INPUTS.values() if d.kind == "code"]
    visible = param_selectors.code_sets(tables=[d.param_table for d in code_inputs], visible_only=True)
    domains = {d.name: list(visible[d.param_table]) for d in code_inputs}
    domains.update({d.name: ["true", "false"] for d in INPUTS.values() if d.kind == "bool"})
    return domains


def ruleset_parse(
    *, raw: files.RawRows, structural_errors: list[engine.RowError] | None = None
) -> engine.TableSet:
    """Parse raw rows against PARAM and validate the whole set; the result lists every error found."""
    codes = {
        name: set(values) for name, values in param_selectors.code_sets(tables=list(PARAM_TABLES)).items()
    }
    domains = ruleset_domains()
    errors = list(structural_errors or [])
    for name, values in domains.items():
        if not values:
            errors.append(
                engine.RowError(
                    "",
                    None,
                    name,
                    _("The PARAM table %(table)s has no active code shown in Weblys.")
                    % {"table": INPUTS[name].param_table},
                )
            )
    rules: dict[str, list[engine.Rule]] = {table.name: [] for table in TABLES}
    for table in TABLES:
        for row_number, cells in raw.get(table.name, []):
            rule, row_errors = engine.parse_row(table=table, row_number=row_number, cells=cells, codes=codes)
            errors.extend(row_errors)
            if rule is not None:
                rules[table.name].append(rule)
    table_set = engine.TableSet(rules=rules, domains=domains, errors=errors)
    if not errors:
        table_set.errors.extend(engine.validate(table_set))
    return table_set


def ruleset_validate(*, content: bytes, filename: str) -> engine.TableSet:
    """Read and validate a rules file without loading it; `.errors` is empty when it would load."""
    raw, structural = files.read(content=content, filename=filename)
    return ruleset_parse(raw=raw, structural_errors=structural)


def _refuse(errors: list[engine.RowError]) -> RuleSetInvalidError:
    shown = errors[:MAX_REPORTED_ERRORS]
    by_location: dict[str, list[str]] = {}
    for error in shown:
        by_location.setdefault(error.location, []).append(error.message)
    return RuleSetInvalidError(
        _("%(count)s problems were found; nothing was loaded.") % {"count": len(errors)},
        errors=by_location,
        row_errors=[error.as_dict() for error in shown],
        error_count=len(errors),
    )


def ruleset_load(*, content: bytes, filename: str, loaded_by: str, comment: str = "") -> RuleSetVersion:
    """Validate a rules file and keep it as the new active version.

    All or nothing: raises RuleSetInvalidError with every row error (sheet, row, column, message) and
    leaves the versions and the active version untouched.
    """
    raw, structural = files.read(content=content, filename=filename)
    return ruleset_load_rows(
        raw=raw, structural_errors=structural, source_filename=filename, loaded_by=loaded_by, comment=comment
    )


def ruleset_load_rows(
    *,
    raw: files.RawRows,
    source_filename: str,
    loaded_by: str,
    comment: str = "",
    structural_errors: list[engine.RowError] | None = None,
) -> RuleSetVersion:
    """Validate raw rows ({table: [(row number, {column: cell})]}) and keep them as the new active version."""
    table_set = ruleset_parse(raw=raw, structural_errors=structural_errors)
    if table_set.errors:
        raise _refuse(table_set.errors)
    with transaction.atomic(using="rules"):
        # Lock the active version so two loads get distinct numbers and one active version.
        list(RuleSetVersion.objects.select_for_update().filter(is_active=True))
        number = (RuleSetVersion.objects.aggregate(top=Max("number"))["top"] or 0) + 1
        RuleSetVersion.objects.filter(is_active=True).update(is_active=False)
        version = RuleSetVersion.objects.create(
            number=number,
            loaded_by=loaded_by[:120],
            source_filename=source_filename[:255],
            is_active=True,
            domains=table_set.domains,
            comment=comment[:255],
        )
        RuleRow.objects.bulk_create(
            RuleRow(
                version=version,
                table=rule.table,
                row_number=rule.row_number,
                conditions=rule.conditions_json(),
                outputs=dict(rule.outputs),
                comment=rule.comment,
            )
            for rules in table_set.rules.values()
            for rule in rules
        )
    _forget_compiled()
    return version


def ruleset_activate(*, number: int) -> RuleSetVersion:
    """Make an earlier version active again (roll back). Raises RuleSetVersionNotFoundError."""
    with transaction.atomic(using="rules"):
        version = RuleSetVersion.objects.select_for_update().filter(number=number).first()
        if version is None:
            raise RuleSetVersionNotFoundError()
        RuleSetVersion.objects.filter(is_active=True).exclude(pk=version.pk).update(is_active=False)
        if not version.is_active:
            version.is_active = True
            version.save(update_fields=["is_active"])
    _forget_compiled()
    return version


def _forget_compiled() -> None:
    """This process sees the new active version at once; others within a second (see selectors)."""
    from . import selectors

    selectors.ruleset_cache_clear()


def raw_from_cells(tables: dict[str, list[dict[str, Any]]]) -> files.RawRows:
    """Number rows as a workbook would (the header is row 1): for rules built in code (demo, tests)."""
    return {
        name: [(index, cells) for index, cells in enumerate(rows, start=2)] for name, rows in tables.items()
    }
