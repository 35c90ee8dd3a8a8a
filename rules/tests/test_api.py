import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rules.models import RuleSetVersion

from .conftest import workbook_bytes

pytestmark = pytest.mark.django_db(databases="__all__")

CONTEXT = {
    "sale_type": "new",
    "channel": "selfshop",
    "cable_install_mode": "appointment",
    "mobile_install_mode": "shipment",
    "customer_paid": False,
    "e_contract": True,
    "has_active_mvno_line": False,
    "payment_method": "card",
}


def _upload(client, content: bytes, *, key: str = "k1", name: str = "rules.xlsx"):
    return client.post(
        "/api/v1/rules/load/",
        {"file": SimpleUploadedFile(name, content), "comment": "test"},
        format="multipart",
        HTTP_IDEMPOTENCY_KEY=key,
    )


def test_the_default_web_user_evaluates_a_context_with_its_explanation(api, demo_rules):
    response = api.post("/api/v1/rules/evaluate/", CONTEXT, format="json")

    assert response.status_code == 200
    body = response.json()
    assert body["version"] == 1
    assert body["context"]["group_code"] == "RG"
    assert body["outcome"] == {
        "immediate_payment": "required",
        "serial_numbers_entered": False,
        "primary_wo_code": "WOINST",
        "secondary_wo_codes": ["WOACT", "WOEQ", "WOMOB"],
        "delay_days": 7,
        "contract_wo_code": "WOCONTRACT",
        "cable_wo_status": "HOLD",
        "mvno_wo_status": "HOLD",
        "letter_codes": ["LWELCOME", "LECONTRACT"],
        "deposit_service_code": "",
        "deposit_amount": "0.00",
    }
    cable = next(trace for trace in body["explanation"] if trace["table"] == "cable_status")
    assert cable == {
        "table": "cable_status",
        "matched_rows": [
            {"row": 4, "specificity": 4},
            {"row": 3, "specificity": 1},
            {"row": 2, "specificity": 0},
        ],
        "winning_row": 4,
        "reason": "Row 4 fixes 4 inputs, more than the 2 other matching rows.",
    }


def test_an_unknown_context_value_is_a_problem_with_field_errors(api, demo_rules):
    response = api.post("/api/v1/rules/evaluate/", {**CONTEXT, "channel": "kiosk"}, format="json")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "rules_context_invalid"
    assert response.json()["errors"] == {"channel": ["'kiosk' is not a value the active rules know."]}


def test_evaluation_before_any_load_is_unavailable(api, demo_param):
    response = api.post("/api/v1/rules/evaluate/", CONTEXT, format="json")

    assert response.status_code == 503
    assert response.json()["code"] == "rules_not_loaded"


def test_loading_needs_the_rules_right(api, staff_api, demo_rules, demo_tables):
    content = workbook_bytes(demo_tables)

    as_web_user = _upload(api, content)
    as_agent = _upload(staff_api(rights=["weconfig"], code="agent"), content)

    assert as_web_user.status_code == as_agent.status_code == 403
    assert list(RuleSetVersion.objects.values_list("number", flat=True)) == [1]


def test_a_staff_user_with_the_right_loads_a_version_once_per_key(staff_api, demo_rules, demo_tables):
    client = staff_api(rights=["weconfig", "weconfig.rules"], code="conf")
    content = workbook_bytes(demo_tables)

    first = _upload(client, content, key="load-1")
    replay = _upload(client, content, key="load-1")

    assert first.status_code == replay.status_code == 201
    assert replay["Idempotent-Replayed"] == "true"
    body = first.json()
    assert (
        body["number"],
        body["loaded_by"],
        body["source_filename"],
        body["is_active"],
        body["comment"],
    ) == (2, "staff:conf", "rules.xlsx", True, "test")
    assert list(RuleSetVersion.objects.values_list("number", flat=True)) == [2, 1]


def test_a_refused_file_answers_problem_json_row_errors_and_loads_nothing(staff_api, demo_rules, demo_tables):
    client = staff_api(rights=["weconfig", "weconfig.rules"], code="conf")
    demo_tables["payment"][0]["immediate_payment"] = "sometimes"

    response = _upload(client, workbook_bytes(demo_tables))

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "rules_invalid"
    assert body["row_errors"] == [
        {
            "sheet": "payment",
            "row": 2,
            "column": "immediate_payment",
            "message": "'sometimes' must be one of: required, optional, masked.",
        }
    ]
    assert body["errors"] == {"payment row 2 immediate_payment": [body["row_errors"][0]["message"]]}
    assert list(RuleSetVersion.objects.values_list("number", "is_active")) == [(1, True)]


def test_tables_versions_diff_and_export_are_readable(
    api, staff_api, demo_rules, demo_tables, django_assert_max_num_queries
):
    demo_tables["deposit"][1]["deposit_amount"] = "150"
    _upload(staff_api(rights=["weconfig.rules"], code="conf"), workbook_bytes(demo_tables))

    with django_assert_max_num_queries(4):
        tables = api.get("/api/v1/rules/tables/?version=1").json()
    versions = api.get("/api/v1/rules/versions/").json()
    diff = api.get("/api/v1/rules/versions/1/diff/2/").json()
    export = api.get("/api/v1/rules/export/")

    assert tables["version"]["number"] == 1
    assert {name: len(rows) for name, rows in tables["tables"].items()} == {
        "payment": 6,
        "equipment": 4,
        "work_orders": 18,
        "cable_status": 3,
        "mvno_status": 4,
        "letters": 10,
        "deposit": 2,
    }
    assert tables["tables"]["deposit"][1] == {
        "row": 3,
        "specificity": 4,
        "cells": {
            "group_code": "RG",
            "sale_type": "new",
            "customer_paid": "false",
            "payment_method": "bill",
            "deposit_service_code": "DEP100",
            "deposit_amount": "100.00",
            "comment": "New RG customer on bill, unpaid.",
        },
    }
    assert [(v["number"], v["is_active"], v["loaded_by"]) for v in versions] == [
        (2, True, "staff:conf"),
        (1, False, "demo"),
    ]
    assert [c["after"]["deposit_amount"] for c in diff["tables"]["deposit"]["changed"]] == ["150.00"]
    assert export.status_code == 200
    assert export["Content-Disposition"] == 'attachment; filename="rules-v2.xlsx"'
    assert export.content[:2] == b"PK"


def test_an_unknown_version_is_a_problem_404(api, demo_rules):
    response = api.get("/api/v1/rules/versions/1/diff/9/")

    assert response.status_code == 404
    assert response.json()["code"] == "rules_version_not_found"
