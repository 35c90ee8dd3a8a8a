"""Writes of the CATALOG: service import, whole-catalog load, offer verification, quotes.

Every write is atomic on the `catalog` alias and ends with `catalog_changed()`, which invalidates
every cached picture of the catalog (see snapshot.py).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise
from typing import Any

from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import procable
from .errors import OfferNotEligibleError
from .models import (
    ChangePath,
    Criterion,
    Offer,
    OfferEquipment,
    OfferFee,
    OfferOption,
    OfferService,
    Promotion,
    Quote,
    Restriction,
    Service,
    ServiceKind,
    ServicePrice,
)
from .pricing import Selection, selection_price, selection_validate
from .selectors import SaleContext, address_facts, offer_exclusions, offer_get
from .snapshot import catalog_changed, catalog_data, combination_key
from .workbook import SHEETS, Document, RowErrors, document_parse

DB = "catalog"
BATCH = 2000
SALE_TYPES = ("new", "upsell", "cross_sell")


# --- Services and prices from Pro-Cable ---------------------------------------------------------------


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    prices_added: int = 0
    not_in_source: list[str] = field(default_factory=list)


SERVICE_FILE_COLUMNS = (
    "code",
    "domain",
    "kind",
    "label_en",
    "label_fr",
    "monthly_price",
    "one_time_price",
    "buy_price",
    "valid_from",
)


def service_rows_parse(
    raw_rows: Iterable[dict[str, Any]], *, sheet: str = "services"
) -> list[dict[str, Any]]:
    """Type the rows of a services file (CSV or one Excel sheet); raises CatalogImportError."""
    from .workbook import Column, _convert

    columns = {c.name: c for c in SHEETS["services"]} | {
        "monthly_price": Column("monthly_price", "decimal"),
        "one_time_price": Column("one_time_price", "decimal", required=False),
        "valid_from": Column("valid_from", "date"),
    }
    errors = RowErrors()
    rows = []
    seen: dict[str, int] = {}
    for index, raw in enumerate(raw_rows, start=2):
        number = raw.get("_row", index)
        row: dict[str, Any] = {"_row": number}
        for name in SERVICE_FILE_COLUMNS:
            try:
                row[name] = _convert(columns[name], raw.get(name))
            except ValueError as exc:
                errors.add(sheet, number, name, str(exc))
        if row.get("code"):
            if row["code"] in seen:
                errors.add(
                    sheet,
                    number,
                    "code",
                    _("Duplicate code %(code)s (first on row %(row)s).")
                    % {"code": row["code"], "row": seen[row["code"]]},
                )
            seen.setdefault(row["code"], number)
        row["one_time_price"] = row.get("one_time_price") or Decimal("0.00")
        rows.append(row)
    if not rows:
        errors.add(sheet, None, None, _("The file holds no service."))
    errors.raise_if_any()
    return rows


def services_import(*, rows: Iterable[dict[str, Any]], sheet: str = "services") -> ImportReport:
    """Upsert services and their current price, keeping the price history.

    A changed price closes the current period the day before the new `valid_from` and opens a new
    one; the same `valid_from` corrects the current price; an older `valid_from` is refused.
    Services missing from the source are reported, not deleted (offers and quotes refer to them).
    All or nothing: raises CatalogImportError with row-level errors.
    """
    rows = list(rows)
    report = ImportReport()
    errors = RowErrors()
    with transaction.atomic(using=DB):
        existing = {s.code: s for s in Service.objects.using(DB).select_for_update()}
        current: dict[int, ServicePrice] = {}
        for price in ServicePrice.objects.using(DB).order_by("service_id", "valid_from"):
            current[price.service_id] = price
        for row in rows:
            service = existing.get(row["code"])
            fields = {k: row[k] for k in ("domain", "kind", "label_en", "label_fr", "buy_price")}
            if service is None:
                service = Service(code=row["code"], **fields)
                service.full_clean()
                service.save(using=DB)
                existing[service.code] = service
                report.created += 1
            elif any(getattr(service, k) != v for k, v in fields.items()) or not service.is_active:
                for k, v in fields.items():
                    setattr(service, k, v)
                service.is_active = True
                service.save(using=DB)
                report.updated += 1
            else:
                report.unchanged += 1
            latest = current.get(service.pk)
            amounts = (row["monthly_price"], row["one_time_price"])
            if latest is None:
                ServicePrice.objects.using(DB).create(
                    service=service,
                    monthly_price=amounts[0],
                    one_time_price=amounts[1],
                    valid_from=row["valid_from"],
                )
                report.prices_added += 1
            elif (latest.monthly_price, latest.one_time_price) == amounts and latest.valid_to is None:
                continue
            elif row["valid_from"] > latest.valid_from:
                latest.valid_to = row["valid_from"] - timedelta(days=1)
                latest.save(using=DB, update_fields=["valid_to"])
                ServicePrice.objects.using(DB).create(
                    service=service,
                    monthly_price=amounts[0],
                    one_time_price=amounts[1],
                    valid_from=row["valid_from"],
                )
                report.prices_added += 1
            elif row["valid_from"] == latest.valid_from:
                latest.monthly_price, latest.one_time_price = amounts
                latest.save(using=DB, update_fields=["monthly_price", "one_time_price"])
            else:
                errors.add(
                    sheet,
                    row.get("_row"),
                    "valid_from",
                    _("%(code)s already has a price from %(day)s; this one starts earlier.")
                    % {"code": row["code"], "day": latest.valid_from.isoformat()},
                )
        source_codes = {row["code"] for row in rows}
        report.not_in_source = sorted(code for code in existing if code not in source_codes)
        errors.raise_if_any()  # rolls the whole import back
        catalog_changed()
    return report


def services_import_from_gateway() -> ImportReport:
    """Import every Pro-Cable service and its current price through the gateway."""
    rows = [
        {
            "_row": index,
            "code": r.code,
            "domain": r.domain,
            "kind": r.kind,
            "label_en": r.label_en,
            "label_fr": r.label_fr,
            "monthly_price": r.monthly_price,
            "one_time_price": r.one_time_price,
            "buy_price": r.buy_price,
            "valid_from": r.valid_from,
        }
        for index, r in enumerate(procable.gateway().services_list(), start=1)
    ]
    return services_import(rows=service_rows_parse(rows, sheet="procable"), sheet="procable")


# --- The whole catalog ---------------------------------------------------------------------------------


def _duplicates(errors: RowErrors, sheet: str, rows: list[dict], key: tuple[str, ...], column: str) -> None:
    seen: dict[tuple, int] = {}
    for row in rows:
        value = tuple(row[k] for k in key)
        if value in seen:
            errors.add(
                sheet,
                row["_row"],
                column,
                _("Duplicate %(value)s (first on row %(row)s).")
                % {"value": " / ".join(str(v) for v in value), "row": seen[value]},
            )
        else:
            seen[value] = row["_row"]


def document_validate(document: Document, errors: RowErrors) -> None:
    """Cross-sheet checks: unknown codes, duplicates, kinds, periods, one active offer per combination."""
    services = {row["code"]: row for row in document["services"]}
    _duplicates(errors, "services", document["services"], ("code",), "code")

    def known(sheet: str, row: dict, column: str, kinds: tuple[str, ...]) -> bool:
        service = services.get(row[column])
        if service is None:
            errors.add(
                sheet, row["_row"], column, _("Unknown service code %(code)s.") % {"code": row[column]}
            )
            return False
        if service["kind"] not in kinds:
            errors.add(
                sheet,
                row["_row"],
                column,
                _("%(code)s is a %(kind)s, not a %(expected)s.")
                % {"code": row[column], "kind": service["kind"], "expected": " / ".join(kinds)},
            )
            return False
        return True

    _duplicates(errors, "prices", document["prices"], ("service_code", "valid_from"), "valid_from")
    periods: dict[str, list[dict]] = {}
    for row in document["prices"]:
        if row["service_code"] not in services:
            errors.add(
                "prices",
                row["_row"],
                "service_code",
                _("Unknown service code %(code)s.") % {"code": row["service_code"]},
            )
        if row["valid_to"] is not None and row["valid_to"] < row["valid_from"]:
            errors.add("prices", row["_row"], "valid_to", _("The period ends before it starts."))
        periods.setdefault(row["service_code"], []).append(row)
    for rows in periods.values():
        rows.sort(key=lambda r: r["valid_from"])
        for before, after in pairwise(rows):
            if before["valid_from"] != after["valid_from"] and (
                before["valid_to"] is None or before["valid_to"] >= after["valid_from"]
            ):
                errors.add(
                    "prices",
                    after["_row"],
                    "valid_from",
                    _("This period overlaps the one on row %(row)s.") % {"row": before["_row"]},
                )

    offers = {row["code"]: row for row in document["offers"]}
    _duplicates(errors, "offers", document["offers"], ("code",), "code")
    active_keys: dict[tuple[str, str], int] = {}
    for row in document["offers"]:
        basics = row["basic_services"]
        if all(
            known("offers", {**row, "basic_services": code}, "basic_services", ("basic",)) for code in basics
        ):
            key = (row["group_code"], combination_key(basics))
            if row["is_active"] is not False:
                if key in active_keys:
                    errors.add(
                        "offers",
                        row["_row"],
                        "basic_services",
                        _("Offer on row %(row)s already sells %(key)s to group %(group)s.")
                        % {"row": active_keys[key], "key": key[1], "group": key[0]},
                    )
                active_keys.setdefault(key, row["_row"])
        if row["valid_to"] and row["valid_from"] and row["valid_to"] < row["valid_from"]:
            errors.add("offers", row["_row"], "valid_to", _("The period ends before it starts."))

    def offer_known(sheet: str, row: dict, column: str) -> bool:
        if row[column] not in offers:
            errors.add(sheet, row["_row"], column, _("Unknown offer code %(code)s.") % {"code": row[column]})
            return False
        return True

    equipment_of: dict[str, set[str]] = {}
    _duplicates(
        errors, "offer_equipment", document["offer_equipment"], ("offer_code", "service_code"), "service_code"
    )
    for row in document["offer_equipment"]:
        offer_known("offer_equipment", row, "offer_code")
        if known("offer_equipment", row, "service_code", ("equipment",)):
            equipment_of.setdefault(row["offer_code"], set()).add(row["service_code"])
            if not row["allows_rent"] and not row["allows_buy"]:
                errors.add("offer_equipment", row["_row"], "allows_rent", _("Allow rent, buy or both."))
            if row["allows_buy"] and services[row["service_code"]]["buy_price"] is None:
                errors.add(
                    "offer_equipment",
                    row["_row"],
                    "allows_buy",
                    _("%(code)s has no buy price.") % {"code": row["service_code"]},
                )
    _duplicates(
        errors, "offer_options", document["offer_options"], ("offer_code", "service_code"), "service_code"
    )
    for row in document["offer_options"]:
        offer_known("offer_options", row, "offer_code")
        known("offer_options", row, "service_code", ("option",))
        needed = row["requires_equipment"]
        if needed and needed not in equipment_of.get(row["offer_code"], set()):
            errors.add(
                "offer_options",
                row["_row"],
                "requires_equipment",
                _("%(code)s is not equipment of offer %(offer)s.")
                % {"code": needed, "offer": row["offer_code"]},
            )
    _duplicates(errors, "offer_fees", document["offer_fees"], ("offer_code", "service_code"), "service_code")
    for row in document["offer_fees"]:
        offer_known("offer_fees", row, "offer_code")
        known("offer_fees", row, "service_code", ("fee", "deposit"))

    _duplicates(errors, "promotions", document["promotions"], ("code",), "code")
    for row in document["promotions"]:
        if row["offer_code"]:
            offer_known("promotions", row, "offer_code")
        if (row["amount"] is None) == (row["percent"] is None):
            errors.add("promotions", row["_row"], "amount", _("Give either an amount or a percent."))
        if row["percent"] is not None and row["percent"] > 100:
            errors.add("promotions", row["_row"], "percent", _("At most 100."))
        if row["valid_to"] and row["valid_to"] < row["valid_from"]:
            errors.add("promotions", row["_row"], "valid_to", _("The period ends before it starts."))
        for value in row["sale_types"] or ():
            if value not in SALE_TYPES:
                errors.add(
                    "promotions",
                    row["_row"],
                    "sale_types",
                    _("Unknown sale type %(value)s.") % {"value": value},
                )

    for row in document["restrictions"]:
        offer_known("restrictions", row, "offer_code")
        allowed = {Criterion.SALE_TYPE: SALE_TYPES, Criterion.DOMAIN: ("TV", "INT", "TEL", "MOB")}.get(
            row["criterion"]
        )
        for value in row["values"]:
            if allowed and value.lower() not in allowed and value.upper() not in allowed:
                errors.add(
                    "restrictions", row["_row"], "values", _("Unknown value %(value)s.") % {"value": value}
                )

    _duplicates(errors, "change_paths", document["change_paths"], ("from_offer", "to_offer"), "to_offer")
    for row in document["change_paths"]:
        ok = offer_known("change_paths", row, "from_offer") & offer_known("change_paths", row, "to_offer")
        if ok and row["from_offer"] == row["to_offer"]:
            errors.add("change_paths", row["_row"], "to_offer", _("An offer cannot change to itself."))


@dataclass
class LoadReport:
    counts: dict[str, int] = field(default_factory=dict)
    offers_created: int = 0
    offers_new_version: int = 0
    offers_deactivated: int = 0


def _offer_hash(row: dict, children: dict[str, list[dict]]) -> str:
    """A fingerprint of an offer's content (code lists compared as sets), to detect a new version."""

    def normal(values: dict) -> dict:
        return {k: sorted(v) if isinstance(v, tuple) else v for k, v in values.items() if k != "_row"}

    content = {
        "offer": normal({k: v for k, v in row.items() if k not in ("code", "sort_order")}),
        **{
            sheet: sorted(json.dumps(normal(r), sort_keys=True, default=str) for r in rows)
            for sheet, rows in children.items()
        },
    }
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def catalog_load(*, raw: dict[str, Iterable[dict[str, Any]]]) -> LoadReport:
    """Replace the whole catalog with a document (workbook sheets); all or nothing.

    Services and offers are upserted by code; those missing from the document are deactivated,
    never deleted (quotes and Pro-Cable refer to them). Prices, offer contents, promotions,
    restrictions and change paths are replaced. An offer whose content changed gets a new version.
    Raises CatalogImportError listing every row-level error; then nothing is changed.
    """
    errors = RowErrors()
    document = document_parse(raw, errors)
    document_validate(document, errors)
    errors.raise_if_any()
    report = LoadReport(counts={sheet: len(rows) for sheet, rows in document.items()})
    with transaction.atomic(using=DB):
        service_ids = _load_services(document["services"])
        ServicePrice.objects.using(DB).all().delete()
        _insert_rows(
            ServicePrice,
            ("service_id", "monthly_price", "one_time_price", "valid_from", "valid_to"),
            (
                (
                    service_ids[r["service_code"]],
                    r["monthly_price"],
                    r["one_time_price"],
                    r["valid_from"],
                    r["valid_to"],
                )
                for r in document["prices"]
            ),
        )
        offer_ids = _load_offers(document, report, service_ids)
        for model in (
            OfferService,
            OfferEquipment,
            OfferOption,
            OfferFee,
            Restriction,
            ChangePath,
            Promotion,
        ):
            model.objects.using(DB).all().delete()
        OfferService.objects.using(DB).bulk_create(
            (
                OfferService(offer_id=offer_ids[r["code"]], service_id=service_ids[code])
                for r in document["offers"]
                for code in sorted(set(r["basic_services"]))
            ),
            batch_size=BATCH,
        )
        OfferEquipment.objects.using(DB).bulk_create(
            (
                OfferEquipment(
                    offer_id=offer_ids[r["offer_code"]],
                    service_id=service_ids[r["service_code"]],
                    is_required=r["is_required"],
                    allows_rent=r["allows_rent"],
                    allows_buy=r["allows_buy"],
                    max_quantity=r["max_quantity"] or 1,
                )
                for r in document["offer_equipment"]
            ),
            batch_size=BATCH,
        )
        OfferOption.objects.using(DB).bulk_create(
            (
                OfferOption(
                    offer_id=offer_ids[r["offer_code"]],
                    service_id=service_ids[r["service_code"]],
                    requires_equipment_id=service_ids[r["requires_equipment"]]
                    if r["requires_equipment"]
                    else None,
                )
                for r in document["offer_options"]
            ),
            batch_size=BATCH,
        )
        OfferFee.objects.using(DB).bulk_create(
            (
                OfferFee(offer_id=offer_ids[r["offer_code"]], service_id=service_ids[r["service_code"]])
                for r in document["offer_fees"]
            ),
            batch_size=BATCH,
        )
        Restriction.objects.using(DB).bulk_create(
            (
                Restriction(
                    offer_id=offer_ids[r["offer_code"]],
                    criterion=r["criterion"],
                    effect=r["effect"],
                    values=" ".join(r["values"]),
                )
                for r in document["restrictions"]
            ),
            batch_size=BATCH,
        )
        ChangePath.objects.using(DB).bulk_create(
            (
                ChangePath(
                    from_offer_id=offer_ids[r["from_offer"]],
                    to_offer_id=offer_ids[r["to_offer"]],
                    kind=r["kind"],
                )
                for r in document["change_paths"]
            ),
            batch_size=BATCH,
        )
        Promotion.objects.using(DB).bulk_create(
            (
                Promotion(
                    code=r["code"],
                    name_en=r["name_en"],
                    name_fr=r["name_fr"],
                    offer_id=offer_ids[r["offer_code"]] if r["offer_code"] else None,
                    valid_from=r["valid_from"],
                    valid_to=r["valid_to"],
                    sale_types=" ".join(r["sale_types"] or ()),
                    channels=" ".join(r["channels"] or ()),
                    group_codes=" ".join(r["group_codes"] or ()),
                    min_commitment_months=r["min_commitment_months"] or 0,
                    amount=r["amount"],
                    percent=r["percent"],
                    duration_months=r["duration_months"],
                )
                for r in document["promotions"]
            ),
            batch_size=BATCH,
        )
        catalog_changed()
    return report


