"""The demo operator in the embedded Pro-Cable: cities, streets, addresses, services, customers, histories.

`seed(seed=..., customers=N, addresses=M, stdout=...)` is deterministic for a given seed and scale
(dates are relative to the day it runs). It writes with PostgreSQL COPY when the `procable` database is
PostgreSQL and with `bulk_create` elsewhere, in chunks of customers, never holding a whole table in
memory (only one byte and one int per address). What it generates is listed in DEMO.md.

Idempotent: a `SeedMark` records the seed and scale; run again with the same values, it skips. With
other values, it empties the embedded Pro-Cable and builds the new operator (demo databases only).
"""

from __future__ import annotations

import random
import time
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from itertools import islice
from typing import Any

from django.core.management.color import no_style
from django.db import connections, models, transaction
from django.utils import timezone

from back import demo_codes
from back.procable.embedded.base import search_key, street_key
from back.procable.models import (
    Address,
    Appointment,
    City,
    Cmts,
    Commitment,
    Counter,
    Customer,
    CustomerService,
    Equipment,
    Intervention,
    Invoice,
    InvoiceLine,
    Letter,
    MobileLine,
    MobileTransaction,
    Payment,
    PhoneNumber,
    SeedMark,
    Service,
    ServicePrice,
    Street,
    TechnicianCapacity,
    Usage,
    WorkOrder,
    Zone,
)

DB = "procable"
FULL_HISTORY_CUSTOMERS = 5000  # beyond this many, histories are shortened (see DEMO.md)
CHUNK = 10000
SHOWCASE_ADDRESSES = 10  # address ids 1-10 are fixed showcase addresses no customer lives at
CAPACITY_DAYS = 30
TAX_RATE = Decimal("0.14975")
CENTS = Decimal("0.01")
OLD_PRICE_UNTIL = date(2026, 1, 1)  # prices before 2026 were lower; today's price is valid from then

# city code, name, weight, postal prefixes, phone area code, zones
CITIES = (
    ("MTL", "Montréal", 40, ("H2X", "H2T", "H3Z", "H1V", "H4A", "H2J"), "514", 6),
    ("LAV", "Laval", 15, ("H7N", "H7T", "H7G"), "450", 3),
    ("LGL", "Longueuil", 12, ("J4K", "J4H", "J4J"), "450", 3),
    ("QUE", "Québec", 15, ("G1R", "G1S", "G1K"), "418", 4),
    ("SHE", "Sherbrooke", 8, ("J1H", "J1J", "J1E"), "819", 2),
    ("GAT", "Gatineau", 10, ("J8X", "J8Y", "J9H"), "819", 2),
)
SHOWCASE_STREETS = ("rue Sherbrooke Ouest", "avenue du Parc", "boulevard Saint-Laurent")
STREET_TYPES = ("rue", "rue", "rue", "avenue", "boulevard", "chemin", "place", "croissant")
STREET_NAMES = (
    "Saint-Denis",
    "Sainte-Catherine",
    "Notre-Dame",
    "Saint-Joseph",
    "Laurier",
    "Papineau",
    "De Lorimier",
    "Fullum",
    "Garnier",
    "Chambord",
    "Marquette",
    "Christophe-Colomb",
    "Saint-Hubert",
    "Drolet",
    "Berri",
    "Saint-André",
    "Cartier",
    "Mentana",
    "Boyer",
    "De Bordeaux",
    "Des Érables",
    "Des Pins",
    "Des Ormes",
    "Des Chênes",
    "Des Bouleaux",
    "Des Cèdres",
    "Des Lilas",
    "Des Pommiers",
    "Du Lac",
    "De la Montagne",
    "De la Rivière",
    "Du Moulin",
    "De l'Église",
    "Principale",
    "Victoria",
    "King",
    "Wellington",
    "Queen",
    "Maple",
    "Oak",
    "Elm",
    "Cedar",
    "Pine",
    "Lakeshore",
    "Hillside",
    "Riverside",
    "Champlain",
    "Frontenac",
    "Cadillac",
    "Jacques-Cartier",
    "Maisonneuve",
    "Laval",
    "Talon",
    "Jean-Talon",
    "Bélanger",
    "Beaubien",
    "Rosemont",
    "Masson",
    "Ontario",
    "Rachel",
    "Mont-Royal",
    "Duluth",
    "Roy",
    "Villeneuve",
    "Saint-Viateur",
    "Fairmount",
    "Bernard",
    "Van Horne",
    "Lajeunesse",
    "Gouin",
    "Fleury",
    "Sauvé",
    "Crémazie",
    "Jarry",
    "Everett",
    "Tillemont",
    "Bellechasse",
    "Dandurand",
    "Holt",
    "Molson",
    "Dorion",
    "Parthenais",
    "Frontenac-Sud",
    "Hochelaga",
    "Ste-Foy",
    "René-Lévesque",
    "Grande Allée",
    "Cartier-Brébeuf",
)
FIRST_FR = (
    "Julie",
    "Marc",
    "Isabelle",
    "Luc",
    "Sophie",
    "François",
    "Nathalie",
    "Pierre",
    "Catherine",
    "Mathieu",
    "Geneviève",
    "Étienne",
    "Chloé",
    "Gabriel",
    "Émilie",
    "Olivier",
    "Mélanie",
    "Hugo",
    "Anne",
    "Sébastien",
    "Marie-Ève",
    "Jean-François",
    "Valérie",
    "Louis",
)
LAST_FR = (
    "Tremblay",
    "Gagnon",
    "Roy",
    "Côté",
    "Bouchard",
    "Gauthier",
    "Morin",
    "Lavoie",
    "Fortin",
    "Gagné",
    "Ouellet",
    "Pelletier",
    "Bélanger",
    "Lévesque",
    "Bergeron",
    "Leblanc",
    "Paquette",
    "Girard",
    "Simard",
    "Boucher",
    "Caron",
    "Beaulieu",
    "Cloutier",
    "Dubé",
    "Poirier",
    "Fournier",
    "Lapointe",
    "Leclerc",
    "Lefebvre",
    "Poulin",
    "Thibault",
    "St-Pierre",
    "Nadeau",
    "Martin",
    "Landry",
    "Giroux",
)
FIRST_EN = (
    "Michael",
    "Sarah",
    "David",
    "Emily",
    "James",
    "Jessica",
    "Robert",
    "Laura",
    "William",
    "Emma",
    "John",
    "Olivia",
    "Daniel",
    "Hannah",
    "Thomas",
    "Grace",
    "Andrew",
    "Rachel",
    "Ryan",
    "Megan",
)
LAST_EN = (
    "Smith",
    "Brown",
    "Wilson",
    "Johnson",
    "Campbell",
    "Stewart",
    "Anderson",
    "Taylor",
    "Thompson",
    "Martin",
    "MacDonald",
    "Young",
    "Clark",
    "Walker",
    "Scott",
    "Murphy",
    "Reid",
    "Robertson",
    "Kelly",
    "Mitchell",
    "Bennett",
    "Hughes",
    "Graham",
    "Ross",
)
COMPANIES = ("Boulangerie", "Garage", "Clinique", "Café", "Librairie", "Quincaillerie", "Studio", "Cabinet")

