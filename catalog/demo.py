"""The demo operator's catalog, built from back/demo_codes.py (the codes the embedded Pro-Cable holds).

It is loaded through `catalog_load`, the same all-or-nothing path as an operator's workbook, so a
second run leaves the same data (offers keep their version when their content did not change).
Services come straight from demo_codes so this seeder does not depend on the Pro-Cable seeder; a
test checks that importing them through the gateway gives the same services and prices.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from back import demo_codes

PRICES_FROM = date(2026, 1, 1)
# As in the embedded Pro-Cable: basic services and options cost 10 % less before 2026.
OLD_PRICES_FROM, OLD_PRICES_TO = date(2023, 1, 1), date(2025, 12, 31)
DOMAIN_ORDER = ("TV", "INT", "TEL", "MOB")

# Basic-service combinations sold to regular customers and employees.
RESIDENTIAL_COMBINATIONS = (
    "TVBAS",
    "TVPLUS",
    "INT100",
    "INT500",
    "INT1G",
    "TELRES",
    "MOB10",
    "MOBUNL",
    "TVBAS+INT100",
    "TVPLUS+INT100",
    "TVBAS+INT500",
    "TVPLUS+INT500",
    "TVPLUS+INT1G",
    "INT100+TELRES",
    "INT500+TELRES",
    "INT100+MOB10",
    "INT500+MOB10",
    "INT1G+MOBUNL",
    "TVBAS+INT100+TELRES",
    "TVPLUS+INT500+TELRES",
    "TVPLUS+INT1G+TELRES",
    "TVPLUS+INT500+MOBUNL",
)
# Business customers: Internet and phone; INT1G+TELRES+MOBUNL is sold to businesses only.
BUSINESS_COMBINATIONS = ("INT100", "INT500", "INT1G", "INT500+TELRES", "INT1G+TELRES", "INT1G+TELRES+MOBUNL")
GROUP_COMBINATIONS = {
    "RG": RESIDENTIAL_COMBINATIONS,
    "EMP": RESIDENTIAL_COMBINATIONS,
    "BUS": BUSINESS_COMBINATIONS,
}

# Equipment per domain: (code, required, rent, buy, max quantity).
EQUIPMENT = {
    "TV": (("TERMHD", True, True, True, 3), ("TERM4K", True, True, True, 3)),
    "INT": (("MODEM", True, True, True, 1), ("GWWIFI6", True, True, True, 1)),
    "TEL": (("PHONEADPT", True, True, True, 1),),
    "MOB": (("SIM", True, False, True, 1),),
}
# Internet 1 Gbps needs the Wi-Fi 6 gateway.
EQUIPMENT_EXCLUDED = {"INT1G": {"MODEM"}}
# Options per domain: (code, required equipment).
OPTIONS = {
    "TV": (("TVSPORT", None), ("TVCINE", None), ("TVPVR", "TERM4K")),
    "INT": (("INTSECU", None), ("INTIPFIX", None)),
    "TEL": (("TELVM", None), ("TELINTL", None)),
    "MOB": (("MOBROAM", None),),
}


def offer_code(group_code: str, key: str) -> str:
    """The demo naming of an offer: group and basic services, e.g. RG_INT500_TVBAS."""
    return f"{group_code}_{key.replace('+', '_')}"


def _key(combination: str) -> str:
    return "+".join(sorted(combination.split("+")))


def document() -> dict[str, list[dict[str, Any]]]:
    """The demo catalog as a workbook document (sheet → rows)."""
    services = {s.code: s for s in demo_codes.SERVICES}
    doc: dict[str, list[dict[str, Any]]] = {
        sheet: []
        for sheet in (
            "services",
            "prices",
            "offers",
            "offer_equipment",
            "offer_options",
            "offer_fees",
            "promotions",
            "restrictions",
            "change_paths",
        )
    }
    for s in demo_codes.SERVICES:
        doc["services"].append(
            {
                "code": s.code,
                "domain": s.domain,
                "kind": s.kind,
                "label_en": s.label_en,
                "label_fr": s.label_fr,
                "buy_price": s.buy_price,
                "is_active": True,
            }
        )
        if s.kind in ("basic", "option"):
            old_price = (s.monthly * Decimal("0.9")).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            doc["prices"].append(
                {
                    "service_code": s.code,
                    "monthly_price": old_price,
                    "one_time_price": s.one_time,
                    "valid_from": OLD_PRICES_FROM,
                    "valid_to": OLD_PRICES_TO,
                }
            )
        doc["prices"].append(
            {
                "service_code": s.code,
                "monthly_price": s.monthly,
                "one_time_price": s.one_time,
                "valid_from": PRICES_FROM,
                "valid_to": None,
            }
        )
    sort_order = 0
    keys_by_group: dict[str, list[str]] = {}
    for group_code, combinations in GROUP_COMBINATIONS.items():
        for combination in combinations:
            sort_order += 10
            codes = sorted(combination.split("+"), key=lambda c: (DOMAIN_ORDER.index(services[c].domain), c))
            key = _key(combination)
            keys_by_group.setdefault(group_code, []).append(key)
            code = offer_code(group_code, key)
            domains = {services[c].domain for c in codes}
            doc["offers"].append(
                {
                    "code": code,
                    "group_code": group_code,
                    "basic_services": " ".join(codes),
                    "name_en": " + ".join(services[c].label_en for c in codes),
                    "name_fr": " + ".join(services[c].label_fr for c in codes),
                    "valid_from": PRICES_FROM,
                    "valid_to": None,
                    "sort_order": sort_order,
                    "is_active": True,
                }
            )
            excluded = set().union(*(EQUIPMENT_EXCLUDED.get(c, set()) for c in codes))
            for domain in DOMAIN_ORDER:
                if domain not in domains:
                    continue
                for item, required, rent, buy, quantity in EQUIPMENT[domain]:
                    if item in excluded:
                        continue
                    doc["offer_equipment"].append(
                        {
                            "offer_code": code,
                            "service_code": item,
                            "is_required": required,
                            "allows_rent": rent,
                            "allows_buy": buy,
                            "max_quantity": quantity,
                        }
                    )
                for option, needs in OPTIONS[domain]:
                    doc["offer_options"].append(
                        {"offer_code": code, "service_code": option, "requires_equipment": needs}
                    )
            if domains & {"TV", "INT", "TEL"}:
                doc["offer_fees"].append({"offer_code": code, "service_code": "FEEACT"})
            if "INT1G" in codes:
                doc["restrictions"].append(
                    {"offer_code": code, "criterion": "technology", "effect": "only", "values": "FTTH"}
                )
            if group_code == "BUS":
                doc["restrictions"].append(
                    {"offer_code": code, "criterion": "channel", "effect": "except", "values": "selfshop"}
                )
    for group_code, keys in keys_by_group.items():
        for source in keys:
            for target in keys:
                kind = _change_kind(source, target, services)
                if kind:
                    doc["change_paths"].append(
                        {
                            "from_offer": offer_code(group_code, source),
                            "to_offer": offer_code(group_code, target),
                            "kind": kind,
                        }
                    )
    doc["promotions"] = [
        {
            "code": "WELCOME10",
            "name_en": "Welcome: $10 off per month for 12 months",
            "name_fr": "Bienvenue : 10 $ de rabais par mois pendant 12 mois",
            "offer_code": None,
            "valid_from": PRICES_FROM,
            "valid_to": None,
            "sale_types": "new",
            "channels": "selfshop",
            "group_codes": "RG",
            "min_commitment_months": 0,
            "amount": "10.00",
            "percent": None,
            "duration_months": 12,
        },
        {
            "code": "EMP25",
            "name_en": "Employee discount 25%",
            "name_fr": "Rabais employé 25 %",
            "offer_code": None,
            "valid_from": PRICES_FROM,
            "valid_to": None,
            "sale_types": "",
            "channels": "",
            "group_codes": "EMP",
            "min_commitment_months": 0,
            "amount": None,
            "percent": "25.00",
            "duration_months": None,
        },
        {
            "code": "TRIPLE24",
            "name_en": "Triple play: $15 off per month for 24 months with a 24-month commitment",
            "name_fr": "Trio : 15 $ de rabais par mois pendant 24 mois avec engagement de 24 mois",
            "offer_code": offer_code("RG", _key("TVPLUS+INT1G+TELRES")),
            "valid_from": PRICES_FROM,
            "valid_to": None,
            "sale_types": "new",
            "channels": "",
            "group_codes": "",
            "min_commitment_months": 24,
            "amount": "15.00",
            "percent": None,
            "duration_months": 24,
        },
        {
            "code": "UPGRADE5",
            "name_en": "Upgrade: $5 off per month for 6 months",
            "name_fr": "Passage supérieur : 5 $ de rabais par mois pendant 6 mois",
            "offer_code": None,
            "valid_from": PRICES_FROM,
            "valid_to": None,
            "sale_types": "upsell cross_sell",
            "channels": "myshop",
            "group_codes": "RG",
            "min_commitment_months": 0,
            "amount": "5.00",
            "percent": None,
            "duration_months": 6,
        },
    ]
    return doc


def _change_kind(source: str, target: str, services: dict) -> str | None:
    """Upsell: same domains, one service replaced by a dearer one. Cross-sell: the same plus one domain."""
    a, b = set(source.split("+")), set(target.split("+"))
    domains_a = {services[c].domain for c in a}
    domains_b = {services[c].domain for c in b}
    if a < b and len(b - a) == 1 and domains_b - domains_a:
        return "cross_sell"
    if domains_a == domains_b and len(a - b) == 1 and len(b - a) == 1:
        (old,), (new,) = a - b, b - a
        if services[new].monthly > services[old].monthly:
            return "upsell"
    return None


def seed(*, seed: int, customers: int, addresses: int, stdout) -> None:
    """Load the demo catalog (idempotent: the same document gives the same catalog)."""
    from .services import catalog_load

    report = catalog_load(raw=document())
    stdout.write(
        f"catalog: {report.counts['services']} services, {report.counts['offers']} offers, "
        f"{report.counts['change_paths']} change paths, {report.counts['promotions']} promotions"
    )