def _insert_rows(model: type, columns: tuple[str, ...], rows: Iterable[tuple]) -> None:
    """Insert many rows without building model instances (the 100,000 prices of a full import).

    PostgreSQL: COPY, checked by `connection.vendor`; other databases: a portable executemany.
    """
    connection = connections[DB]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    names = ", ".join(quote(column) for column in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(columns))
        batch: list[tuple] = []
        for row in rows:
            batch.append(tuple(str(v) if isinstance(v, Decimal | date) else v for v in row))
            if len(batch) >= BATCH:
                cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", batch)  # noqa: S608
                batch = []
        if batch:
            cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", batch)  # noqa: S608


def _update_rows(model: type, objects: list, fields: tuple[str, ...]) -> None:
    """UPDATE each object's `fields` by primary key in one executemany (bulk_update's CASE is slow)."""
    if not objects:
        return
    connection = connections[DB]
    quote = connection.ops.quote_name
    columns = [model._meta.get_field(name) for name in fields]
    assignments = ", ".join(f"{quote(field.column)} = %s" for field in columns)
    sql = f"UPDATE {quote(model._meta.db_table)} SET {assignments} WHERE {quote(model._meta.pk.column)} = %s"  # noqa: S608
    params = [
        (*(field.get_db_prep_save(getattr(obj, field.attname), connection) for field in columns), obj.pk)
        for obj in objects
    ]
    with connection.cursor() as cursor:
        for start in range(0, len(params), BATCH):
            cursor.executemany(sql, params[start : start + BATCH])