# Domain masks: TV=1 INT=2 TEL=4 MOB=8.
MASK_BITS = (("TV", 1), ("INT", 2), ("TEL", 4), ("MOB", 8))
FULL, NO_TEL, MOB_ONLY, INT_MOB, NONE = 15, 11, 8, 10, 0
# (mask, weight) per street; a few single addresses are then made not serviceable.
STREET_PROFILES = ((FULL, 80), (NO_TEL, 7), (MOB_ONLY, 5), (INT_MOB, 4), (NONE, 4))

# Basic-service combinations the demo catalog maps to offers (catalog/demo.py), and odd ones it does not.
RESIDENTIAL_COMBINATIONS = (
    ("TVBAS", "INT100"),
    ("INT500",),
    ("TVPLUS", "INT1G", "TELRES"),
    ("INT100", "MOB10"),
    ("MOBUNL",),
    ("INT100",),
    ("TVBAS",),
    ("TVPLUS", "INT500"),
    ("INT1G",),
    ("TVBAS", "INT100", "TELRES"),
    ("TELRES",),
    ("TVPLUS", "INT100"),
    ("TVBAS", "INT500"),
    ("TVPLUS", "INT1G"),
    ("INT100", "TELRES"),
    ("INT500", "TELRES"),
    ("INT500", "MOB10"),
    ("INT1G", "MOBUNL"),
    ("TVPLUS", "INT500", "TELRES"),
    ("TVPLUS", "INT500", "MOBUNL"),
    ("MOB10",),
    ("TVPLUS",),
)
BUSINESS_COMBINATIONS = (
    ("INT100",),
    ("INT500",),
    ("INT1G",),
    ("INT500", "TELRES"),
    ("INT1G", "TELRES"),
    ("INT1G", "TELRES", "MOBUNL"),
)
ODD_COMBINATIONS = (("TVBAS", "TELRES", "MOBUNL"), ("TVPLUS", "MOB10"), ("TELRES", "MOBUNL"))
ODD_SHARE = 0.02

# The fixed demo customers (index → profile); DEMO.md documents them.
FIXED_CUSTOMERS: dict[int, dict[str, Any]] = {
    0: {
        "first": "Julie",
        "last": "Tremblay",
        "language": "fr",
        "type": "RES",
        "status": "active",
        "combo": ("TVBAS", "INT100"),
        "collection": "none",
    },
    1: {
        "first": "Michael",
        "last": "Smith",
        "language": "en",
        "type": "RES",
        "status": "active",
        "combo": ("INT100", "MOB10"),
        "collection": "none",
    },
    2: {
        "first": "Marc",
        "last": "Gagnon",
        "language": "fr",
        "type": "EMP",
        "status": "active",
        "combo": ("TVPLUS", "INT1G", "TELRES"),
        "collection": "none",
    },
    3: {
        "first": "Isabelle",
        "last": "Roy",
        "language": "fr",
        "type": "RES",
        "status": "active",
        "combo": ("INT500",),
        "collection": "collection",
    },
    4: {
        "first": "Sarah",
        "last": "Wilson",
        "language": "en",
        "type": "RES",
        "status": "active",
        "combo": ("TVBAS", "TELRES", "MOBUNL"),
        "collection": "none",
    },
    5: {
        "first": "Louis",
        "last": "Côté",
        "language": "fr",
        "type": "VIP",
        "status": "active",
        "combo": ("TVPLUS", "INT1G", "TELRES"),
        "collection": "none",
    },
    6: {
        "first": "David",
        "last": "Campbell",
        "language": "en",
        "type": "BUS",
        "status": "active",
        "combo": ("INT1G", "TELRES"),
        "collection": "none",
        "company": "Campbell Design inc.",
    },
    7: {
        "first": "Nathalie",
        "last": "Morin",
        "language": "fr",
        "type": "RES",
        "status": "suspended",
        "combo": ("TVBAS", "INT100"),
        "collection": "none",
    },
    8: {
        "first": "Robert",
        "last": "Brown",
        "language": "en",
        "type": "RES",
        "status": "cancelled",
        "combo": ("INT100",),
        "collection": "none",
    },
}
OPTIONS = {
    "TV": (("TVSPORT", 0.3), ("TVCINE", 0.15), ("TVPVR", 0.1)),
    "INT": (("INTSECU", 0.1), ("INTIPFIX", 0.03)),
    "TEL": (("TELVM", 0.5), ("TELINTL", 0.1)),
    "MOB": (("MOBROAM", 0.1),),
}
EQUIPMENT_PREFIX = {
    "TERMHD": "THD",
    "TERM4K": "T4K",
    "MODEM": "MDM",
    "GWWIFI6": "GW6",
    "PHONEADPT": "PAD",
    "SIM": "SIM",
}
CARRIERS = ("Bell", "Vidéotron", "Telus", "Rogers", "Fizz")


