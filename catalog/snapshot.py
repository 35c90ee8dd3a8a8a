"""The catalog in memory: an immutable picture of every active offer, service and price.

The catalog is small (thousands of rows) and read on every sale, so each process keeps one
`CatalogData` per revision token (`CatalogRevision`, mirrored in the shared cache, see
`revision_token`), and any catalog change (`catalog_changed`) issues a new token, which invalidates
every process's picture and every cached eligibility result (their keys contain the token).
Without a revision row (a database filled outside the services) nothing is memoised.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils.translation import get_language

from .models import (
    CatalogRevision,
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

DB = "catalog"


def localized(en: str, fr: str) -> str:
    """Pick the label for the active language (French unless English is asked)."""
    return en if (get_language() or "fr").startswith("en") else fr


@dataclass(frozen=True)
class PriceView:
    monthly: Decimal
    one_time: Decimal
    valid_from: date
    valid_to: date | None


@dataclass(frozen=True)
class ServiceView:
    code: str
    domain: str
    kind: str
    label_en: str
    label_fr: str
    buy_price: Decimal | None
    prices: tuple[PriceView, ...]

    @property
    def label(self) -> str:
        return localized(self.label_en, self.label_fr)

    def price_on(self, day: date) -> PriceView | None:
        """The price row in force on `day` (None if the service had no price then)."""
        for price in reversed(self.prices):
            if price.valid_from <= day and (price.valid_to is None or day <= price.valid_to):
                return price
        return None


@dataclass(frozen=True)
class EquipmentView:
    code: str
    domain: str
    is_required: bool
    allows_rent: bool
    allows_buy: bool
    max_quantity: int


@dataclass(frozen=True)
class OptionView:
    code: str
    domain: str
    requires_equipment: str | None


@dataclass(frozen=True)
class RestrictionView:
    criterion: str
    effect: str
    values: frozenset[str]


@dataclass(frozen=True)
class PromotionView:
    code: str
    name_en: str
    name_fr: str
    offer_code: str | None
    valid_from: date
    valid_to: date | None
    sale_types: frozenset[str]
    channels: frozenset[str]
    group_codes: frozenset[str]
    min_commitment_months: int
    amount: Decimal | None
    percent: Decimal | None
    duration_months: int | None

    @property
    def name(self) -> str:
        return localized(self.name_en, self.name_fr)


@dataclass(frozen=True)
class OfferView:
    code: str
    name_en: str
    name_fr: str
    group_code: str
    combination_key: str
    domains: frozenset[str]
    basic_codes: tuple[str, ...]
    version: int
    valid_from: date | None
    valid_to: date | None
    sort_order: int
    equipment: tuple[EquipmentView, ...]
    options: tuple[OptionView, ...]
    fee_codes: tuple[str, ...]
    restrictions: tuple[RestrictionView, ...]
    paths: tuple[tuple[str, str], ...]  # (to_offer_code, kind)

    @property
    def name(self) -> str:
        return localized(self.name_en, self.name_fr)

    def is_on_sale(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass
class CatalogData:
    token: str | None
    services: dict[str, ServiceView]
    offers: dict[str, OfferView]  # active offers, in display order
    offers_by_key: dict[tuple[str, str], str] = field(default_factory=dict)
    promotions: tuple[PromotionView, ...] = ()


def codes(text: str) -> frozenset[str]:
    """Parse a space- or comma-separated code list."""
    return frozenset(part for part in text.replace(",", " ").split() if part)


def combination_key(service_codes: object) -> str:
    """The canonical key of a set of basic services: sorted codes joined by '+'."""
    return "+".join(sorted({str(code).strip().upper() for code in service_codes if str(code).strip()}))


def _load() -> CatalogData:
    prices: dict[int, list[PriceView]] = {}
    for row in (
        ServicePrice.objects.using(DB)
        .order_by("service_id", "valid_from")
        .values_list("service_id", "monthly_price", "one_time_price", "valid_from", "valid_to")
    ):
        prices.setdefault(row[0], []).append(PriceView(row[1], row[2], row[3], row[4]))
    services: dict[str, ServiceView] = {}
    code_by_id: dict[int, str] = {}
    domain_by_id: dict[int, str] = {}
    for pk, code, domain, kind, label_en, label_fr, buy_price in (
        Service.objects.using(DB)
        .filter(is_active=True)
        .values_list("id", "code", "domain", "kind", "label_en", "label_fr", "buy_price")
    ):
        services[code] = ServiceView(
            code, domain, kind, label_en, label_fr, buy_price, tuple(prices.get(pk, ()))
        )
        code_by_id[pk] = code
        domain_by_id[pk] = domain

    offer_rows = list(
        Offer.objects.using(DB)
        .filter(is_active=True)
        .order_by("sort_order", "code")
        .values_list(
            "id",
            "code",
            "name_en",
            "name_fr",
            "group_code",
            "combination_key",
            "domains",
            "version",
            "valid_from",
            "valid_to",
            "sort_order",
        )
    )
    offer_ids = {row[0] for row in offer_rows}
    offer_code_by_id = {row[0]: row[1] for row in offer_rows}

    def grouped(queryset, build) -> dict[int, list]:
        out: dict[int, list] = {}
        for row in queryset:
            if row[0] in offer_ids:
                out.setdefault(row[0], []).append(build(row))
        return out

    basics = grouped(OfferService.objects.using(DB).values_list("offer_id", "service_id"), lambda r: r[1])
    equipment = grouped(
        OfferEquipment.objects.using(DB)
        .order_by("offer_id", "service__code")
        .values_list("offer_id", "service_id", "is_required", "allows_rent", "allows_buy", "max_quantity"),
        lambda r: EquipmentView(code_by_id.get(r[1], ""), domain_by_id.get(r[1], ""), r[2], r[3], r[4], r[5]),
    )
    options = grouped(
        OfferOption.objects.using(DB)
        .order_by("offer_id", "service__code")
        .values_list("offer_id", "service_id", "requires_equipment_id"),
        lambda r: OptionView(code_by_id.get(r[1], ""), domain_by_id.get(r[1], ""), code_by_id.get(r[2])),
    )
    fees = grouped(
        OfferFee.objects.using(DB)
        .order_by("offer_id", "service__code")
        .values_list("offer_id", "service_id"),
        lambda r: code_by_id.get(r[1], ""),
    )
    restrictions = grouped(
        Restriction.objects.using(DB)
        .order_by("offer_id", "id")
        .values_list("offer_id", "criterion", "effect", "values"),
        lambda r: RestrictionView(r[1], r[2], codes(r[3])),
    )
    paths = grouped(
        ChangePath.objects.using(DB)
        .order_by("from_offer_id", "kind", "to_offer__sort_order", "to_offer__code")
        .values_list("from_offer_id", "to_offer_id", "kind"),
        lambda r: (offer_code_by_id.get(r[1]), r[2]),
    )

    offers: dict[str, OfferView] = {}
    by_key: dict[tuple[str, str], str] = {}
    for (
        pk,
        code,
        name_en,
        name_fr,
        group,
        key,
        domains,
        version,
        valid_from,
        valid_to,
        sort_order,
    ) in offer_rows:
        offers[code] = OfferView(
            code=code,
            name_en=name_en,
            name_fr=name_fr,
            group_code=group,
            combination_key=key,
            domains=codes(domains),
            basic_codes=tuple(sorted(code_by_id[s] for s in basics.get(pk, ()) if s in code_by_id)),
            version=version,
            valid_from=valid_from,
            valid_to=valid_to,
            sort_order=sort_order,
            equipment=tuple(equipment.get(pk, ())),
            options=tuple(options.get(pk, ())),
            fee_codes=tuple(fees.get(pk, ())),
            restrictions=tuple(restrictions.get(pk, ())),
            paths=tuple(path for path in paths.get(pk, ()) if path[0] is not None),
        )
        by_key[(group, key)] = code

    promotions = tuple(
        PromotionView(
            code=p.code,
            name_en=p.name_en,
            name_fr=p.name_fr,
            offer_code=offer_code_by_id.get(p.offer_id) if p.offer_id else None,
            valid_from=p.valid_from,
            valid_to=p.valid_to,
            sale_types=codes(p.sale_types),
            channels=codes(p.channels),
            group_codes=codes(p.group_codes),
            min_commitment_months=p.min_commitment_months,
            amount=p.amount,
            percent=p.percent,
            duration_months=p.duration_months,
        )
        for p in Promotion.objects.using(DB).order_by("code")
        if p.offer_id is None or p.offer_id in offer_ids
    )
    return CatalogData(
        token=None, services=services, offers=offers, offers_by_key=by_key, promotions=promotions
    )


_lock = threading.Lock()
_memo: dict[str, CatalogData] = {}


REVISION_KEY = "catalog:revision"
REVISION_CACHE_SECONDS = 5


def revision_token() -> str | None:
    """The current catalog revision token, None if the catalog was never revised.

    Read from the shared cache (Redis in production), else from the database (one query) and kept
    in the cache for REVISION_CACHE_SECONDS: a change is seen at once through the shared cache, and
    at worst after that delay by a process that read the old token while the change committed.
    """
    return _token_or_read(cache.get(REVISION_KEY))


def _token_or_read(token: str | None) -> str | None:
    if token is None:
        row = CatalogRevision.objects.using(DB).order_by("id").values_list("token", flat=True).first()
        token = str(row) if row else ""
        cache.set(REVISION_KEY, token, REVISION_CACHE_SECONDS)
    return token or None


def catalog_data() -> CatalogData:
    """Return the in-memory catalog for the current revision (loads it on a new revision)."""
    return _catalog_for(revision_token())


def catalog_data_and_cached(keys: list[str]) -> tuple[CatalogData, dict[str, Any]]:
    """Return the in-memory catalog and the shared-cache entries found under `keys`.

    The entries are read in the same cache round trip as the revision token (see `revision_token`).
    """
    found = cache.get_many([REVISION_KEY, *keys])
    token = _token_or_read(found.pop(REVISION_KEY, None))
    return _catalog_for(token), found


def _catalog_for(token: str | None) -> CatalogData:
    if token is None:
        return _load()
    data = _memo.get(token)
    if data is None:
        with _lock:
            data = _memo.get(token)
            if data is None:
                data = _load()
                data.token = token
                _memo.clear()
                _memo[token] = data
    return data


def catalog_changed() -> None:
    """Issue a new revision token (call inside the writing transaction): every cache becomes stale."""
    import uuid

    updated = CatalogRevision.objects.using(DB).filter(pk=1).update(token=uuid.uuid4())
    if not updated:
        CatalogRevision.objects.using(DB).create(pk=1, token=uuid.uuid4())
    cache.delete(REVISION_KEY)
    transaction.on_commit(_forget, using=DB)


def _forget() -> None:
    cache.delete(REVISION_KEY)
    _memo.clear()
