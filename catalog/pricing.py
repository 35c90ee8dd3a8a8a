"""Pricing of a selection: pure functions over the in-memory catalog, Decimal only.

Rounding: every catalog price has two decimals and sums stay exact. A percentage promotion is taken
on the monthly subtotal (basic services + rented equipment + options) and rounded once, to the cent,
half-up (`ROUND_HALF_UP`), per promotion. A monthly price never goes below 0.00. One-time amounts
(fees, bought equipment, equipment one-time charges) are never discounted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from .errors import SelectionInvalidError
from .models import ServiceKind
from .selectors import SaleContext
from .snapshot import CatalogData, OfferView, PromotionView

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal("100")


@dataclass(frozen=True)
class EquipmentChoice:
    code: str
    acquisition: str = "rent"  # rent | buy
    quantity: int = 1


@dataclass(frozen=True)
class Selection:
    """What the customer picked for an offer."""

    offer_code: str
    equipment: tuple[EquipmentChoice, ...] = ()
    option_codes: tuple[str, ...] = ()
    commitment_months: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "offer_code": self.offer_code,
            "equipment": [
                {"code": e.code, "acquisition": e.acquisition, "quantity": e.quantity} for e in self.equipment
            ],
            "options": list(self.option_codes),
            "commitment_months": self.commitment_months,
        }


def selection_validate(*, data: CatalogData, offer: OfferView, selection: Selection) -> None:
    """Check the selection fits the offer; raises SelectionInvalidError with per-field messages."""
    errors: dict[str, list[str]] = {}
    by_code = {item.code: item for item in offer.equipment}
    chosen: set[str] = set()
    for index, choice in enumerate(selection.equipment):
        item = by_code.get(choice.code)
        key = f"equipment.{index}"
        if item is None:
            errors.setdefault(key, []).append(
                _("%(code)s is not equipment of this offer.") % {"code": choice.code}
            )
            continue
        if choice.code in chosen:
            errors.setdefault(key, []).append(_("%(code)s is chosen twice.") % {"code": choice.code})
        chosen.add(choice.code)
        if choice.acquisition not in ("rent", "buy"):
            errors.setdefault(key, []).append(_("Choose rent or buy."))
        elif choice.acquisition == "rent" and not item.allows_rent:
            errors.setdefault(key, []).append(_("%(code)s cannot be rented.") % {"code": choice.code})
        elif choice.acquisition == "buy" and (
            not item.allows_buy or data.services[choice.code].buy_price is None
        ):
            errors.setdefault(key, []).append(_("%(code)s cannot be bought.") % {"code": choice.code})
        if not 1 <= choice.quantity <= item.max_quantity:
            errors.setdefault(key, []).append(
                _("Choose between 1 and %(max)s of %(code)s.")
                % {"max": item.max_quantity, "code": choice.code}
            )
    for domain in sorted({item.domain for item in offer.equipment if item.is_required}):
        required = [item.code for item in offer.equipment if item.domain == domain and item.is_required]
        if not chosen & set(required):
            errors.setdefault("equipment", []).append(
                _("Choose one of %(codes)s for %(domain)s.")
                % {"codes": ", ".join(required), "domain": domain}
            )
    options = {option.code: option for option in offer.options}
    for index, code in enumerate(selection.option_codes):
        option = options.get(code)
        key = f"options.{index}"
        if option is None:
            errors.setdefault(key, []).append(_("%(code)s is not an option of this offer.") % {"code": code})
        elif option.requires_equipment and option.requires_equipment not in chosen:
            errors.setdefault(key, []).append(
                _("%(code)s needs the equipment %(equipment)s.")
                % {"code": code, "equipment": option.requires_equipment}
            )
    if len(set(selection.option_codes)) != len(selection.option_codes):
        errors.setdefault("options", []).append(_("An option is chosen twice."))
    if selection.commitment_months < 0:
        errors.setdefault("commitment_months", []).append(_("The commitment cannot be negative."))
    if errors:
        raise SelectionInvalidError(errors=errors)


def promotion_applies(
    *, promotion: PromotionView, offer: OfferView, context: SaleContext, commitment: int
) -> bool:
    """Whether a promotion's period and conditions match the sale."""
    day = context.day
    return (
        (promotion.offer_code is None or promotion.offer_code == offer.code)
        and promotion.valid_from <= day
        and (promotion.valid_to is None or day <= promotion.valid_to)
        and (not promotion.sale_types or context.sale_type in promotion.sale_types)
        and (not promotion.channels or context.channel in promotion.channels)
        and (not promotion.group_codes or context.group_code in promotion.group_codes)
        and commitment >= promotion.min_commitment_months
    )


def _money(value: Decimal) -> str:
    return str(value.quantize(CENT))


def _line(
    *,
    code: str,
    kind: str,
    label: str,
    quantity: int,
    acquisition: str | None,
    monthly: Decimal,
    one_time: Decimal,
) -> dict[str, Any]:
    return {
        "code": code,
        "kind": kind,
        "label": label,
        "quantity": quantity,
        "acquisition": acquisition,
        "monthly": _money(monthly * quantity),
        "one_time": _money(one_time * quantity),
    }