class _Writer:
    """Append rows to tables: PostgreSQL COPY, or bulk_create on other databases; times each table."""

    def __init__(self) -> None:
        self.connection = connections[DB]
        self.is_postgres = self.connection.vendor == "postgresql"
        self.seconds: dict[str, float] = defaultdict(float)
        self.rows: dict[str, int] = defaultdict(int)

    def write(self, model: type[models.Model], fields: tuple[str, ...], rows: Iterable[tuple]) -> None:
        started = time.perf_counter()
        meta = model._meta
        count = 0
        if self.is_postgres:
            columns = ", ".join(
                self.connection.ops.quote_name(meta.get_field(name).column) for name in fields
            )
            sql = f"COPY {self.connection.ops.quote_name(meta.db_table)} ({columns}) FROM STDIN"
            with self.connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
        else:
            attnames = [meta.get_field(name).attname for name in fields]
            iterator = iter(rows)
            while batch := list(islice(iterator, 2000)):
                model.objects.using(DB).bulk_create(
                    [model(**dict(zip(attnames, row, strict=True))) for row in batch]
                )
                count += len(batch)
        self.seconds[meta.db_table] += time.perf_counter() - started
        self.rows[meta.db_table] += count


class _Ids:
    """Explicit primary keys per table so children can refer to rows written in the same chunk."""

    def __init__(self) -> None:
        self.last: dict[str, int] = defaultdict(int)

    def next(self, table: str) -> int:
        self.last[table] += 1
        return self.last[table]


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENTS)


def _month_start(day: date, months_back: int) -> date:
    month_index = day.year * 12 + day.month - 1 - months_back
    return date(month_index // 12, month_index % 12 + 1, 1)


def _month_end(start: date) -> date:
    return _month_start(start, -1) - timedelta(days=1)


def _codes(mask: int) -> str:
    return ",".join(sorted(code for code, bit in MASK_BITS if mask & bit))


def _technologies(mask: int, fibre: bool) -> str:
    found = set()
    if mask & 7:
        found.add("FTTH" if fibre else "HFC")
    if mask & 8:
        found.add("5G" if fibre else "4G")
    return ",".join(sorted(found))


def _combo_mask(combo: tuple[str, ...], domain_of: dict[str, str]) -> int:
    bits = dict(MASK_BITS)
    mask = 0
    for code in combo:
        mask |= bits[domain_of[code]]
    return mask


def _wipe(stdout: Any) -> None:
    """Empty every embedded Pro-Cable table (children first)."""
    ordered = (
        Intervention,
        Letter,
        Appointment,
        TechnicianCapacity,
        WorkOrder,
        Payment,
        Usage,
        InvoiceLine,
        Invoice,
        MobileTransaction,
        MobileLine,
        PhoneNumber,
        Commitment,
        Equipment,
        CustomerService,
        Customer,
        Counter,
        Address,
        Street,
        Cmts,
        Zone,
        City,
        ServicePrice,
        Service,
        SeedMark,
    )
    connection = connections[DB]
    if connection.vendor == "postgresql":
        tables = ", ".join(connection.ops.quote_name(model._meta.db_table) for model in ordered)
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY")
    else:
        with transaction.atomic(using=DB):
            for model in ordered:
                model.objects.using(DB).all().delete()
    stdout.write("procable: previous demo data removed")


@contextmanager
def _bulk_load_mode(writer: _Writer, stdout: Any) -> Iterator[None]:
    """On PostgreSQL, load without constraints and secondary indexes, then rebuild them in one pass each.

    Checking foreign keys row by row at every commit and growing a dozen B-trees row by row cost
    more than the COPY itself at millions of rows; rebuilding them afterwards validates the same
    rules. Other databases load with their constraints in place.
    """
    connection = connections[DB]
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.conrelid::regclass::text, c.conname, c.contype, pg_get_constraintdef(c.oid) "
            "FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid "
            "WHERE t.relname LIKE 'procable\\_%%' AND t.relname <> 'procable_seedmark' "
            "AND c.contype IN ('f', 'u') "
            "ORDER BY c.contype, c.conname"
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename LIKE 'procable\\_%%' "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint) ORDER BY indexname"
        )
        indexes = cursor.fetchall()
        for table, name, _kind, _definition in constraints:  # foreign keys ('f') sort before uniques
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SET synchronous_commit TO off")
        cursor.execute("SET maintenance_work_mem TO '256MB'")
    try:
        yield
    finally:
        started = time.perf_counter()
        with connection.cursor() as cursor:
            for table, name, _kind, definition in sorted(constraints, key=lambda row: row[2] == "f"):
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            for _name, definition in indexes:
                cursor.execute(definition)
            cursor.execute("SET synchronous_commit TO DEFAULT")
        writer.seconds["(constraints and indexes rebuilt)"] += time.perf_counter() - started
        stdout.write(f"procable: {len(constraints)} constraints and {len(indexes)} indexes rebuilt")


def seed(*, seed: int, customers: int, addresses: int, stdout: Any, writer: _Writer | None = None) -> None:
    """Build the demo operator (see the module docstring); `writer` lets the benchmark read timings."""
    mark = SeedMark.objects.using(DB).order_by("-id").first()
    if mark and (mark.seed, mark.customers, mark.addresses) == (seed, customers, addresses):
        stdout.write(f"procable: demo operator (seed {seed}) already there, skipped")
        return
    if mark or Customer.objects.using(DB).exists() or Address.objects.using(DB).exists():
        _wipe(stdout)
    builder = _Builder(
        seed=seed,
        customers=customers,
        addresses=max(addresses, SHOWCASE_ADDRESSES + 5),
        writer=writer or _Writer(),
    )
    with _bulk_load_mode(builder.writer, stdout):
        builder.run()
    SeedMark.objects.using(DB).create(seed=seed, customers=customers, addresses=addresses)
    rows = sum(builder.writer.rows.values())
    stdout.write(f"procable: {customers} customers, {builder.n_addresses} addresses, {rows} rows")


