"""The shape of the decision tables: which inputs and outputs exist and which table uses which.

See rules/README.md for the design. Input values and output codes are checked against PARAM code
tables (named in `param_table`), never hard-coded here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

InputKind = Literal["code", "bool"]
OutputKind = Literal["choice", "bool", "code", "codes", "int", "amount"]


@dataclass(frozen=True)
class InputDef:
    name: str
    kind: InputKind
    param_table: str = ""
    default: str | None = None


@dataclass(frozen=True)
class OutputDef:
    name: str
    kind: OutputKind
    param_table: str = ""
    choices: tuple[str, ...] = ()
    required: bool = True


@dataclass(frozen=True)
class TableDef:
    name: str
    inputs: tuple[str, ...]
    outputs: tuple[str, ...]
    description: str

    @property
    def columns(self) -> tuple[str, ...]:
        return (*self.inputs, *self.outputs, COMMENT)


COMMENT = "comment"
WILDCARD = "*"
IMMEDIATE_PAYMENT = ("required", "optional", "masked")

INPUTS: dict[str, InputDef] = {
    d.name: d
    for d in (
        InputDef("group_code", "code", "group_code", default="RG"),
        InputDef("sale_type", "code", "sale_type"),
        InputDef("channel", "code", "channel"),
        InputDef("cable_install_mode", "code", "cable_install_mode"),
        InputDef("mobile_install_mode", "code", "mobile_install_mode"),
        InputDef("customer_paid", "bool"),
        InputDef("e_contract", "bool"),
        InputDef("has_active_mvno_line", "bool"),
        InputDef("payment_method", "code", "payment_method"),
    )
}

OUTPUTS: dict[str, OutputDef] = {
    d.name: d
    for d in (
        OutputDef("immediate_payment", "choice", choices=IMMEDIATE_PAYMENT),
        OutputDef("serial_numbers_entered", "bool"),
        OutputDef("letter_codes", "codes", "letter", required=False),
        OutputDef("primary_wo_code", "code", "work_order"),
        OutputDef("secondary_wo_codes", "codes", "work_order", required=False),
        OutputDef("delay_days", "int"),
        OutputDef("contract_wo_code", "code", "work_order", required=False),
        OutputDef("cable_wo_status", "code", "work_order_status"),
        OutputDef("mvno_wo_status", "code", "work_order_status", required=False),
        OutputDef("deposit_service_code", "code", "service", required=False),
        OutputDef("deposit_amount", "amount"),
    )
}

TABLES: tuple[TableDef, ...] = (
    TableDef(
        "payment",
        ("group_code", "sale_type", "channel", "cable_install_mode", "mobile_install_mode", "payment_method"),
        ("immediate_payment",),
        "Whether the immediate payment step is required, optional or hidden.",
    ),
    TableDef(
        "equipment",
        ("channel", "cable_install_mode", "mobile_install_mode"),
        ("serial_numbers_entered",),
        "Whether the seller enters equipment serial numbers during the sale.",
    ),
    TableDef(
        "work_orders",
        ("group_code", "sale_type", "channel", "cable_install_mode", "mobile_install_mode"),
        ("primary_wo_code", "secondary_wo_codes", "delay_days", "contract_wo_code"),
        "The primary and secondary work orders, the delay for the expected date and the contract work order.",
    ),
    TableDef(
        "cable_status",
        ("sale_type", "channel", "cable_install_mode", "customer_paid", "payment_method"),
        ("cable_wo_status",),
        "The status of the cable (TV, Internet, phone) work orders.",
    ),
    TableDef(
        "mvno_status",
        (
            "sale_type",
            "channel",
            "mobile_install_mode",
            "customer_paid",
            "has_active_mvno_line",
            "payment_method",
        ),
        ("mvno_wo_status",),
        "The status of the MVNO (mobile) work orders; empty when there is none.",
    ),
    TableDef(
        "letters",
        ("group_code", "sale_type", "customer_paid", "e_contract", "payment_method"),
        ("letter_codes",),
        "The letters sent to the customer.",
    ),
    TableDef(
        "deposit",
        ("group_code", "sale_type", "customer_paid", "payment_method"),
        ("deposit_service_code", "deposit_amount"),
        "The security deposit service code and amount (empty code and 0 when none).",
    ),
)
TABLES_BY_NAME: dict[str, TableDef] = {table.name: table for table in TABLES}
PARAM_TABLES: tuple[str, ...] = tuple(
    sorted({d.param_table for d in (*INPUTS.values(), *OUTPUTS.values()) if d.param_table})
)