def selection_price(
    *, data: CatalogData, offer: OfferView, selection: Selection, context: SaleContext
) -> dict:
    """Price a validated selection on `context.day`; returns the frozen snapshot a quote stores.

    The snapshot holds every line, the promotions applied with their period, the monthly price now
    (`monthly_price`), the regular price (`regular_monthly_price`) and the price after the last
    promotion ends (`monthly_price_after_promotions`), plus `periods` month by month.
    """
    day = context.day
    lines: list[dict[str, Any]] = []

    def price_of(code: str) -> tuple[Decimal, Decimal]:
        service = data.services[code]
        price = service.price_on(day)
        if price is None:
            raise SelectionInvalidError(
                errors={
                    "offer_code": [
                        _("%(code)s has no price on %(day)s.") % {"code": code, "day": day.isoformat()}
                    ]
                }
            )
        return price.monthly, price.one_time

    for code in offer.basic_codes:
        monthly, one_time = price_of(code)
        lines.append(
            _line(
                code=code,
                kind=ServiceKind.BASIC,
                label=data.services[code].label,
                quantity=1,
                acquisition=None,
                monthly=monthly,
                one_time=one_time,
            )
        )
    for choice in selection.equipment:
        service = data.services[choice.code]
        monthly, one_time = price_of(choice.code)
        if choice.acquisition == "buy":
            monthly, one_time = ZERO, service.buy_price or ZERO
        lines.append(
            _line(
                code=choice.code,
                kind=ServiceKind.EQUIPMENT,
                label=service.label,
                quantity=choice.quantity,
                acquisition=choice.acquisition,
                monthly=monthly,
                one_time=one_time,
            )
        )
    for code in selection.option_codes:
        monthly, one_time = price_of(code)
        lines.append(
            _line(
                code=code,
                kind=ServiceKind.OPTION,
                label=data.services[code].label,
                quantity=1,
                acquisition=None,
                monthly=monthly,
                one_time=one_time,
            )
        )
    for code in offer.fee_codes:
        service = data.services[code]
        monthly, one_time = price_of(code)
        lines.append(
            _line(
                code=code,
                kind=service.kind,
                label=service.label,
                quantity=1,
                acquisition=None,
                monthly=monthly,
                one_time=one_time,
            )
        )

    subtotal = sum((Decimal(line["monthly"]) for line in lines), ZERO)
    one_time_total = sum((Decimal(line["one_time"]) for line in lines), ZERO)
    applied = []
    for promotion in data.promotions:
        if not promotion_applies(
            promotion=promotion, offer=offer, context=context, commitment=selection.commitment_months
        ):
            continue
        if promotion.amount is not None:
            reduction = promotion.amount
        else:
            reduction = (subtotal * (promotion.percent or ZERO) / HUNDRED).quantize(
                CENT, rounding=ROUND_HALF_UP
            )
        applied.append((promotion, reduction))

    periods = _periods(subtotal=subtotal, applied=applied)
    return {
        "offer": {
            "code": offer.code,
            "name": offer.name,
            "version": offer.version,
            "group_code": offer.group_code,
            "combination_key": offer.combination_key,
        },
        "context": {
            "sale_type": context.sale_type,
            "channel": context.channel,
            "group_code": context.group_code,
            "priced_on": day.isoformat(),
            "commitment_months": selection.commitment_months,
        },
        "lines": lines,
        "promotions": [
            {
                "code": p.code,
                "name": p.name,
                "monthly_reduction": _money(r),
                "kind": "amount" if p.amount is not None else "percent",
                "percent": str(p.percent) if p.percent is not None else None,
                "duration_months": p.duration_months,
            }
            for p, r in applied
        ],
        "regular_monthly_price": _money(subtotal),
        "monthly_price": periods[0]["monthly_price"],
        "monthly_price_after_promotions": periods[-1]["monthly_price"],
        "periods": periods,
        "one_time_total": _money(one_time_total),
    }


def _periods(*, subtotal: Decimal, applied: list[tuple[PromotionView, Decimal]]) -> list[dict[str, Any]]:
    """Split time at every promotion end: months [from, to] and the monthly price in each."""
    ends = sorted({p.duration_months for p, _r in applied if p.duration_months})
    periods = []
    start = 1
    for end in [*ends, None]:
        active = [
            (p, r)
            for p, r in applied
            if p.duration_months is None or (end is not None and p.duration_months >= end)
        ]
        price = max(subtotal - sum((r for _p, r in active), ZERO), ZERO)
        periods.append(
            {
                "from_month": start,
                "to_month": end,
                "monthly_price": _money(price),
                "promotions": [p.code for p, _r in active],
            }
        )
        if end is not None:
            start = end + 1
    return periods


def selection_order_codes(
    *, data: CatalogData, offer: OfferView, selection: Selection
) -> list[dict[str, Any]]:
    """The Pro-Cable service codes that complete an order for a validated selection."""
    rows = [
        {"code": code, "kind": ServiceKind.BASIC.value, "quantity": 1, "acquisition": None}
        for code in offer.basic_codes
    ]
    rows += [
        {
            "code": e.code,
            "kind": ServiceKind.EQUIPMENT.value,
            "quantity": e.quantity,
            "acquisition": e.acquisition,
        }
        for e in selection.equipment
    ]
    rows += [
        {"code": code, "kind": ServiceKind.OPTION.value, "quantity": 1, "acquisition": None}
        for code in selection.option_codes
    ]
    rows += [
        {"code": code, "kind": data.services[code].kind, "quantity": 1, "acquisition": None}
        for code in offer.fee_codes
    ]
    return rows
