import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from rules import selectors, services
from rules.errors import RuleSetInvalidError
from rules.models import RuleRow, RuleSetVersion

from .conftest import workbook_bytes

pytestmark = pytest.mark.django_db(databases="__all__")


def _state():
    return (RuleSetVersion.objects.count(), RuleRow.objects.count(), selectors.ruleset_active_number())


def _refused(content: bytes, filename: str = "rules.xlsx") -> RuleSetInvalidError:
    with pytest.raises(RuleSetInvalidError) as refused:
        services.ruleset_load(content=content, filename=filename, loaded_by="staff:admin")
    return refused.value


def test_a_valid_workbook_becomes_the_new_active_version(demo_rules, demo_tables):
    demo_tables["deposit"][1]["deposit_amount"] = "150"

    version = services.ruleset_load(
        content=workbook_bytes(demo_tables), filename="v2.xlsx", loaded_by="staff:admin"
    )

    assert (version.number, version.is_active, version.loaded_by, version.source_filename) == (
        2,
        True,
        "staff:admin",
        "v2.xlsx",
    )
    assert list(RuleSetVersion.objects.values_list("number", "is_active")) == [(2, True), (1, False)]


def test_a_file_that_is_not_a_workbook_changes_nothing(demo_rules):
    before = _state()

    error = _refused(b"PK\x03\x04 this is not a workbook")

    assert error.extra["row_errors"] == [
        {"sheet": "", "row": None, "column": "", "message": "The Excel workbook could not be read."}
    ]
    assert _state() == before


def test_a_missing_column_is_reported_and_changes_nothing(demo_rules, demo_tables):
    before = _state()

    error = _refused(workbook_bytes(demo_tables, drop_columns={"letters": "e_contract"}))

    assert error.extra["row_errors"] == [
        {"sheet": "letters", "row": 1, "column": "e_contract", "message": "Missing column."}
    ]
    assert _state() == before


def test_an_unknown_code_is_reported_with_its_sheet_row_and_column(demo_rules, demo_tables):
    demo_tables["work_orders"][2]["secondary_wo_codes"] = "WOACT,WONOPE"
    before = _state()

    error = _refused(workbook_bytes(demo_tables))

    assert error.extra["row_errors"] == [
        {
            "sheet": "work_orders",
            "row": 4,
            "column": "secondary_wo_codes",
            "message": "Unknown code 'WONOPE': it is not an active code of the PARAM table work_order.",
        }
    ]
    assert error.errors == {"work_orders row 4 secondary_wo_codes": [error.extra["row_errors"][0]["message"]]}
    assert _state() == before


def test_two_rows_of_equal_specificity_that_can_both_match_are_a_tie(demo_rules, demo_tables):
    demo_tables["payment"].append(
        {
            "group_code": "*",
            "sale_type": "*",
            "channel": "*",
            "cable_install_mode": "appointment",
            "mobile_install_mode": "*",
            "payment_method": "*",
            "immediate_payment": "required",
        }
    )
    before = _state()

    error = _refused(workbook_bytes(demo_tables))

    assert error.extra["row_errors"] == [
        {
            "sheet": "payment",
            "row": 8,
            "column": "",
            "message": "Ties with row 3: both fix 1 inputs and both match for example group_code=RG, "
            "sale_type=upsell, channel=selfshop, cable_install_mode=appointment, "
            "mobile_install_mode=shipment, payment_method=bill.",
        }
    ]
    assert _state() == before


def test_contexts_no_row_covers_are_listed_as_examples(demo_rules, demo_tables):
    demo_tables["deposit"] = demo_tables["deposit"][1:]  # drop the catch-all row
    before = _state()

    error = _refused(workbook_bytes(demo_tables))

    assert len(error.extra["row_errors"]) == 1
    gap = error.extra["row_errors"][0]
    assert (gap["sheet"], gap["row"], gap["column"]) == ("deposit", None, "")
    assert gap["message"].startswith(
        "53 contexts match no row, for example: group_code=RG, sale_type=new, customer_paid=true, "
        "payment_method=bill; "
    )
    assert _state() == before


def test_the_export_loads_back_as_the_same_rules(demo_rules):
    _version, content = selectors.ruleset_export()

    version = services.ruleset_load(content=content, filename="export.xlsx", loaded_by="staff:admin")

    assert version.number == 2
    diff = selectors.ruleset_diff(a=1, b=2)
    assert all(change == {"added": [], "removed": [], "changed": []} for change in diff.values())


