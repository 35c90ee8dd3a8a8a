"""Demo RULES: decision tables covering every context the demo sites can produce.

Codes come from back/demo_codes.py through PARAM (seeded before this app). Cells use the file
syntax: "*" (or empty) for any value, "a,b" for any of several values, "true"/"false" for flags.
"""

from __future__ import annotations

from typing import Any

from . import selectors, services

UPSELL = "upsell,cross_sell"
MOBILE = "shipment,delivery"
WO = "WOCONTRACT"


def _rows(columns: str, *rows: tuple[Any, ...]) -> list[dict[str, Any]]:
    names = columns.split()
    return [dict(zip(names, row, strict=True)) for row in rows]


# fmt: off
DEMO_TABLES: dict[str, list[dict[str, Any]]] = {
    "payment": _rows(
        "group_code sale_type channel cable_install_mode mobile_install_mode payment_method "
        "immediate_payment comment",
        ("*", "*", "*", "*", "*", "*", "optional", "Pay now or on the first bill."),
        ("*", UPSELL, "*", "*", "*", "*", "masked", "Existing customers: charges go on the next bill."),
        ("*", "new", "selfshop", "*", "*", "card", "required", "Online card payers pay fees now."),
        ("*", "new", "store", "*", "*", "card", "required", "Store card payers pay at the counter."),
        ("EMP", "new", "*", "*", "*", "*", "masked", "Employees are billed through payroll."),
        ("RG,BUS", "new", "door_to_door", "*", "*", "*", "masked", "Door-to-door agents take no payment."),
    ),
    "equipment": _rows(
        "channel cable_install_mode mobile_install_mode serial_numbers_entered comment",
        ("*", "*", "*", "false", "Equipment is assigned later by the warehouse or the technician."),
        ("store", "*", "*", "true", "The customer leaves the store with the equipment."),
        ("store", "shipment", "shipment,none", "false", "Shipped from the warehouse, nothing handed over."),
        ("door_to_door", "delivery", "*", "true", "The agent hands the equipment over."),
    ),
    "work_orders": _rows(
        "group_code sale_type channel cable_install_mode mobile_install_mode "
        "primary_wo_code secondary_wo_codes delay_days contract_wo_code comment",
        ("*", "new", "*", "appointment", "none", "WOINST", "WOACT,WOEQ", 7, WO, "Technician installs."),
        ("*", "new", "*", "appointment", MOBILE, "WOINST", "WOACT,WOEQ,WOMOB", 7, WO, ""),
        ("*", "new", "*", "shipment", "none", "WOSHIP", "WOACT", 3, WO, "Self-installation kit shipped."),
        ("*", "new", "*", "shipment", MOBILE, "WOSHIP", "WOACT,WOMOB", 3, WO, ""),
        ("*", "new", "*", "delivery", "none", "WODELIV", "WOACT,WOEQ", 2, WO, "Courier delivery."),
        ("*", "new", "*", "delivery", MOBILE, "WODELIV", "WOACT,WOEQ,WOMOB", 2, WO, ""),
        ("*", "new", "*", "none", "shipment", "WOMOB", "WOSHIP", 3, WO, "Mobile only: SIM shipped."),
        ("*", "new", "*", "none", "delivery", "WOMOB", "WODELIV", 2, WO, "Mobile only: SIM delivered."),
        ("*", "new", "*", "none", "none", "WOACT", "", 0, WO, "Nothing to install."),
        ("*", "new", "store", "none", "none", "WOACT", "WOEQ", 0, WO, "Equipment taken away from the store."),
        ("*", UPSELL, "*", "appointment", "none", "WOCHG", "WOINST", 7, WO, ""),
        ("*", UPSELL, "*", "appointment", MOBILE, "WOCHG", "WOINST,WOMOB", 7, WO, ""),
        ("*", UPSELL, "*", "shipment", "none", "WOCHG", "WOSHIP", 3, WO, ""),
        ("*", UPSELL, "*", "shipment", MOBILE, "WOCHG", "WOSHIP,WOMOB", 3, WO, ""),
        ("*", UPSELL, "*", "delivery", "none", "WOCHG", "WODELIV", 2, WO, ""),
        ("*", UPSELL, "*", "delivery", MOBILE, "WOCHG", "WODELIV,WOMOB", 2, WO, ""),
        ("*", UPSELL, "*", "none", MOBILE, "WOCHG", "WOMOB", 3, WO, "Mobile line added."),
        ("*", UPSELL, "*", "none", "none", "WOCHG", "", 1, WO, "Change of services only."),
    ),
    "cable_status": _rows(
        "sale_type channel cable_install_mode customer_paid payment_method cable_wo_status comment",
        ("*", "*", "*", "*", "*", "PEND", ""),
        ("*", "*", "appointment", "*", "*", "SCHED", "The appointment is booked during the sale."),
        ("new", "selfshop,store", "*", "false", "card", "HOLD", "Held until the required payment arrives."),
    ),
    "mvno_status": _rows(
        "sale_type channel mobile_install_mode customer_paid has_active_mvno_line payment_method "
        "mvno_wo_status comment",
        ("*", "*", "none", "*", "*", "*", "", "No mobile work order."),
        ("*", "*", MOBILE, "*", "false", "*", "PEND", "The MVNO account is opened first."),
        ("*", "*", MOBILE, "*", "true", "*", "SCHED", "The MVNO account already exists."),
        ("new", "selfshop,store", MOBILE, "false", "*", "card", "HOLD", "Held until the required payment."),
    ),
    "letters": _rows(
        "group_code sale_type customer_paid e_contract payment_method letter_codes comment",
        ("*", "new", "*", "true", "*", "LWELCOME,LECONTRACT", ""),
        ("*", "new", "*", "false", "*", "LWELCOME,LPAPERCONTRACT", ""),
        ("*", "new", "*", "true", "pad", "LWELCOME,LECONTRACT,LPAD", ""),
        ("*", "new", "*", "false", "pad", "LWELCOME,LPAPERCONTRACT,LPAD", ""),
        ("RG", "new", "false", "true", "bill", "LWELCOME,LECONTRACT,LDEPOSIT", "As the deposit."),
        ("RG", "new", "false", "false", "bill", "LWELCOME,LPAPERCONTRACT,LDEPOSIT", "As the deposit."),
        ("*", UPSELL, "*", "true", "*", "LCHANGE,LECONTRACT", ""),
        ("*", UPSELL, "*", "false", "*", "LCHANGE,LPAPERCONTRACT", ""),
        ("*", UPSELL, "*", "true", "pad", "LCHANGE,LECONTRACT,LPAD", ""),
        ("*", UPSELL, "*", "false", "pad", "LCHANGE,LPAPERCONTRACT,LPAD", ""),
    ),
    "deposit": _rows(
        "group_code sale_type customer_paid payment_method deposit_service_code deposit_amount comment",
        ("*", "*", "*", "*", "", "0", "No deposit."),
        ("RG", "new", "false", "bill", "DEP100", "100.00", "New RG customer on bill, unpaid."),
    ),
}
# fmt: on


def _content(rules: list) -> list[tuple]:
    return sorted(
        (r.table, r.row_number, sorted(r.conditions_json().items()), sorted(r.outputs.items()), r.comment)
        for r in rules
    )


def seed(*, seed: int, customers: int, addresses: int, stdout) -> None:
    """Idempotent: loads the demo tables as a new version unless the active version already holds them."""
    raw = services.raw_from_cells(DEMO_TABLES)
    table_set = services.ruleset_parse(raw=raw)
    if table_set.errors:
        raise RuntimeError("; ".join(f"{e.location}: {e.message}" for e in table_set.errors))
    wanted = _content([rule for rules in table_set.rules.values() for rule in rules])
    number = selectors.ruleset_active_number()
    if number is not None:
        version = selectors.ruleset_version_get(number=number)
        if _content(selectors._rules_of(version)) == wanted and version.domains == table_set.domains:
            stdout.write(f"rules: version {number} already holds the demo tables")
            return
    version = services.ruleset_load_rows(raw=raw, source_filename="rules/demo.py", loaded_by="demo")
    stdout.write(f"rules: version {version.number}, {sum(len(rows) for rows in DEMO_TABLES.values())} rows")
