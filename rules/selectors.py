"""Reads of RULES: evaluate a sale context, list versions and rows, diff and export versions."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from . import engine, files
from .errors import (
    RuleContextInvalidError,
    RuleOutcomeMissingError,
    RuleSetVersionNotFoundError,
    RulesNotLoadedError,
)
from .models import RuleRow, RuleSetVersion
from .schema import INPUTS, TABLES

_lock = threading.Lock()
_compiled: engine.CompiledRuleSet | None = None
_checked_at = 0.0
# How long a process trusts its compiled version before asking the database which one is active.
# A load or re-activation in this process is seen at once; in other processes within this delay.
ACTIVE_VERSION_RECHECK_SECONDS = 1.0


@dataclass(frozen=True)
class Evaluation:
    version: int
    context: dict[str, Any]
    outcome: dict[str, Any]
    explanation: list[engine.TableTrace]


def ruleset_active_number() -> int | None:
    """Return the number of the active version (one indexed query), or None before any load."""
    return RuleSetVersion.objects.filter(is_active=True).values_list("number", flat=True).first()


def ruleset_compiled() -> engine.CompiledRuleSet:
    """Return the active version compiled for evaluation, from this process's memory.

    At most once a second (ACTIVE_VERSION_RECHECK_SECONDS) one small query checks which version is
    active, so a version loaded or re-activated by another process is used within a second (at once
    in the loading process); the rows are read only when the active version changes.
    Raises RulesNotLoadedError.
    """
    global _compiled, _checked_at
    compiled = _compiled
    now = time.monotonic()
    if compiled is not None and now - _checked_at < ACTIVE_VERSION_RECHECK_SECONDS:
        return compiled
    number = ruleset_active_number()
    _checked_at = now
    if number is None:
        raise RulesNotLoadedError()
    if compiled is not None and compiled.number == number:
        return compiled
    with _lock:
        if _compiled is None or _compiled.number != number:
            version = RuleSetVersion.objects.get(number=number)
            _compiled = engine.CompiledRuleSet.build(
                number=number, domains=version.domains, rules=_rules_of(version)
            )
        return _compiled


def ruleset_cache_clear() -> None:
    """Forget the compiled version (tests; a new load is picked up without this)."""
    global _compiled, _checked_at
    _compiled = None
    _checked_at = 0.0


def _normalise(context: dict[str, Any], domains: dict[str, frozenset[str]]) -> dict[str, str]:
    normal: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    for name, definition in INPUTS.items():
        value = context.get(name)
        if value in (None, "") and definition.default is not None:
            value = definition.default
        if definition.kind == "bool":
            if not isinstance(value, bool):
                errors[name] = [_("Must be true or false.")]
                continue
            text = "true" if value else "false"
        else:
            text = "" if value is None else str(value)
        if text not in domains.get(name, ()):
            errors[name] = [_("'%(value)s' is not a value the active rules know.") % {"value": text}]
            continue
        normal[name] = text
    if errors:
        raise RuleContextInvalidError(errors=errors)
    return normal


def rules_evaluate(*, context: dict[str, Any]) -> Evaluation:
    """Evaluate a sale context against the active version: the outcome and why each table gave it.

    `context` holds the inputs of rules.schema.INPUTS (codes as strings, flags as booleans;
    group_code defaults to RG). Raises RuleContextInvalidError for a value outside the validated
    domain, RulesNotLoadedError before any load.
    """
    compiled = ruleset_compiled()
    normal = _normalise(context, compiled.domains)
    try:
        outcome, traces = engine.evaluate(compiled, normal)
    except LookupError as exc:
        raise RuleOutcomeMissingError(str(exc)) from exc
    shown_context = {
        name: (value == "true" if INPUTS[name].kind == "bool" else value) for name, value in normal.items()
    }
    return Evaluation(version=compiled.number, context=shown_context, outcome=outcome, explanation=traces)


def _rules_of(version: RuleSetVersion) -> list[engine.Rule]:
    return [
        engine.rule_from_json(
            table=row.table,
            row_number=row.row_number,
            conditions=row.conditions,
            outputs=row.outputs,
            comment=row.comment,
        )
        for row in RuleRow.objects.filter(version=version).order_by("table", "row_number")
    ]


def ruleset_version_get(*, number: int | None = None) -> RuleSetVersion:
    """Return version `number`, or the active one when None. Raises RuleSetVersionNotFoundError."""
    query = (
        RuleSetVersion.objects.filter(is_active=True)
        if number is None
        else RuleSetVersion.objects.filter(number=number)
    )
    version = query.first()
    if version is None:
        if number is None:
            raise RulesNotLoadedError()
        raise RuleSetVersionNotFoundError()
    return version


def ruleset_version_list() -> list[RuleSetVersion]:
    """Every loaded version, newest first (one query; versions are few, kept forever)."""
    return list(RuleSetVersion.objects.order_by("-number"))


def ruleset_tables(*, number: int | None = None) -> tuple[RuleSetVersion, dict[str, list[dict[str, Any]]]]:
    """The rows of each table of a version (active by default): canonical cells, row, specificity."""
    version = ruleset_version_get(number=number)
    tables: dict[str, list[dict[str, Any]]] = {table.name: [] for table in TABLES}
    for rule in _rules_of(version):
        tables[rule.table].append(
            {"row": rule.row_number, "specificity": rule.specificity, "cells": engine.rule_cells(rule)}
        )
    return version, tables


def ruleset_diff(*, a: int, b: int) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """Rows added, removed and changed per table from version `a` to version `b`.

    Rows are matched by their conditions (a row is the same rule if it fixes the same inputs to the
    same values); a matched row whose outputs differ is "changed". Raises RuleSetVersionNotFoundError.
    """
    before = {rule.key(): rule for rule in _rules_of(ruleset_version_get(number=a))}
    after = {rule.key(): rule for rule in _rules_of(ruleset_version_get(number=b))}
    diff: dict[str, dict[str, list[dict[str, Any]]]] = {
        table.name: {"added": [], "removed": [], "changed": []} for table in TABLES
    }
    for key, rule in after.items():
        if key not in before:
            diff[rule.table]["added"].append({"row": rule.row_number, "cells": engine.rule_cells(rule)})
        elif dict(before[key].outputs) != dict(rule.outputs):
            old = before[key]
            diff[rule.table]["changed"].append(
                {
                    "row_before": old.row_number,
                    "row_after": rule.row_number,
                    "before": engine.rule_cells(old),
                    "after": engine.rule_cells(rule),
                }
            )
    for key, rule in before.items():
        if key not in after:
            diff[rule.table]["removed"].append({"row": rule.row_number, "cells": engine.rule_cells(rule)})
    return diff


def ruleset_export(*, number: int | None = None) -> tuple[RuleSetVersion, bytes]:
    """An Excel workbook of a version (active by default) that loads back to the same rules."""
    version = ruleset_version_get(number=number)
    return version, files.write_workbook(_rules_of(version))