def test_the_diff_lists_rows_added_removed_and_changed(demo_rules, demo_tables):
    demo_tables["deposit"][1]["deposit_amount"] = "150"
    removed = demo_tables["equipment"].pop(3)
    demo_tables["equipment"].append(
        {
            "channel": "door_to_door",
            "cable_install_mode": "delivery,appointment",
            "mobile_install_mode": "*",
            "serial_numbers_entered": "yes",
            "comment": "Agent or technician.",
        }
    )
    services.ruleset_load(content=workbook_bytes(demo_tables), filename="v2.xlsx", loaded_by="staff:admin")

    diff = selectors.ruleset_diff(a=1, b=2)

    assert diff["deposit"]["changed"] == [
        {
            "row_before": 3,
            "row_after": 3,
            "before": {
                "group_code": "RG",
                "sale_type": "new",
                "customer_paid": "false",
                "payment_method": "bill",
                "deposit_service_code": "DEP100",
                "deposit_amount": "100.00",
                "comment": "New RG customer on bill, unpaid.",
            },
            "after": {
                "group_code": "RG",
                "sale_type": "new",
                "customer_paid": "false",
                "payment_method": "bill",
                "deposit_service_code": "DEP100",
                "deposit_amount": "150.00",
                "comment": "New RG customer on bill, unpaid.",
            },
        }
    ]
    assert [row["cells"]["cable_install_mode"] for row in diff["equipment"]["removed"]] == [
        removed["cable_install_mode"]
    ]
    assert [row["cells"]["cable_install_mode"] for row in diff["equipment"]["added"]] == [
        "appointment,delivery"
    ]
    assert diff["letters"] == {"added": [], "removed": [], "changed": []}


def test_a_csv_file_with_a_table_column_loads(demo_rules, demo_tables):
    from rules.schema import TABLES

    columns = ["table", *sorted({c for t in TABLES for c in t.columns})]
    lines = [",".join(columns)]
    for table, rows in demo_tables.items():
        for row in rows:
            lines.append(",".join([table] + [f'"{row.get(c, "")}"' for c in columns[1:]]))
    content = ("\n".join(lines) + "\n").encode()

    version = services.ruleset_load(content=content, filename="rules.csv", loaded_by="command:test")

    assert version.number == 2
    assert all(
        change == {"added": [], "removed": [], "changed": []}
        for change in selectors.ruleset_diff(a=1, b=2).values()
    )


def test_a_new_version_is_used_by_the_next_evaluation(demo_rules, demo_tables):
    context = {
        "sale_type": "new",
        "channel": "store",
        "cable_install_mode": "none",
        "mobile_install_mode": "none",
        "customer_paid": False,
        "e_contract": False,
        "has_active_mvno_line": False,
        "payment_method": "bill",
    }
    assert selectors.rules_evaluate(context=context).outcome["deposit_amount"] == "100.00"
    demo_tables["deposit"][1]["deposit_amount"] = "150"

    services.ruleset_load(content=workbook_bytes(demo_tables), filename="v2.xlsx", loaded_by="staff:admin")

    evaluation = selectors.rules_evaluate(context=context)
    assert (evaluation.version, evaluation.outcome["deposit_amount"]) == (2, "150.00")
    services.ruleset_activate(number=1)
    assert selectors.rules_evaluate(context=context).outcome["deposit_amount"] == "100.00"


def test_the_commands_validate_load_and_export(demo_rules, demo_tables, tmp_path: Path):
    good, bad, out = tmp_path / "good.xlsx", tmp_path / "bad.xlsx", tmp_path / "out.xlsx"
    good.write_bytes(workbook_bytes(demo_tables))
    demo_tables["letters"][0]["letter_codes"] = "LNOPE"
    bad.write_bytes(workbook_bytes(demo_tables))
    stdout = io.StringIO()

    call_command("rules_validate", str(good), stdout=stdout)
    with pytest.raises(CommandError, match=r"letters row 2 letter_codes: Unknown code 'LNOPE'"):
        call_command("rules_validate", str(bad))
    with pytest.raises(CommandError, match=r"letters row 2 letter_codes"):
        call_command("rules_load", str(bad))
    call_command("rules_load", str(good), "--by", "ops", stdout=stdout)
    call_command("rules_export", str(out), stdout=stdout)

    assert stdout.getvalue().splitlines() == [
        "good.xlsx is valid: 47 rows, no tie, no gap.",
        "Loaded good.xlsx as version 2 (active).",
        f"Version 2 written to {out}.",
    ]
    assert RuleSetVersion.objects.get(number=2).loaded_by == "ops"
    assert out.read_bytes()[:2] == b"PK"
