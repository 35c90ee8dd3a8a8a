"""The decision-table engine: parse rows, validate a table set, evaluate a context.

Pure functions over plain data (no database): services and selectors feed them PARAM codes and
stored rows. Hit policy, for every table: among the rows whose conditions all match, the one that
fixes the most inputs wins ("most specific row wins"). Two rows that fix the same number of inputs
and can both match one context are a tie, refused when a version is loaded; a context of the
validated domain that no row matches is a gap, also refused at load. So evaluation of a context
within the domain always finds exactly one row per table.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from .schema import COMMENT, INPUTS, OUTPUTS, TABLES, WILDCARD, TableDef

TRUE_WORDS = {"true", "yes", "y", "1", "oui", "o", "vrai", "x"}
FALSE_WORDS = {"false", "no", "n", "0", "non", "faux"}
MAX_GAP_EXAMPLES = 5


@dataclass(frozen=True)
class RowError:
    """One problem found in a file: where it is (sheet, row number, column) and what is wrong."""

    sheet: str
    row: int | None
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "message": self.message}

    @property
    def location(self) -> str:
        parts = [self.sheet or "file"]
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(self.column)
        return " ".join(parts)


@dataclass(frozen=True)
class Rule:
    """One parsed row: `conditions` holds only the inputs it fixes (the others are wildcards)."""

    table: str
    row_number: int
    conditions: tuple[tuple[str, frozenset[str]], ...]
    outputs: Mapping[str, Any]
    comment: str = ""

    @property
    def specificity(self) -> int:
        return len(self.conditions)

    def matches(self, context: Mapping[str, str]) -> bool:
        return all(context[name] in values for name, values in self.conditions)

    def conditions_json(self) -> dict[str, list[str]]:
        return {name: sorted(values) for name, values in self.conditions}

    def key(self) -> tuple:
        """Identity of a row across versions: its table and its conditions."""
        return (self.table, tuple((name, tuple(sorted(values))) for name, values in self.conditions))


@dataclass
class TableSet:
    """A whole set of parsed tables plus the domain of every input, as validated."""

    rules: dict[str, list[Rule]]
    domains: dict[str, list[str]]
    errors: list[RowError] = field(default_factory=list)


# --- Cells ---------------------------------------------------------------------------------------------


def cell_text(value: Any) -> str:
    """Normalise what openpyxl or csv gives for a cell into stripped text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _tokens(text: str) -> list[str]:
    return [token.strip() for token in text.split(",") if token.strip()]


def _bool(text: str) -> bool | None:
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def _bool_text(value: bool) -> str:
    return "true" if value else "false"


