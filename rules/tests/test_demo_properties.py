"""Property tests: every context the demo sites can produce gets exactly one outcome, always the same."""

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from back import demo_codes
from rules import engine, selectors
from rules.schema import TABLES

pytestmark = pytest.mark.django_db(databases="__all__")

CONTEXTS = st.fixed_dictionaries(
    {
        "group_code": st.sampled_from(sorted(demo_codes.GROUP_CODES)),
        "sale_type": st.sampled_from(demo_codes.SALE_TYPES),
        "channel": st.sampled_from(demo_codes.CHANNELS),
        "cable_install_mode": st.sampled_from(demo_codes.CABLE_INSTALL_MODES),
        "mobile_install_mode": st.sampled_from(demo_codes.MOBILE_INSTALL_MODES),
        "customer_paid": st.booleans(),
        "e_contract": st.booleans(),
        "has_active_mvno_line": st.booleans(),
        "payment_method": st.sampled_from(demo_codes.PAYMENT_METHODS),
    }
)


def _winners(compiled: engine.CompiledRuleSet, context: dict) -> dict[str, list[engine.Rule]]:
    """Per table, the matching rows that fix the most inputs (exactly one means one outcome)."""
    normal = {k: ("true" if v is True else "false" if v is False else v) for k, v in context.items()}
    result = {}
    for table in TABLES:
        matched = [rule for rule in compiled.tables[table.name] if rule.matches(normal)]
        top = max((rule.specificity for rule in matched), default=-1)
        result[table.name] = [rule for rule in matched if rule.specificity == top]
    return result


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(context=CONTEXTS)
def test_every_demo_context_has_exactly_one_winning_row_per_table(demo_rules, context):
    compiled = selectors.ruleset_compiled()

    winners = _winners(compiled, context)

    assert {name: len(rows) for name, rows in winners.items()} == {table.name: 1 for table in TABLES}


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(context=CONTEXTS)
def test_evaluation_is_deterministic_and_follows_the_winning_rows(demo_rules, context):
    first = selectors.rules_evaluate(context=context)
    selectors.ruleset_cache_clear()
    second = selectors.rules_evaluate(context=dict(reversed(list(context.items()))))

    assert first == second
    winners = _winners(selectors.ruleset_compiled(), context)
    assert [trace.winner for trace in first.explanation] == [winners[t.name][0].row_number for t in TABLES]


def test_the_demo_tables_cover_the_whole_demo_context_space(demo_rules):
    compiled = selectors.ruleset_compiled()
    values = [
        sorted(demo_codes.GROUP_CODES),
        demo_codes.SALE_TYPES,
        demo_codes.CHANNELS,
        demo_codes.CABLE_INSTALL_MODES,
        demo_codes.MOBILE_INSTALL_MODES,
        (True, False),
        (True, False),
        (True, False),
        demo_codes.PAYMENT_METHODS,
    ]
    names = [
        "group_code",
        "sale_type",
        "channel",
        "cable_install_mode",
        "mobile_install_mode",
        "customer_paid",
        "e_contract",
        "has_active_mvno_line",
        "payment_method",
    ]

    outcomes = 0
    for combination in itertools.product(*values):
        winners = _winners(compiled, dict(zip(names, combination, strict=True)))
        assert all(len(rows) == 1 for rows in winners.values()), combination
        outcomes += 1

    assert outcomes == 3 * 3 * 7 * 4 * 3 * 2 * 2 * 2 * 3


@pytest.mark.parametrize(
    ("context", "expected"),
    [
        (
            {
                "sale_type": "new",
                "channel": "selfshop",
                "cable_install_mode": "appointment",
                "mobile_install_mode": "none",
                "customer_paid": True,
                "e_contract": True,
                "has_active_mvno_line": False,
                "payment_method": "card",
            },
            {
                "immediate_payment": "required",
                "serial_numbers_entered": False,
                "primary_wo_code": "WOINST",
                "secondary_wo_codes": ["WOACT", "WOEQ"],
                "delay_days": 7,
                "contract_wo_code": "WOCONTRACT",
                "cable_wo_status": "SCHED",
                "mvno_wo_status": "",
                "letter_codes": ["LWELCOME", "LECONTRACT"],
                "deposit_service_code": "",
                "deposit_amount": "0.00",
            },
        ),
        (
            {
                "group_code": "RG",
                "sale_type": "new",
                "channel": "store",
                "cable_install_mode": "none",
                "mobile_install_mode": "none",
                "customer_paid": False,
                "e_contract": False,
                "has_active_mvno_line": False,
                "payment_method": "bill",
            },
            {
                "immediate_payment": "optional",
                "serial_numbers_entered": True,
                "primary_wo_code": "WOACT",
                "secondary_wo_codes": ["WOEQ"],
                "delay_days": 0,
                "contract_wo_code": "WOCONTRACT",
                "cable_wo_status": "PEND",
                "mvno_wo_status": "",
                "letter_codes": ["LWELCOME", "LPAPERCONTRACT", "LDEPOSIT"],
                "deposit_service_code": "DEP100",
                "deposit_amount": "100.00",
            },
        ),
        (
            {
                "group_code": "BUS",
                "sale_type": "upsell",
                "channel": "myshop",
                "cable_install_mode": "shipment",
                "mobile_install_mode": "shipment",
                "customer_paid": False,
                "e_contract": True,
                "has_active_mvno_line": True,
                "payment_method": "pad",
            },
            {
                "immediate_payment": "masked",
                "serial_numbers_entered": False,
                "primary_wo_code": "WOCHG",
                "secondary_wo_codes": ["WOSHIP", "WOMOB"],
                "delay_days": 3,
                "contract_wo_code": "WOCONTRACT",
                "cable_wo_status": "PEND",
                "mvno_wo_status": "SCHED",
                "letter_codes": ["LCHANGE", "LECONTRACT", "LPAD"],
                "deposit_service_code": "",
                "deposit_amount": "0.00",
            },
        ),
    ],
)
def test_sample_sales_get_the_documented_outcome(demo_rules, context, expected):
    evaluation = selectors.rules_evaluate(context=context)

    assert evaluation.outcome == expected
    assert evaluation.version == 1