class _Builder:
    def __init__(self, *, seed: int, customers: int, addresses: int, writer: _Writer) -> None:
        self.rng = random.Random(seed)
        self.n_customers = customers
        self.n_addresses = addresses
        self.writer = writer
        self.ids = _Ids()
        self.today = timezone.localdate()
        self.services = {service.code: service for service in demo_codes.SERVICES}
        self.domain_of = {code: service.domain for code, service in self.services.items()}
        # Per street: (city index, postal code, zone id, cmts id); per address: street index, domain mask.
        self.streets: list[tuple[int, str, int, int]] = []
        self.address_street = array("I")
        self.address_mask = bytearray()
        self.zone_ids_by_city: dict[int, list[int]] = {}
        self.booked: dict[tuple[int, date, str], int] = defaultdict(int)
        self.base_capacity: dict[tuple[int, date, str], int] = {}

    def run(self) -> None:
        self._services()
        self._places()
        self._capacity_plan()
        self._customers()
        self._stock()
        self._capacity_write()
        self._counters()
        connection = connections[DB]
        statements = connection.ops.sequence_reset_sql(
            no_style(),
            [
                City,
                Zone,
                Cmts,
                Street,
                Address,
                Service,
                ServicePrice,
                Customer,
                CustomerService,
                Equipment,
                Commitment,
                PhoneNumber,
                MobileLine,
                MobileTransaction,
                Invoice,
                InvoiceLine,
                Usage,
                Payment,
                WorkOrder,
                TechnicianCapacity,
                Appointment,
                Letter,
                Intervention,
            ],
        )
        if statements:
            with connection.cursor() as cursor:
                for statement in statements:
                    cursor.execute(statement)

    # --- services and prices ----------------------------------------------------------------------
    def _services(self) -> None:
        write = self.writer.write
        with transaction.atomic(using=DB):
            write(
                Service,
                ("id", "code", "domain", "kind", "label_en", "label_fr", "buy_price"),
                [
                    (index, s.code, s.domain, s.kind, s.label_en, s.label_fr, s.buy_price)
                    for index, s in enumerate(demo_codes.SERVICES, start=1)
                ],
            )
            rows = []
            for s in demo_codes.SERVICES:
                if s.kind in ("basic", "option"):  # an older, lower price until 2026
                    rows.append(
                        (
                            self.ids.next("price"),
                            s.code,
                            _money(s.monthly * Decimal("0.9")),
                            s.one_time,
                            date(2023, 1, 1),
                            OLD_PRICE_UNTIL,
                        )
                    )
                rows.append((self.ids.next("price"), s.code, s.monthly, s.one_time, OLD_PRICE_UNTIL, None))
            write(
                ServicePrice,
                ("id", "service", "monthly_price", "one_time_price", "valid_from", "valid_to"),
                rows,
            )

    # --- cities, zones, CMTS, streets, addresses ----------------------------------------------------
    def _places(self) -> None:
        rng, write = self.rng, self.writer.write
        total_weight = sum(city[2] for city in CITIES)
        zone_rows, cmts_rows, city_rows = [], [], []
        cmts_by_zone: dict[int, list[int]] = {}
        for city_index, (code, name, _weight, _prefixes, _area, zones) in enumerate(CITIES):
            city_rows.append((city_index + 1, code, name, "QC"))
            self.zone_ids_by_city[city_index] = []
            for zone_number in range(1, zones + 1):
                zone_id = self.ids.next("zone")
                zone_rows.append(
                    (zone_id, f"{code}-{zone_number:02d}", f"{name} {zone_number}", city_index + 1)
                )
                self.zone_ids_by_city[city_index].append(zone_id)
                cmts_by_zone[zone_id] = []
                for letter in "AB":
                    cmts_id = self.ids.next("cmts")
                    cmts_rows.append((cmts_id, f"CMTS-{code}{zone_number:02d}{letter}", zone_id))
                    cmts_by_zone[zone_id].append(cmts_id)
        with transaction.atomic(using=DB):
            write(City, ("id", "code", "name", "province"), city_rows)
            write(Zone, ("id", "code", "name", "city"), zone_rows)
            write(Cmts, ("id", "code", "zone"), cmts_rows)

        # Streets: every name combination once per city, as long as needed for this many addresses.
        per_street = max(12, self.n_addresses // (len(CITIES) * len(STREET_TYPES) * len(STREET_NAMES)) + 1)
        street_rows = []
        plan: list[tuple[int, int, int]] = []  # (street id, addresses on it, street mask)
        for city_index, (_code, _name, weight, prefixes, _area, _zones) in enumerate(CITIES):
            city_addresses = self.n_addresses * weight // total_weight
            if city_index == 0:
                city_addresses += self.n_addresses - sum(
                    self.n_addresses * c[2] // total_weight for c in CITIES
                )
            names = [*SHOWCASE_STREETS] if city_index == 0 else []
            names += [f"{kind} {base}" for base in STREET_NAMES for kind in STREET_TYPES[3:]]
            names += [f"rue {base}" for base in STREET_NAMES]
            if city_index:
                rng.shuffle(names)
            remaining, position = city_addresses, 0
            while remaining > 0:
                if position < len(names):
                    street_name = names[position]
                else:
                    street_name = f"{position - len(names) + 1}e Avenue"
                position += 1
                count = min(remaining, per_street)
                remaining -= count
                street_id = self.ids.next("street")
                zone_id = rng.choice(self.zone_ids_by_city[city_index])
                cmts_id = rng.choice(cmts_by_zone[zone_id])
                letter = chr(65 + rng.randint(0, 25))
                postal = f"{rng.choice(prefixes)} {rng.randint(1, 9)}{letter}{rng.randint(0, 9)}"
                self.streets.append((city_index, postal, zone_id, cmts_id))
                street_rows.append((street_id, city_index + 1, street_name, street_key(street_name)))
                mask = (
                    FULL
                    if street_id <= 3
                    else rng.choices([p[0] for p in STREET_PROFILES], [p[1] for p in STREET_PROFILES])[0]
                )
                plan.append((street_id, count, mask))
        with transaction.atomic(using=DB):
            write(Street, ("id", "city", "name", "name_key"), street_rows)

        fields = (
            "id",
            "street",
            "civic_number",
            "apartment",
            "postal_code",
            "zone",
            "cmts",
            "serviceable",
            "domains",
            "technologies",
        )
        showcase = {
            1: (FULL, False),
            2: (FULL, True),
            3: (FULL, False),
            4: (NO_TEL, False),
            5: (MOB_ONLY, False),
            6: (NONE, False),
            7: (NONE, False),
            8: (FULL, False),
            9: (FULL, True),
            10: (INT_MOB, True),
        }

        def rows() -> Iterator[tuple]:
            for street_id, count, street_mask in plan:
                _city, postal, zone_id, cmts_id = self.streets[street_id - 1]
                fibre = street_id % 3 == 0
                civic, made = rng.randint(1, 40) * 10, 0
                while made < count:
                    apartments = rng.choice((1, 1, 1, 1, 2, 3, 4, 6, 8)) if count - made > 8 else 1
                    for apartment_number in range(apartments):
                        address_id = len(self.address_mask) + 1
                        mask, fibre_here = street_mask, fibre
                        if address_id in showcase:
                            mask, fibre_here = showcase[address_id]
                        elif mask and rng.random() < 0.02:
                            mask = NONE  # a building the network does not reach
                        apartment = "" if apartments == 1 else str(100 + apartment_number + 1)
                        self.address_street.append(street_id - 1)
                        self.address_mask.append(mask)
                        yield (
                            address_id,
                            street_id,
                            civic,
                            apartment,
                            postal,
                            zone_id if mask else None,
                            cmts_id if mask & 7 else None,
                            bool(mask),
                            _codes(mask),
                            _technologies(mask, fibre_here),
                        )
                        made += 1
                        if made == count:
                            break
                    civic += rng.choice((2, 2, 4, 6, 10))

        iterator = rows()
        while True:
            with transaction.atomic(using=DB):
                batch = list(islice(iterator, 100000))
                if not batch:
                    break
                write(Address, fields, batch)

    # --- technician capacity --------------------------------------------------------------------------
    def _capacity_plan(self) -> None:
        for zone_ids in self.zone_ids_by_city.values():
            for zone_id in zone_ids:
                for offset in range(1, CAPACITY_DAYS + 1):
                    day = self.today + timedelta(days=offset)
                    capacity = 0 if day.weekday() == 6 else self.rng.randint(3, 8)
                    for period in ("AM", "PM"):
                        self.base_capacity[(zone_id, day, period)] = capacity

    def _capacity_write(self) -> None:
        # The first Montréal zone's first working morning is full: the "slot full" demo.
        first_zone = self.zone_ids_by_city[0][0]
        first_day = min(
            day for (zone, day, _p), cap in self.base_capacity.items() if zone == first_zone and cap
        )
        rows = []
        for (zone_id, day, period), capacity in sorted(self.base_capacity.items()):
            booked = self.booked.get((zone_id, day, period), 0)
            if (zone_id, day, period) == (first_zone, first_day, "AM"):
                booked = capacity = max(capacity, booked)
            rows.append((self.ids.next("capacity"), zone_id, day, period, max(capacity, booked), booked))
        with transaction.atomic(using=DB):
            self.writer.write(TechnicianCapacity, ("id", "zone", "day", "period", "capacity", "booked"), rows)

    # --- equipment in stock -----------------------------------------------------------------------------
    def _stock(self) -> None:
        per_code = 20 + self.n_customers // 100
        rows = []
        for code, prefix in EQUIPMENT_PREFIX.items():
            for number in range(1, per_code + 1):
                rows.append(
                    (
                        self.ids.next("equipment"),
                        f"{prefix}S{number:08d}",
                        code,
                        "stock",
                        "",
                        None,
                        None,
                        None,
                    )
                )
        with transaction.atomic(using=DB):
            self.writer.write(
                Equipment,
                (
                    "id",
                    "serial_number",
                    "service",
                    "status",
                    "ownership",
                    "customer",
                    "assigned_on",
                    "returned_on",
                ),
                rows,
            )

    def _counters(self) -> None:
        with transaction.atomic(using=DB):
            Counter.objects.using(DB).update_or_create(
                name="customer", defaults={"value": 100000 + self.n_customers}
            )
            Counter.objects.using(DB).update_or_create(
                name="work_order", defaults={"value": self.ids.last["wo"]}
            )

    # --- customers and their histories ----------------------------------------------------------------
    def _customer_addresses(self) -> Iterator[int]:
        """Distinct serviceable addresses (outside the showcase), spread over every city."""
        span = len(self.address_mask) - SHOWCASE_ADDRESSES
        stride = 7919 if span % 7919 else 7907
        position = 0
        while True:
            for _turn in range(span):
                index = SHOWCASE_ADDRESSES + position
                position = (position + stride) % span
                if self.address_mask[index]:
                    yield index
            # more customers than serviceable addresses: walk again (several files per address)

    def _customers(self) -> None:
        addresses = self._customer_addresses()
        for start in range(0, self.n_customers, CHUNK):
            tables: dict[str, list[tuple]] = defaultdict(list)
            for index in range(start, min(start + CHUNK, self.n_customers)):
                address_index = next(addresses)
                while index in FIXED_CUSTOMERS and self.address_mask[address_index] != FULL:
                    address_index = next(addresses)  # fixed customers live where everything is sold
                self._customer(index, address_index, tables)
            with transaction.atomic(using=DB):
                for model, fields, key in TABLES:
                    if tables[key]:
                        self.writer.write(model, fields, tables[key])

    def _customer(self, index: int, address_index: int, out: dict[str, list[tuple]]) -> None:
        rng, today, services = self.rng, self.today, self.services
        fixed = FIXED_CUSTOMERS.get(index)
        customer_id = index + 1
        number = str(100001 + index)
        mask = self.address_mask[address_index]
        city_index, postal, zone_id, _cmts = self.streets[self.address_street[address_index]]
        area = CITIES[city_index][4]
        if fixed:
            language, customer_type, status = fixed["language"], fixed["type"], fixed["status"]
            first, last, combo, collection = (
                fixed["first"],
                fixed["last"],
                fixed["combo"],
                fixed["collection"],
            )
            company = fixed.get("company", "")
        else:
            language = "fr" if rng.random() < 0.7 else "en"
            customer_type = rng.choices(("RES", "BUS", "EMP", "VIP"), (80, 10, 5, 5))[0]
            status = rng.choices(("active", "suspended", "cancelled"), (88, 5, 7))[0]
            collection = "none"
            if status != "cancelled":
                collection = rng.choices(("none", "reminder", "collection"), (93, 4, 3))[0]
            french = language == "fr" if rng.random() < 0.9 else language != "fr"
            first = rng.choice(FIRST_FR if french else FIRST_EN)
            last = rng.choice(LAST_FR if french else LAST_EN)
            company = f"{rng.choice(COMPANIES)} {last}" if customer_type == "BUS" else ""
            pool = BUSINESS_COMBINATIONS if customer_type == "BUS" else RESIDENTIAL_COMBINATIONS
            if rng.random() < ODD_SHARE:
                pool = ODD_COMBINATIONS
            fitting = [
                c for c in pool if _combo_mask(c, self.domain_of) & mask == _combo_mask(c, self.domain_of)
            ]
            combo = rng.choice(fitting or [("MOB10",)])
        group_code = {"EMP": "EMP", "BUS": "BUS"}.get(customer_type, "RG")
        full = index < FULL_HISTORY_CUSTOMERS
        created_on = today - timedelta(days=400 + index % 7 if fixed else rng.randint(60, 3000))
        months = 12 if full else 1

        # Services: basic, options, rented equipment.
        lines: list[tuple[str, int, Decimal]] = []  # monthly invoice lines (code, quantity, unit price)
        domains = [self.domain_of[code] for code in combo]
        for code in combo:
            lines.append((code, 1, services[code].monthly))
        for domain in dict.fromkeys(domains):
            for code, share in OPTIONS[domain]:
                if rng.random() < share:
                    lines.append((code, 1, services[code].monthly))
        has_pvr = any(code == "TVPVR" for code, _q, _p in lines)
        equipment: list[tuple[str, str]] = []  # (code, ownership)
        for domain in dict.fromkeys(domains):
            if domain == "TV":
                equipment.append(
                    ("TERM4K" if has_pvr else "TERMHD", "rent" if rng.random() < 0.85 else "buy")
                )
                if rng.random() < 0.3:
                    equipment.append(("TERMHD", "rent"))
            elif domain == "INT":
                equipment.append(
                    ("GWWIFI6" if "INT1G" in combo else "MODEM", "rent" if rng.random() < 0.85 else "buy")
                )
            elif domain == "TEL":
                equipment.append(("PHONEADPT", "rent"))
        line_count = 0
        if "MOB" in domains:
            line_count = 1 if fixed else rng.choice((1, 1, 1, 2, 2, 3))
            equipment.extend(("SIM", "buy") for _line in range(line_count))
        for code, ownership in equipment:
            if ownership == "rent":
                lines.append((code, 1, services[code].monthly))
        if line_count > 1:  # additional mobile lines billed at the plan price
            mobile_code = next(code for code in combo if self.domain_of[code] == "MOB")
            lines = [(c, line_count if c == mobile_code else q, p) for c, q, p in lines]
        ended = status == "cancelled"
        for code, quantity, price in lines:
            out["service"].append(
                (
                    self.ids.next("cs"),
                    customer_id,
                    code,
                    quantity,
                    created_on,
                    today - timedelta(days=20) if ended else None,
                    price,
                )
            )
        for code, ownership in equipment:
            equipment_id = self.ids.next("equipment")
            out["equipment"].append(
                (
                    equipment_id,
                    f"{EQUIPMENT_PREFIX[code]}{equipment_id:09d}",
                    code,
                    "returned" if ended and ownership == "rent" else "assigned",
                    ownership,
                    customer_id,
                    created_on,
                    today - timedelta(days=20) if ended else None,
                )
            )
        committed = any(d in ("TV", "INT") for d in domains) and rng.random() < 0.4
        if committed:
            main = next(code for code in combo if self.domain_of[code] in ("TV", "INT"))
            out["commitment"].append(
                (
                    self.ids.next("commitment"),
                    customer_id,
                    main,
                    created_on,
                    created_on + timedelta(days=730),
                    Decimal("150.00"),
                )
            )
        for _phone in range(1 if "TEL" in domains else 0):
            phone_id = self.ids.next("phone")
            ported = rng.random() < 0.2
            out["phone"].append(
                (
                    phone_id,
                    f"{area}{2000000 + phone_id:07d}",
                    customer_id,
                    ",".join(sorted(c for c, _q, _p in lines if c in ("TELVM", "TELINTL"))),
                    ported,
                    rng.choice(CARRIERS) if ported else "",
                    "done" if ported else "none",
                    rng.random() < 0.6,
                    f"{last} {first[0]}.",
                )
            )
        msisdns = []
        for _line in range(line_count):
            line_id = self.ids.next("mobile")
            msisdn = f"{'438' if area == '514' else area}{5000000 + line_id:07d}"
            msisdns.append(msisdn)
            plan = next(code for code in combo if self.domain_of[code] == "MOB")
            out["mobile"].append(
                (
                    line_id,
                    msisdn,
                    customer_id,
                    plan,
                    f"89302{line_id:014d}",
                    "cancelled" if ended else ("suspended" if status == "suspended" else "active"),
                    created_on,
                )
            )
            out["mobile_tx"].append(
                (
                    self.ids.next("mobile_tx"),
                    line_id,
                    "activation",
                    datetime.combine(created_on, datetime.min.time(), UTC) + timedelta(hours=15),
                    Decimal("0.00"),
                    "Activation",
                )
            )
            if full:
                for month in range(1, 4):
                    when = datetime.combine(
                        today - timedelta(days=30 * month + rng.randint(0, 20)), datetime.min.time(), UTC
                    ) + timedelta(hours=rng.randint(8, 20))
                    kind = rng.choice(("top_up", "roaming", "plan_change", "sim_swap"))
                    amount = Decimal("10.00") if kind in ("top_up", "roaming") else Decimal("0.00")
                    out["mobile_tx"].append(
                        (
                            self.ids.next("mobile_tx"),
                            line_id,
                            kind,
                            when,
                            amount,
                            kind.replace("_", " ").capitalize(),
                        )
                    )

        # Invoices (monthly, newest last), lines, payments.
        method = rng.choices(("bill", "pad", "card"), (50, 35, 15))[0]
        monthly_subtotal = sum((price * quantity for _c, quantity, price in lines), Decimal("0"))
        unpaid_months = 3 if collection == "collection" else (1 if collection == "reminder" else 0)
        balance = Decimal("0.00")
        for back in range(months, 0, -1):
            period_start = _month_start(today, back - 1)
            if period_start < created_on.replace(day=1) or (ended and back == 1):
                continue
            invoice_id = self.ids.next("invoice")
            subtotal = monthly_subtotal
            taxes = _money(subtotal * TAX_RATE)
            total = subtotal + taxes
            due_on = period_start + timedelta(days=21)
            is_paid = back > unpaid_months and due_on < today
            out["invoice"].append(
                (
                    invoice_id,
                    f"F{invoice_id:010d}",
                    customer_id,
                    period_start,
                    due_on,
                    period_start,
                    _month_end(period_start),
                    subtotal,
                    taxes,
                    total,
                    is_paid,
                )
            )
            for code, quantity, price in lines:
                label = services[code].label_fr if language == "fr" else services[code].label_en
                out["invoice_line"].append(
                    (
                        self.ids.next("invoice_line"),
                        invoice_id,
                        code,
                        label,
                        quantity,
                        price,
                        price * quantity,
                    )
                )
            if is_paid:
                out["payment"].append(
                    (
                        self.ids.next("payment"),
                        customer_id,
                        due_on - timedelta(days=3),
                        total,
                        method,
                        f"P{invoice_id:010d}",
                    )
                )
            else:
                balance += total

        # Usage (full history): monthly data, voice, SMS, pay-per-view.
        if full:
            for back in range(months, 0, -1):
                day = _month_start(today, back - 1) + timedelta(days=27)
                if day < created_on or day > today:
                    continue
                if "INT" in domains:
                    out["usage"].append(
                        (
                            self.ids.next("usage"),
                            customer_id,
                            "data",
                            day,
                            Decimal(rng.randint(80, 900)),
                            "GB",
                            Decimal("0.00"),
                        )
                    )
                if "MOB" in domains:
                    out["usage"].append(
                        (
                            self.ids.next("usage"),
                            customer_id,
                            "data",
                            day,
                            Decimal(rng.randint(1, 14)),
                            "GB",
                            Decimal("0.00"),
                        )
                    )
                    out["usage"].append(
                        (
                            self.ids.next("usage"),
                            customer_id,
                            "voice",
                            day,
                            Decimal(rng.randint(20, 600)),
                            "min",
                            Decimal("0.00"),
                        )
                    )
                    out["usage"].append(
                        (
                            self.ids.next("usage"),
                            customer_id,
                            "sms",
                            day,
                            Decimal(rng.randint(10, 400)),
                            "sms",
                            Decimal("0.00"),
                        )
                    )
                if "TV" in domains and rng.random() < 0.2:
                    out["usage"].append(
                        (
                            self.ids.next("usage"),
                            customer_id,
                            "ppv",
                            day,
                            Decimal(1),
                            "event",
                            Decimal("5.99"),
                        )
                    )

        # Work orders, appointments, interventions, letters.
        install_at = datetime.combine(created_on, datetime.min.time(), UTC) + timedelta(hours=14)
        cable = any(d in ("TV", "INT", "TEL") for d in domains)
        wo_code = "WOINST" if cable else "WOMOB"
        install_id = self._work_order(
            out,
            customer_id,
            wo_code,
            "primary",
            "DONE",
            created_on + timedelta(days=5),
            created_on + timedelta(days=5),
            install_at,
        )
        if full:
            if cable:
                install_day = created_on + timedelta(days=5)
                out["appointment"].append(
                    (
                        self.ids.next("appointment"),
                        customer_id,
                        zone_id,
                        install_day,
                        "AM",
                        "done",
                        install_id,
                        install_at,
                    )
                )
                out["intervention"].append(
                    (
                        self.ids.next("intervention"),
                        customer_id,
                        install_day,
                        "installation",
                        "Installation and activation",
                        f"TECH{rng.randint(1, 40):03d}",
                        install_id,
                    )
                )
                if rng.random() < 0.25:
                    repair_day = today - timedelta(days=rng.randint(10, 300))
                    if repair_day > install_day:
                        out["intervention"].append(
                            (
                                self.ids.next("intervention"),
                                customer_id,
                                repair_day,
                                "repair",
                                "Signal repaired at the tap",
                                f"TECH{rng.randint(1, 40):03d}",
                                None,
                            )
                        )
            if committed:
                self._work_order(
                    out, customer_id, "WOCONTRACT", "contract", "DONE", created_on, created_on, install_at
                )
            if cable and status == "active" and (rng.random() < 0.1 or index == 0):
                self._future_appointment(out, customer_id, zone_id)
            out["letter"].append(
                (
                    self.ids.next("letter"),
                    customer_id,
                    "LWELCOME",
                    language,
                    install_at,
                    install_at + timedelta(days=1),
                )
            )
            if method == "pad":
                out["letter"].append(
                    (
                        self.ids.next("letter"),
                        customer_id,
                        "LPAD",
                        language,
                        install_at,
                        install_at + timedelta(days=1),
                    )
                )

        # The customer row, last (its balance sums the unpaid invoices).
        email_name = search_key(f"{first}.{last}").replace(" ", "").replace("'", "")
        card = (
            (
                f"tok_demo_{customer_id:08x}",
                rng.choice(("VISA", "MC")),
                f"{rng.randint(0, 9999):04d}",
                f"{rng.randint(1, 12):02d}/{rng.randint(27, 31)}",
            )
            if method == "card"
            else ("", "", "", "")
        )
        bank = (
            (
                f"{rng.choice((1, 2, 3, 6, 815)):03d}",
                f"{rng.randint(10000, 99999)}",
                f"{rng.randint(1000000, 9999999)}",
            )
            if method == "pad"
            else ("", "", "")
        )
        out["customer"].append(
            (
                customer_id,
                number,
                first,
                last,
                search_key(last),
                company,
                f"{email_name}{customer_id}@example.com",
                f"{area}{rng.randint(2000000, 9999999)}",
                msisdns[0] if msisdns else "",
                language,
                customer_type,
                group_code,
                status,
                collection,
                address_index + 1,
                postal,
                self.address_street[address_index] + 1,
                balance,
                method,
                *bank,
                *card,
                created_on,
                install_at,
                False,
                "",
                "",
                None,
            )
        )

    def _work_order(
        self,
        out: dict[str, list[tuple]],
        customer_id: int,
        code: str,
        category: str,
        status: str,
        expected_on: date | None,
        completed_on: date | None,
        created_at: datetime,
    ) -> int:
        order_id = self.ids.next("wo")
        out["work_order"].append(
            (
                order_id,
                f"WO{order_id:08d}",
                customer_id,
                code,
                category,
                status,
                expected_on,
                completed_on if status == "DONE" else None,
                created_at,
                "",
            )
        )
        return order_id

    def _future_appointment(self, out: dict[str, list[tuple]], customer_id: int, zone_id: int) -> None:
        for offset in range(2, CAPACITY_DAYS + 1):
            day = self.today + timedelta(days=offset)
            for period in ("AM", "PM"):
                key = (zone_id, day, period)
                if self.booked[key] < self.base_capacity.get(key, 0) - 1:
                    self.booked[key] += 1
                    now = datetime.combine(self.today, datetime.min.time(), UTC) + timedelta(hours=12)
                    order_id = self._work_order(
                        out, customer_id, "WOCHG", "secondary", "SCHED", day, None, now
                    )
                    out["appointment"].append(
                        (
                            self.ids.next("appointment"),
                            customer_id,
                            zone_id,
                            day,
                            period,
                            "booked",
                            order_id,
                            now,
                        )
                    )
                    return


CUSTOMER_FIELDS = (
    "id",
    "number",
    "first_name",
    "last_name",
    "last_name_key",
    "company_name",
    "email",
    "phone_home",
    "phone_mobile",
    "language",
    "customer_type",
    "group_code",
    "status",
    "collection_status",
    "address",
    "postal_code",
    "street",
    "balance",
    "payment_method",
    "bank_institution",
    "bank_transit",
    "bank_account",
    "card_token",
    "card_brand",
    "card_last4",
    "card_expiry",
    "created_on",
    "updated_at",
    "is_locked",
    "lock_reason",
    "locked_by",
    "locked_at",
)
TABLES: tuple[tuple[type[models.Model], tuple[str, ...], str], ...] = (
    (Customer, CUSTOMER_FIELDS, "customer"),
    (
        CustomerService,
        ("id", "customer", "service", "quantity", "started_on", "ended_on", "monthly_price"),
        "service",
    ),
    (
        Equipment,
        ("id", "serial_number", "service", "status", "ownership", "customer", "assigned_on", "returned_on"),
        "equipment",
    ),
    (
        Commitment,
        ("id", "customer", "service", "started_on", "ends_on", "early_termination_fee"),
        "commitment",
    ),
    (
        PhoneNumber,
        (
            "id",
            "number",
            "customer",
            "options",
            "is_ported",
            "ported_from",
            "portability_status",
            "directory_listed",
            "directory_name",
        ),
        "phone",
    ),
    (MobileLine, ("id", "msisdn", "customer", "plan_code", "sim_serial", "status", "activated_on"), "mobile"),
    (MobileTransaction, ("id", "line", "kind", "occurred_at", "amount", "description"), "mobile_tx"),
    (
        Invoice,
        (
            "id",
            "number",
            "customer",
            "issued_on",
            "due_on",
            "period_start",
            "period_end",
            "subtotal",
            "taxes",
            "total",
            "is_paid",
        ),
        "invoice",
    ),
    (
        InvoiceLine,
        ("id", "invoice", "service_code", "label", "quantity", "unit_price", "amount"),
        "invoice_line",
    ),
    (Payment, ("id", "customer", "paid_on", "amount", "method", "reference"), "payment"),
    (Usage, ("id", "customer", "kind", "recorded_on", "quantity", "unit", "amount"), "usage"),
    (
        WorkOrder,
        (
            "id",
            "number",
            "customer",
            "code",
            "category",
            "status",
            "expected_on",
            "completed_on",
            "created_at",
            "note",
        ),
        "work_order",
    ),
    (
        Appointment,
        ("id", "customer", "zone", "day", "period", "status", "work_order", "created_at"),
        "appointment",
    ),
    (Letter, ("id", "customer", "code", "language", "created_at", "sent_at"), "letter"),
    (
        Intervention,
        ("id", "customer", "occurred_on", "kind", "description", "technician_code", "work_order"),
        "intervention",
    ),
)