def parse_row(
    *, table: TableDef, row_number: int, cells: Mapping[str, Any], codes: Mapping[str, set[str]]
) -> tuple[Rule | None, list[RowError]]:
    """Parse one row of `table`; return the rule (None if any cell is bad) and the cell errors."""
    errors: list[RowError] = []

    def error(column: str, message: str) -> None:
        errors.append(RowError(table.name, row_number, column, message))

    conditions: list[tuple[str, frozenset[str]]] = []
    for name in table.inputs:
        definition = INPUTS[name]
        text = cell_text(cells.get(name))
        if text in ("", WILDCARD):
            continue
        values: set[str] = set()
        for token in _tokens(text):
            if definition.kind == "bool":
                parsed = _bool(token)
                if parsed is None:
                    error(name, _("'%(value)s' is not yes or no (or * for any).") % {"value": token})
                else:
                    values.add(_bool_text(parsed))
            elif token not in codes.get(definition.param_table, set()):
                error(
                    name,
                    _("Unknown code '%(code)s': it is not an active code of the PARAM table %(table)s.")
                    % {"code": token, "table": definition.param_table},
                )
            else:
                values.add(token)
        if values:
            conditions.append((name, frozenset(values)))

    outputs: dict[str, Any] = {}
    for name in table.outputs:
        definition = OUTPUTS[name]
        text = cell_text(cells.get(name))
        known = codes.get(definition.param_table, set())
        if definition.kind == "choice":
            if text.lower() not in definition.choices:
                error(
                    name,
                    _("'%(value)s' must be one of: %(choices)s.")
                    % {"value": text, "choices": ", ".join(definition.choices)},
                )
            outputs[name] = text.lower()
        elif definition.kind == "bool":
            parsed = _bool(text)
            if parsed is None:
                error(name, _("'%(value)s' is not yes or no.") % {"value": text})
            outputs[name] = bool(parsed)
        elif definition.kind == "code":
            if not text and definition.required:
                error(name, _("A code is required."))
            elif text and text not in known:
                error(
                    name,
                    _("Unknown code '%(code)s': it is not an active code of the PARAM table %(table)s.")
                    % {"code": text, "table": definition.param_table},
                )
            outputs[name] = text
        elif definition.kind == "codes":
            listed = _tokens(text)
            for code in listed:
                if code not in known:
                    error(
                        name,
                        _("Unknown code '%(code)s': it is not an active code of the PARAM table %(table)s.")
                        % {"code": code, "table": definition.param_table},
                    )
            if len(set(listed)) != len(listed):
                error(name, _("A code is listed twice."))
            outputs[name] = listed
        elif definition.kind == "int":
            try:
                number = int(text)
            except ValueError:
                number = -1
            if number < 0:
                error(name, _("'%(value)s' must be a whole number of days, 0 or more.") % {"value": text})
            outputs[name] = number
        elif definition.kind == "amount":
            try:
                amount = Decimal(text or "0").quantize(Decimal("0.01"))
            except InvalidOperation:
                amount = Decimal("-1")
            if amount < 0:
                error(name, _("'%(value)s' must be an amount, 0 or more.") % {"value": text})
            outputs[name] = str(amount)

    if table.name == "deposit" and not errors:
        has_code = bool(outputs["deposit_service_code"])
        if has_code != (Decimal(outputs["deposit_amount"]) > 0):
            error(
                "deposit_amount", _("A deposit needs both a service code and an amount above 0 (or neither).")
            )

    if errors:
        return None, errors
    order = {name: index for index, name in enumerate(table.inputs)}
    conditions.sort(key=lambda item: order[item[0]])
    return (
        Rule(table.name, row_number, tuple(conditions), outputs, cell_text(cells.get(COMMENT))[:255]),
        [],
    )


def rule_cells(rule: Rule) -> dict[str, str]:
    """The canonical text of every cell of a rule (as exported and listed)."""
    cells: dict[str, str] = {}
    fixed = dict(rule.conditions)
    table = next(t for t in TABLES if t.name == rule.table)
    for name in table.inputs:
        cells[name] = ",".join(sorted(fixed[name])) if name in fixed else WILDCARD
    for name in table.outputs:
        value = rule.outputs[name]
        if isinstance(value, bool):
            cells[name] = _bool_text(value)
        elif isinstance(value, list):
            cells[name] = ",".join(value)
        else:
            cells[name] = str(value)
    cells[COMMENT] = rule.comment
    return cells


def rule_from_json(
    *,
    table: str,
    row_number: int,
    conditions: Mapping[str, list[str]],
    outputs: Mapping[str, Any],
    comment: str = "",
) -> Rule:
    """Rebuild a rule from its stored form."""
    order = {name: index for index, name in enumerate(next(t for t in TABLES if t.name == table).inputs)}
    items = sorted(
        ((name, frozenset(values)) for name, values in conditions.items()), key=lambda i: order[i[0]]
    )
    return Rule(table, row_number, tuple(items), dict(outputs), comment)


# --- Validation -------------------------------------------------------------------------------------------


def _compatible(a: Rule, b: Rule) -> bool:
    fixed_b = dict(b.conditions)
    return all(name not in fixed_b or values & fixed_b[name] for name, values in a.conditions)


def _example(table: TableDef, rules: Iterable[Rule], domains: Mapping[str, list[str]]) -> dict[str, str]:
    """A concrete context (over this table's inputs) that every rule in `rules` matches."""
    allowed: dict[str, set[str]] = {}
    for rule in rules:
        for name, values in rule.conditions:
            allowed[name] = allowed[name] & values if name in allowed else set(values)
    example = {}
    for name in table.inputs:
        candidates = [v for v in domains.get(name, []) if name not in allowed or v in allowed[name]]
        example[name] = candidates[0] if candidates else sorted(allowed.get(name, {"?"}))[0]
    return example


def _describe(context: Mapping[str, str]) -> str:
    return ", ".join(f"{name}={value}" for name, value in context.items())