def _load_services(rows: list[dict]) -> dict[str, int]:
    existing = {s.code: s for s in Service.objects.using(DB).all()}
    to_create, to_update = [], []
    fields = ("domain", "kind", "label_en", "label_fr", "buy_price", "is_active")
    for row in rows:
        values = {k: row[k] for k in fields} | {"is_active": row["is_active"] is not False}
        service = existing.get(row["code"])
        if service is None:
            to_create.append(Service(code=row["code"], **values))
        elif any(getattr(service, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(service, k, v)
            to_update.append(service)
    listed = {row["code"] for row in rows}
    Service.objects.using(DB).bulk_create(to_create, batch_size=BATCH)
    now = timezone.now()
    for service in to_update:
        service.updated_at = now
    _update_rows(Service, to_update, (*fields, "updated_at"))
    gone = [s.pk for code, s in existing.items() if code not in listed and s.is_active]
    for start in range(0, len(gone), BATCH):
        Service.objects.using(DB).filter(pk__in=gone[start : start + BATCH]).update(is_active=False)
    return dict(Service.objects.using(DB).values_list("code", "id"))


def _load_offers(document: Document, report: LoadReport, service_ids: dict[str, int]) -> dict[str, int]:
    children: dict[str, dict[str, list[dict]]] = {}
    for sheet, column in (
        ("offer_equipment", "offer_code"),
        ("offer_options", "offer_code"),
        ("offer_fees", "offer_code"),
        ("restrictions", "offer_code"),
    ):
        for row in document[sheet]:
            children.setdefault(row[column], {}).setdefault(sheet, []).append(row)
    domain_of = {row["code"]: row["domain"] for row in document["services"]}
    existing = {o.code: o for o in Offer.objects.using(DB).all()}
    to_create, to_update = [], []
    fields = (
        "name_en",
        "name_fr",
        "group_code",
        "combination_key",
        "domains",
        "version",
        "content_hash",
        "is_active",
        "valid_from",
        "valid_to",
        "sort_order",
    )
    for row in document["offers"]:
        values = {
            "name_en": row["name_en"],
            "name_fr": row["name_fr"],
            "group_code": row["group_code"],
            "combination_key": combination_key(row["basic_services"]),
            "domains": " ".join(sorted({domain_of[c] for c in row["basic_services"]})),
            "content_hash": _offer_hash(row, children.get(row["code"], {})),
            "is_active": row["is_active"] is not False,
            "valid_from": row["valid_from"],
            "valid_to": row["valid_to"],
            "sort_order": row["sort_order"] or 0,
        }
        offer = existing.get(row["code"])
        if offer is None:
            to_create.append(Offer(code=row["code"], version=1, **values))
            report.offers_created += 1
            continue
        if offer.content_hash != values["content_hash"]:
            values["version"] = offer.version + 1
            report.offers_new_version += 1
        if any(getattr(offer, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(offer, k, v)
            to_update.append(offer)
    listed = {row["code"] for row in document["offers"]}
    gone = [o for code, o in existing.items() if code not in listed and o.is_active]
    report.offers_deactivated = len(gone)
    # Deactivate first so that swapping combinations between offers never trips the unique constraint.
    Offer.objects.using(DB).filter(is_active=True).update(is_active=False)
    for offer in gone:
        offer.is_active = False
    now = timezone.now()
    for offer in to_update:
        offer.updated_at = now
    _update_rows(Offer, to_update, (*fields, "updated_at"))
    updated = {o.code for o in to_update}
    unchanged_active = [
        o.pk for code, o in existing.items() if code in listed and o.is_active and code not in updated
    ]
    for start in range(0, len(unchanged_active), BATCH):
        Offer.objects.using(DB).filter(pk__in=unchanged_active[start : start + BATCH]).update(is_active=True)
    Offer.objects.using(DB).bulk_create(to_create, batch_size=BATCH)
    return dict(Offer.objects.using(DB).values_list("code", "id"))


# --- Offers for the combinations found in the customer base --------------------------------------------


@dataclass
class VerifyReport:
    customers_read: int = 0
    combinations: dict[tuple[str, str], int] = field(default_factory=dict)
    unmatched_customers: dict[str, tuple[str, str]] = field(default_factory=dict)  # number → (group, key)
    offers_created: list[str] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)


def offers_verify(*, customer_numbers: Iterable[str], create: bool = False) -> VerifyReport:
    """Check every customer's basic services against the catalog; optionally create missing offers.

    A created offer holds the combination's basic services, every equipment of its domains (required,
    rent; buy when the equipment has a buy price) and every option of its domains: a starting point
    the operator edits (export / import) before it is approved.
    """
    gateway = procable.gateway()
    report = VerifyReport()
    data = catalog_data()
    for number in customer_numbers:
        try:
            customer = gateway.customer_get(number)
            subscribed = gateway.customer_services(number)
        except procable.not_found_errors():
            report.not_found.append(number)
            continue
        report.customers_read += 1
        basic = {s.service_code for s in subscribed if s.kind == "basic"}
        if not basic:
            continue
        key = (customer.group_code or "RG", combination_key(basic))
        report.combinations[key] = report.combinations.get(key, 0) + 1
        if key not in data.offers_by_key:
            report.unmatched_customers[number] = key
    if create:
        missing = sorted(set(report.unmatched_customers.values()))
        if missing:
            report.offers_created = _offers_create_for(missing)
    return report


def _offers_create_for(combinations: list[tuple[str, str]]) -> list[str]:
    created = []
    with transaction.atomic(using=DB):
        services = {s.code: s for s in Service.objects.using(DB).filter(is_active=True)}
        for group_code, key in combinations:
            basics = [services[c] for c in key.split("+") if c in services]
            if len(basics) != len(key.split("+")):
                continue
            domains = sorted({s.domain for s in basics})
            offer = Offer(
                code=f"{group_code}_{key.replace('+', '_')}"[:40],
                name_en=" + ".join(s.label_en for s in basics),
                name_fr=" + ".join(s.label_fr for s in basics),
                group_code=group_code,
                combination_key=key,
                domains=" ".join(domains),
                sort_order=900,
            )
            offer.full_clean()
            offer.save(using=DB)
            OfferService.objects.using(DB).bulk_create(OfferService(offer=offer, service=s) for s in basics)
            OfferEquipment.objects.using(DB).bulk_create(
                OfferEquipment(
                    offer=offer,
                    service=s,
                    is_required=True,
                    allows_rent=True,
                    allows_buy=s.buy_price is not None,
                )
                for s in services.values()
                if s.kind == ServiceKind.EQUIPMENT and s.domain in domains
            )
            OfferOption.objects.using(DB).bulk_create(
                OfferOption(offer=offer, service=s)
                for s in services.values()
                if s.kind == ServiceKind.OPTION and s.domain in domains
            )
            created.append(offer.code)
        catalog_changed()
    return created


# --- Quotes ------------------------------------------------------------------------------------------------


def quote_create(
    *,
    selection: Selection,
    context: SaleContext,
    created_by: str,
    address_id: int | None = None,
    customer_number: str = "",
) -> Quote:
    """Price a selection and store the quote with its frozen snapshot.

    Raises OfferNotFoundError, OfferNotEligibleError (with the reasons), AddressNotFoundError,
    SelectionInvalidError.
    """
    data = catalog_data()
    offer = offer_get(code=selection.offer_code, data=data)
    address = address_facts(address_id=address_id) if address_id is not None else None
    reasons = offer_exclusions(offer=offer, address=address, context=context)
    if reasons:
        raise OfferNotEligibleError(
            "; ".join(r.message for r in reasons), errors={"offer_code": [r.message for r in reasons]}
        )
    selection_validate(data=data, offer=offer, selection=selection)
    snapshot = selection_price(data=data, offer=offer, selection=selection, context=context)
    # One INSERT: atomic on its own, without the cost of an explicit transaction.
    return Quote.objects.using(DB).create(
        offer_code=offer.code,
        offer_version=offer.version,
        group_code=context.group_code,
        sale_type=context.sale_type,
        channel=context.channel,
        customer_number=customer_number,
        monthly_total=Decimal(snapshot["monthly_price"]),
        one_time_total=Decimal(snapshot["one_time_total"]),
        selection=selection.as_json() | {"address_id": address_id},
        snapshot=snapshot,
        created_by=created_by,
    )
