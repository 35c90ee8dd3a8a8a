"""Reads of the CATALOG: eligibility, offers, equipment, options, rates, order codes, changes.

Eligibility follows the operator's rule: by default every offer is available to every request;
restrictions then narrow it. Each excluded offer comes with the reasons, readable by staff.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import procable
from .errors import AddressNotFoundError, CustomerNotFoundError, OfferNotFoundError, QuoteNotFoundError
from .models import Criterion, Effect, Quote
from .snapshot import (
    CatalogData,
    OfferView,
    ServiceView,
    catalog_data,
    catalog_data_and_cached,
    combination_key,
)

DEFAULT_GROUP_CODE = "RG"
OFFERS_CACHE_SECONDS = 600
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class SaleContext:
    """Who is buying, how and when: the non-geographic eligibility facts."""

    sale_type: str = "new"
    channel: str = "selfshop"
    group_code: str = DEFAULT_GROUP_CODE
    on: date | None = None

    @property
    def day(self) -> date:
        return self.on or timezone.localdate()


@dataclass(frozen=True)
class AddressFacts:
    """What Pro-Cable says is available at an address."""

    address_id: int
    city_code: str
    zone_code: str
    serviceable: bool
    domains: frozenset[str]
    technologies: frozenset[str]


@dataclass(frozen=True)
class Exclusion:
    code: str
    message: str


ADDRESS_CACHE_SECONDS = 60


def address_facts(*, address_id: int) -> AddressFacts:
    """Read an address's eligibility facts from Pro-Cable; raises AddressNotFoundError.

    Kept ADDRESS_CACHE_SECONDS in the cache: network data at an address changes rarely, and a sale
    re-reads the address when the order is submitted to Pro-Cable.
    """
    key = _address_cache_key(address_id)
    return _address_facts_or_read(address_id, key, cache.get(key))


def _address_cache_key(address_id: int) -> str:
    return f"catalog:address:{address_id}"


def _address_facts_or_read(address_id: int, key: str, facts: AddressFacts | None) -> AddressFacts:
    if facts is None:
        facts = _address_facts_read(address_id)
        cache.set(key, facts, ADDRESS_CACHE_SECONDS)
    return facts


def _address_facts_read(address_id: int) -> AddressFacts:
    try:
        record = procable.gateway().address_get(address_id)
    except procable.not_found_errors() as exc:
        raise AddressNotFoundError() from exc
    return AddressFacts(
        address_id=record.id,
        city_code=record.city_code or "",
        zone_code=record.zone_code or "",
        serviceable=bool(record.serviceable),
        domains=frozenset(record.domains),
        technologies=frozenset(record.technologies),
    )


def _listing(values: frozenset[str] | set[str]) -> str:
    return ", ".join(sorted(values)) or "-"


def _restriction_fact(criterion: str, address: AddressFacts | None, context: SaleContext) -> object:
    match criterion:
        case Criterion.DOMAIN:
            return address.domains if address else None
        case Criterion.TECHNOLOGY:
            return address.technologies if address else None
        case Criterion.CITY:
            return address.city_code if address else None
        case Criterion.ZONE:
            return address.zone_code if address else None
        case Criterion.SALE_TYPE:
            return context.sale_type
        case Criterion.CHANNEL:
            return context.channel
        case Criterion.GROUP_CODE:
            return context.group_code
    return None


def offer_exclusions(
    *, offer: OfferView, address: AddressFacts | None, context: SaleContext
) -> list[Exclusion]:
    """Every reason `offer` is not available for this request (empty list: available).

    Without an address ("offers in every area") the geographic criteria are not checked.
    """
    reasons: list[Exclusion] = []
    day = context.day
    if not offer.is_on_sale(day):
        reasons.append(
            Exclusion("not_on_sale", _("This offer is not on sale on %(day)s.") % {"day": day.isoformat()})
        )
    if offer.group_code != context.group_code:
        reasons.append(
            Exclusion(
                "group_code",
                _("This offer is for customer group %(offer)s; the request is for group %(request)s.")
                % {"offer": offer.group_code, "request": context.group_code},
            )
        )
    if address is not None:
        if not address.serviceable:
            reasons.append(Exclusion("address_not_serviceable", _("The address is not serviceable.")))
        missing = offer.domains - address.domains
        if missing:
            reasons.append(
                Exclusion(
                    "domain_unavailable",
                    _("Not available at the address: %(missing)s (available: %(available)s).")
                    % {"missing": _listing(missing), "available": _listing(address.domains)},
                )
            )
    for restriction in offer.restrictions:
        fact = _restriction_fact(restriction.criterion, address, context)
        if fact is None:
            continue
        if isinstance(fact, frozenset):
            matches = bool(fact & restriction.values)
            shown = _listing(fact)
        else:
            matches = fact in restriction.values
            shown = str(fact) or "-"
        if matches == (restriction.effect == Effect.ONLY):
            continue
        label = str(Criterion(restriction.criterion).label)
        if restriction.effect == Effect.ONLY:
            message = _("Sold only when the %(criterion)s is one of %(values)s (here: %(fact)s).")
        else:
            message = _("Not sold when the %(criterion)s is one of %(values)s (here: %(fact)s).")
        reasons.append(
            Exclusion(
                f"restriction_{restriction.criterion}",
                message % {"criterion": label, "values": _listing(restriction.values), "fact": shown},
            )
        )
    return reasons


def offer_monthly_price(*, data: CatalogData, offer: OfferView, day: date) -> Decimal:
    """The offer's regular monthly price: the sum of its basic services' prices on `day`."""
    total = ZERO
    for code in offer.basic_codes:
        price = data.services[code].price_on(day) if code in data.services else None
        total += price.monthly if price else ZERO
    return total


def _service_brief(service: ServiceView | None, code: str) -> dict[str, Any]:
    return {
        "code": code,
        "label": service.label if service else code,
        "domain": service.domain if service else "",
    }


def offer_summary(*, data: CatalogData, offer: OfferView, day: date) -> dict[str, Any]:
    """The public description of an offer (what a listing shows)."""
    return {
        "code": offer.code,
        "name": offer.name,
        "group_code": offer.group_code,
        "combination_key": offer.combination_key,
        "domains": sorted(offer.domains),
        "version": offer.version,
        "basic_services": [_service_brief(data.services.get(code), code) for code in offer.basic_codes],
        "monthly_price": str(offer_monthly_price(data=data, offer=offer, day=day)),
    }


# Offer lists computed or read by this process, by the key of their shared-cache entry. The key holds
# the catalog revision token and every fact the list depends on, so an entry is never stale: a catalog
# change issues a new token (see catalog.snapshot), and the lists of the old one are dropped.
_offers_memo: dict[str, dict[str, Any]] = {}
_offers_memo_token: list[str | None] = [None]
OFFERS_MEMO_SIZE = 1024


def _offers_memo_put(token: str, key: str, result: dict[str, Any]) -> None:
    if _offers_memo_token[0] != token or len(_offers_memo) >= OFFERS_MEMO_SIZE:
        _offers_memo.clear()
        _offers_memo_token[0] = token
    _offers_memo[key] = result


def offer_list_eligible(
    *, address_id: int | None, context: SaleContext, include_excluded: bool = False
) -> dict[str, Any]:
    """Offers available for a request at an address (or in every area when `address_id` is None).

    Returns {"offers": [...], "excluded": [{offer, reasons}]} (`excluded` only when asked). Results
    are cached per eligibility facts (zone, city, domains, technologies, group, channel, sale type,
    day, language) and catalog revision, so every address of a zone with the same services shares one
    entry; the answer is shared with other calls and must not be modified. The revision token and the
    address's facts come in one cache round trip. Raises AddressNotFoundError.
    """
    address_key = _address_cache_key(address_id) if address_id is not None else None
    data, found = catalog_data_and_cached([address_key] if address_key else [])
    address = None
    if address_id is not None and address_key is not None:
        address = _address_facts_or_read(address_id, address_key, found.get(address_key))
    key = None
    if data.token is not None:
        geo = (
            (
                address.zone_code,
                address.city_code,
                address.serviceable,
                _listing(address.domains),
                _listing(address.technologies),
            )
            if address
            else ("*",)
        )
        facts = (
            data.token,
            get_language(),
            context.day.isoformat(),
            context.group_code,
            context.channel,
            context.sale_type,
            *geo,
        )
        key = "catalog:offers:" + "|".join(str(part) for part in facts)
        cached = _offers_memo.get(key)
        if cached is None:
            cached = cache.get(key)
            if cached is not None:
                _offers_memo_put(data.token, key, cached)
        if cached is not None:
            return _with_excluded(cached, include_excluded)
    eligible: list[dict[str, Any]] = []
    excluded: list[dict[str, Any]] = []
    day = context.day
    for offer in data.offers.values():
        reasons = offer_exclusions(offer=offer, address=address, context=context)
        summary = offer_summary(data=data, offer=offer, day=day)
        if reasons:
            excluded.append(
                {"offer": summary, "reasons": [{"code": r.code, "message": r.message} for r in reasons]}
            )
        else:
            eligible.append(summary)
    result = {"offers": eligible, "excluded": excluded}
    if key is not None and data.token is not None:
        cache.set(key, result, OFFERS_CACHE_SECONDS)
        _offers_memo_put(data.token, key, result)
    return _with_excluded(result, include_excluded)


def _with_excluded(result: dict[str, Any], include_excluded: bool) -> dict[str, Any]:
    return result if include_excluded else {"offers": result["offers"]}


def offer_get(*, code: str, data: CatalogData | None = None) -> OfferView:
    """Return an active offer by code; raises OfferNotFoundError."""
    data = data or catalog_data()
    offer = data.offers.get(code)
    if offer is None:
        raise OfferNotFoundError()
    return offer


def offer_detail(*, code: str, on: date | None = None) -> dict[str, Any]:
    """An offer with its equipment, options, fees and change paths."""
    data = catalog_data()
    offer = offer_get(code=code, data=data)
    day = on or timezone.localdate()
    return {
        **offer_summary(data=data, offer=offer, day=day),
        "valid_from": offer.valid_from,
        "valid_to": offer.valid_to,
        "equipment": offer_equipment_list(code=code, on=day, data=data),
        "options": offer_option_list(code=code, equipment_codes=None, on=day, data=data)["options"],
        "fees": [_rate(data.services[c], day) for c in offer.fee_codes if c in data.services],
        "change_paths": [{"to_offer": to_code, "kind": kind} for to_code, kind in offer.paths],
    }


def _rate(service: ServiceView, day: date) -> dict[str, Any]:
    price = service.price_on(day)
    return {
        "code": service.code,
        "domain": service.domain,
        "kind": service.kind,
        "label": service.label,
        "monthly_price": str(price.monthly) if price else None,
        "one_time_price": str(price.one_time) if price else None,
        "buy_price": str(service.buy_price) if service.buy_price is not None else None,
    }


def offer_equipment_list(*, code: str, on: date | None = None, data: CatalogData | None = None) -> list[dict]:
    """The equipment an offer lets the customer choose, with rent / buy prices, by domain."""
    data = data or catalog_data()
    offer = offer_get(code=code, data=data)
    day = on or timezone.localdate()
    rows = []
    for item in offer.equipment:
        service = data.services.get(item.code)
        if service is None:
            continue
        rows.append(
            {
                **_rate(service, day),
                "is_required": item.is_required,
                "allows_rent": item.allows_rent,
                "allows_buy": item.allows_buy,
                "max_quantity": item.max_quantity,
            }
        )
    return rows


def offer_option_list(
    *, code: str, equipment_codes: list[str] | None, on: date | None = None, data: CatalogData | None = None
) -> dict[str, list[dict]]:
    """Options of an offer for the chosen equipment.

    With `equipment_codes=None` every option is listed with what it requires; otherwise options
    needing equipment that is not chosen go to `unavailable` with the reason.
    """
    data = data or catalog_data()
    offer = offer_get(code=code, data=data)
    day = on or timezone.localdate()
    chosen = set(equipment_codes or ())
    available: list[dict] = []
    unavailable: list[dict] = []
    for option in offer.options:
        service = data.services.get(option.code)
        if service is None:
            continue
        row = {**_rate(service, day), "requires_equipment": option.requires_equipment}
        if (
            equipment_codes is None
            or option.requires_equipment is None
            or option.requires_equipment in chosen
        ):
            available.append(row)
        else:
            row["reason"] = _("This option needs the equipment %(code)s.") % {
                "code": option.requires_equipment
            }
            unavailable.append(row)
    return {"options": available, "unavailable": unavailable}


def service_rate_list(
    *, domain: str | None = None, kind: str | None = None, on: date | None = None
) -> list[dict[str, Any]]:
    """Every imported service with its price in force on `on` (today by default)."""
    data = catalog_data()
    day = on or timezone.localdate()
    return [
        _rate(service, day)
        for service in data.services.values()
        if (domain is None or service.domain == domain) and (kind is None or service.kind == kind)
    ]


def quote_get(*, quote_id: Any) -> Quote:
    """Return a stored quote; raises QuoteNotFoundError."""
    quote = Quote.objects.using("catalog").filter(pk=quote_id).first()
    if quote is None:
        raise QuoteNotFoundError()
    return quote


# --- Customers: reverse lookup and change targets --------------------------------------------------------


def _customer(number: str) -> tuple[Any, list[Any]]:
    gateway = procable.gateway()
    try:
        return gateway.customer_get(number), list(gateway.customer_services(number))
    except procable.not_found_errors() as exc:
        raise CustomerNotFoundError() from exc


def offer_for_services(
    *, group_code: str, basic_codes: object, data: CatalogData | None = None
) -> OfferView | None:
    """Reverse lookup: the active offer whose basic services are exactly `basic_codes`, or None."""
    data = data or catalog_data()
    code = data.offers_by_key.get((group_code, combination_key(basic_codes)))
    return data.offers.get(code) if code else None


def customer_current_offer(*, customer_number: str) -> dict[str, Any]:
    """Which offer a customer's current basic services correspond to.

    `offer` is None when no offer matches: the customer cannot use MyShop (and WeShop cannot sell
    them an upsell or a cross-sell) until the catalog has that combination.
    """
    customer, subscribed = _customer(customer_number)
    basic = sorted({s.service_code for s in subscribed if s.kind == "basic"})
    data = catalog_data()
    group_code = customer.group_code or DEFAULT_GROUP_CODE
    offer = offer_for_services(group_code=group_code, basic_codes=basic, data=data)
    day = timezone.localdate()
    return {
        "customer_number": customer_number,
        "group_code": group_code,
        "basic_services": basic,
        "combination_key": combination_key(basic),
        "offer": offer_summary(data=data, offer=offer, day=day) if offer else None,
        "myshop_allowed": offer is not None,
        "reason": None
        if offer
        else _("No offer of the catalog matches the services %(key)s for group %(group)s.")
        % {"key": combination_key(basic) or "-", "group": group_code},
    }


def change_between(
    *, data: CatalogData, from_offer: OfferView, to_offer: OfferView, equipment_codes: set[str]
) -> dict[str, Any]:
    """What moving from one offer to another changes: services and equipment."""
    from_codes, to_codes = set(from_offer.basic_codes), set(to_offer.basic_codes)
    allowed = {item.code for item in to_offer.equipment}
    kept = sorted(code for code in equipment_codes if code in allowed)
    returned = sorted(code for code in equipment_codes if code not in allowed)
    kept_domains = {data.services[code].domain for code in kept if code in data.services}
    to_choose = []
    for domain in sorted({item.domain for item in to_offer.equipment if item.is_required}):
        if domain not in kept_domains:
            to_choose.append(
                {
                    "domain": domain,
                    "choices": [i.code for i in to_offer.equipment if i.domain == domain and i.is_required],
                }
            )
    return {
        "services_added": sorted(to_codes - from_codes),
        "services_removed": sorted(from_codes - to_codes),
        "equipment_kept": kept,
        "equipment_returned": returned,
        "equipment_to_choose": to_choose,
    }


def customer_change_targets(*, customer_number: str, channel: str = "myshop") -> dict[str, Any]:
    """Upsell / cross-sell targets of a customer's current offer, with what each move changes.

    Targets are filtered by eligibility at the customer's address (group, channel, sale type = the
    path's kind, domains and technologies there). Raises
    CustomerNotFoundError; with no current offer, `targets` is empty and `myshop_allowed` false.
    """
    customer, subscribed = _customer(customer_number)
    data = catalog_data()
    group_code = customer.group_code or DEFAULT_GROUP_CODE
    basic = {s.service_code for s in subscribed if s.kind == "basic"}
    equipment = {s.service_code for s in subscribed if s.kind == "equipment"}
    current = offer_for_services(group_code=group_code, basic_codes=basic, data=data)
    day = timezone.localdate()
    address = None
    if customer.address_id:
        try:
            address = address_facts(address_id=customer.address_id)
        except AddressNotFoundError:
            address = None  # checked again when the order is taken
    targets: list[dict[str, Any]] = []
    if current is not None:
        current_price = offer_monthly_price(data=data, offer=current, day=day)
        for to_code, kind in current.paths:
            target = data.offers.get(to_code)
            if target is None:
                continue
            context = SaleContext(sale_type=kind, channel=channel, group_code=group_code, on=day)
            if offer_exclusions(offer=target, address=address, context=context):
                continue
            summary = offer_summary(data=data, offer=target, day=day)
            targets.append(
                {
                    "kind": kind,
                    "offer": summary,
                    "monthly_difference": str(Decimal(summary["monthly_price"]) - current_price),
                    **change_between(
                        data=data, from_offer=current, to_offer=target, equipment_codes=equipment
                    ),
                }
            )
    return {
        "customer_number": customer_number,
        "current_offer": offer_summary(data=data, offer=current, day=day) if current else None,
        "myshop_allowed": current is not None,
        "targets": targets,
    }


def catalog_document() -> dict[str, list[dict[str, Any]]]:
    """The whole catalog as a workbook document (every offer, active or not), by business keys."""
    from .models import (
        ChangePath,
        Offer,
        OfferEquipment,
        OfferFee,
        OfferOption,
        OfferService,
        Promotion,
        Restriction,
        Service,
        ServicePrice,
    )

    db = "catalog"
    code_of = dict(Service.objects.using(db).values_list("id", "code"))
    offer_of = dict(Offer.objects.using(db).values_list("id", "code"))
    basics: dict[int, list[str]] = {}
    for offer_id, service_id in OfferService.objects.using(db).values_list("offer_id", "service_id"):
        basics.setdefault(offer_id, []).append(code_of[service_id])
    return {
        "services": list(
            Service.objects.using(db)
            .order_by("code")
            .values("code", "domain", "kind", "label_en", "label_fr", "buy_price", "is_active")
        ),
        "prices": [
            {"service_code": code_of[p["service_id"]], **{k: v for k, v in p.items() if k != "service_id"}}
            for p in ServicePrice.objects.using(db)
            .order_by("service__code", "valid_from")
            .values("service_id", "monthly_price", "one_time_price", "valid_from", "valid_to")
        ],
        "offers": [
            {
                **{k: v for k, v in o.items() if k != "id"},
                "basic_services": " ".join(sorted(basics.get(o["id"], []))),
            }
            for o in Offer.objects.using(db)
            .order_by("sort_order", "code")
            .values(
                "id",
                "code",
                "name_en",
                "name_fr",
                "group_code",
                "valid_from",
                "valid_to",
                "sort_order",
                "is_active",
            )
        ],
        "offer_equipment": [
            {
                "offer_code": offer_of[e.offer_id],
                "service_code": code_of[e.service_id],
                "is_required": e.is_required,
                "allows_rent": e.allows_rent,
                "allows_buy": e.allows_buy,
                "max_quantity": e.max_quantity,
            }
            for e in OfferEquipment.objects.using(db).order_by("offer__code", "service__code")
        ],
        "offer_options": [
            {
                "offer_code": offer_of[o.offer_id],
                "service_code": code_of[o.service_id],
                "requires_equipment": code_of.get(o.requires_equipment_id),
            }
            for o in OfferOption.objects.using(db).order_by("offer__code", "service__code")
        ],
        "offer_fees": [
            {"offer_code": offer_of[f.offer_id], "service_code": code_of[f.service_id]}
            for f in OfferFee.objects.using(db).order_by("offer__code", "service__code")
        ],
        "promotions": [
            {
                "code": p.code,
                "name_en": p.name_en,
                "name_fr": p.name_fr,
                "offer_code": offer_of.get(p.offer_id),
                "valid_from": p.valid_from,
                "valid_to": p.valid_to,
                "sale_types": p.sale_types,
                "channels": p.channels,
                "group_codes": p.group_codes,
                "min_commitment_months": p.min_commitment_months,
                "amount": p.amount,
                "percent": p.percent,
                "duration_months": p.duration_months,
            }
            for p in Promotion.objects.using(db).order_by("code")
        ],
        "restrictions": [
            {
                "offer_code": offer_of[r.offer_id],
                "criterion": r.criterion,
                "effect": r.effect,
                "values": r.values,
            }
            for r in Restriction.objects.using(db).order_by("offer__code", "id")
        ],
        "change_paths": [
            {"from_offer": offer_of[c.from_offer_id], "to_offer": offer_of[c.to_offer_id], "kind": c.kind}
            for c in ChangePath.objects.using(db).order_by("from_offer__code", "to_offer__code")
        ],
    }