def table_ties(table: TableDef, rules: list[Rule], domains: Mapping[str, list[str]]) -> list[RowError]:
    """Pairs of rows that fix as many inputs and can match one context (any context, in or out of domain)."""
    errors = []
    for index, later in enumerate(rules):
        for earlier in rules[:index]:
            if earlier.specificity == later.specificity and _compatible(earlier, later):
                errors.append(
                    RowError(
                        table.name,
                        later.row_number,
                        "",
                        _(
                            "Ties with row %(other)s: both fix %(count)s inputs and both match for example "
                            "%(example)s."
                        )
                        % {
                            "other": earlier.row_number,
                            "count": later.specificity,
                            "example": _describe(_example(table, (earlier, later), domains)),
                        },
                    )
                )
    return errors


def table_gaps(
    table: TableDef, rules: list[Rule], domains: Mapping[str, list[str]]
) -> tuple[int, list[dict]]:
    """Every context of the domain no row matches: (how many, the first few as examples)."""
    names = table.inputs
    count, examples = 0, []
    for values in itertools.product(*(domains[name] for name in names)):
        context = dict(zip(names, values, strict=True))
        if not any(rule.matches(context) for rule in rules):
            count += 1
            if len(examples) < MAX_GAP_EXAMPLES:
                examples.append(context)
    return count, examples


def validate(table_set: TableSet) -> list[RowError]:
    """Return every tie and every gap of a parsed table set (empty list: the set is sound)."""
    errors: list[RowError] = []
    for table in TABLES:
        rules = table_set.rules.get(table.name, [])
        errors.extend(table_ties(table, rules, table_set.domains))
        count, examples = table_gaps(table, rules, table_set.domains)
        if count:
            errors.append(
                RowError(
                    table.name,
                    None,
                    "",
                    _("%(count)s contexts match no row, for example: %(examples)s.")
                    % {"count": count, "examples": "; ".join(_describe(e) for e in examples)},
                )
            )
    return errors


# --- Evaluation -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CompiledRuleSet:
    """The active version ready for evaluation: rules per table sorted most specific first."""

    number: int
    domains: Mapping[str, frozenset[str]]
    tables: Mapping[str, tuple[Rule, ...]]

    @classmethod
    def build(
        cls, *, number: int, domains: Mapping[str, list[str]], rules: Iterable[Rule]
    ) -> CompiledRuleSet:
        per_table: dict[str, list[Rule]] = {table.name: [] for table in TABLES}
        for rule in rules:
            per_table[rule.table].append(rule)
        return cls(
            number=number,
            domains={name: frozenset(values) for name, values in domains.items()},
            tables={
                name: tuple(sorted(rows, key=lambda r: (-r.specificity, r.row_number)))
                for name, rows in per_table.items()
            },
        )


@dataclass(frozen=True)
class TableTrace:
    table: str
    matched: tuple[tuple[int, int], ...]  # (row number, specificity), most specific first
    winner: int | None
    reason: str


def evaluate(
    compiled: CompiledRuleSet, context: Mapping[str, str]
) -> tuple[dict[str, Any], list[TableTrace]]:
    """Return (outputs, explanation) for a normalised context; raise LookupError on a gap or a tie."""
    outputs: dict[str, Any] = {}
    traces: list[TableTrace] = []
    for table in TABLES:
        matched = [rule for rule in compiled.tables[table.name] if rule.matches(context)]
        if not matched:
            raise LookupError(_("No row of the table %(table)s matches.") % {"table": table.name})
        best = matched[0]
        if len(matched) > 1 and matched[1].specificity == best.specificity:
            raise LookupError(
                _("Rows %(row)s and %(other)s of the table %(table)s tie.")
                % {"row": best.row_number, "other": matched[1].row_number, "table": table.name}
            )
        if len(matched) == 1:
            reason = _("Row %(row)s is the only matching row.") % {"row": best.row_number}
        else:
            reason = _(
                "Row %(row)s fixes %(count)s inputs, more than the %(others)s other matching rows."
            ) % {"row": best.row_number, "count": best.specificity, "others": len(matched) - 1}
        outputs.update({k: list(v) if isinstance(v, list) else v for k, v in best.outputs.items()})
        traces.append(
            TableTrace(
                table.name, tuple((r.row_number, r.specificity) for r in matched), best.row_number, reason
            )
        )
    return outputs, traces
