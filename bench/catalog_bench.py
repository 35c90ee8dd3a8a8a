"""Benchmark: catalog offers at an address and priced quotes through the back API, and a full catalog import.

Creates PostgreSQL databases weblys_catbench_<alias> (dropped first), migrates them, seeds
`security param procable catalog`, starts the back under gunicorn (2 workers, Redis cache) and sends
sequential calls with httpx: GET /api/v1/catalog/offers?address_id= over random addresses (after one
warming pass) and POST /api/v1/catalog/quotes (each with its own Idempotency-Key). Then it generates a
workbook of 10,000 services, 1,000 offers and 100,000 price rows and times `catalog_load` on it
(reading the .xlsx included). Writes the figures to bench/results/catalog.md.

    .venv/bin/python bench/catalog_bench.py [--requests 2000] [--addresses 20000] [--customers 2000]
        [--procable-url postgres://.../weblys_seedbench_procable]   # reuse a seeded Pro-Cable (read only)
        [--pg postgres://postgres@127.0.0.1:5432] [--port 8931] [--skip-api] [--skip-import]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
ALIASES = ["weblys", "catalog", "rules", "param", "security", "customlogin", "wecrm", "diagtree", "procable"]
PREFIX = "weblys_catbench"
TOKEN = "bench-token"
sys.path.insert(0, str(ROOT))


def _env(pg: str, procable_url: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for alias in ALIASES:
        env[f"WEBLYS_DB_{alias.upper()}_URL"] = f"{pg}/{PREFIX}_{alias}"
    if procable_url:
        env["WEBLYS_DB_PROCABLE_URL"] = procable_url
    env.update(
        {
            "BACK_DEBUG": "0",
            "BACK_SECRET_KEY": "bench-secret",
            "WEBLYS_SERVICE_TOKEN": TOKEN,
            "BACK_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "WEBLYS_REDIS_URL": "redis://127.0.0.1:6379/13",
            "WEBLYS_LOG_LEVEL": "WARNING",
        }
    )
    return env


def _create_databases(pg: str, procable_url: str | None) -> None:
    import psycopg

    with psycopg.connect(f"{pg}/postgres", autocommit=True) as connection:
        for alias in ALIASES:
            if alias == "procable" and procable_url:
                continue
            connection.execute(f'DROP DATABASE IF EXISTS "{PREFIX}_{alias}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{PREFIX}_{alias}"')


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args, "--skip-checks"], cwd=ROOT, env=env, check=True)


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    quantiles = statistics.quantiles(ordered, n=100, method="inclusive")
    return {
        "p50": quantiles[49],
        "p95": quantiles[94],
        "p99": quantiles[98],
        "max": ordered[-1],
        "n": len(ordered),
    }


def _address_ids(procable_url: str, count: int) -> list[int]:
    import psycopg

    with psycopg.connect(procable_url) as connection:
        total = connection.execute("SELECT max(id) FROM procable_address").fetchone()[0]
        rng = random.Random(7)
        wanted = sorted({rng.randint(1, total) for _ in range(count * 2)})
        rows = connection.execute("SELECT id FROM procable_address WHERE id = ANY(%s)", (wanted,)).fetchall()
    ids = [row[0] for row in rows]
    rng.shuffle(ids)
    return ids[:count]


def bench_api(args: argparse.Namespace, env: dict[str, str], procable_url: str) -> dict[str, dict]:
    """Start gunicorn, warm the cache, measure offers and quotes."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "back.wsgi:application"],
        cwd=ROOT,
        env={
            **env,
            "WEBLYS_GUNICORN_BIND": f"127.0.0.1:{args.port}",
            "WEBLYS_GUNICORN_WORKERS": "2",
            "WEBLYS_GUNICORN_THREADS": "1",
            "WEBLYS_GUNICORN_MAX_REQUESTS": "0",
        },
    )
    try:
        base = f"http://127.0.0.1:{args.port}"
        client = httpx.Client(
            base_url=base, headers={"X-Service-Token": TOKEN, "Accept-Language": "fr"}, timeout=10
        )
        for _ in range(100):
            try:
                if client.get("/health/").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        pool = _address_ids(procable_url, args.sample + args.requests)
        addresses, fresh = pool[: args.sample], pool[args.sample :]
        for address_id in addresses:  # warming pass: every worker fills the shared (Redis) cache
            client.get("/api/v1/catalog/offers", params={"address_id": address_id}).raise_for_status()
        rng = random.Random(11)
        offers: list[float] = []
        counts: list[int] = []
        for _ in range(args.requests):
            address_id = rng.choice(addresses)
            started = time.perf_counter()
            response = client.get("/api/v1/catalog/offers", params={"address_id": address_id})
            offers.append((time.perf_counter() - started) * 1000)
            response.raise_for_status()
            counts.append(len(response.json()["offers"]))
        # Addresses never asked before: Pro-Cable is read, the eligibility result comes from the cache
        # when another address of the same zone and services was asked (the usual case).
        first_time: list[float] = []
        for address_id in fresh:
            started = time.perf_counter()
            client.get("/api/v1/catalog/offers", params={"address_id": address_id}).raise_for_status()
            first_time.append((time.perf_counter() - started) * 1000)
        selections = [
            {
                "offer_code": "RG_INT100_TVBAS",
                "equipment": [{"code": "TERM4K"}, {"code": "MODEM"}],
                "options": ["TVPVR"],
            },
            {
                "offer_code": "RG_INT500",
                "equipment": [{"code": "GWWIFI6", "acquisition": "buy"}],
                "options": ["INTSECU"],
            },
            {
                "offer_code": "RG_INT1G_TELRES_TVPLUS",
                "commitment_months": 24,
                "equipment": [{"code": "TERMHD"}, {"code": "GWWIFI6"}, {"code": "PHONEADPT"}],
            },
            {
                "offer_code": "RG_MOBUNL",
                "equipment": [{"code": "SIM", "acquisition": "buy"}],
                "options": ["MOBROAM"],
            },
        ]
        quotes: list[float] = []
        for index in range(args.requests):
            body = selections[index % len(selections)]
            started = time.perf_counter()
            response = client.post(
                "/api/v1/catalog/quotes", json=body, headers={"Idempotency-Key": str(uuid.uuid4())}
            )
            quotes.append((time.perf_counter() - started) * 1000)
            if response.status_code != 201:
                raise SystemExit(f"quote refused: {response.status_code} {response.text}")
        return {
            "offers": _percentiles(offers) | {"offers_per_answer": statistics.mean(counts)},
            "offers_first": _percentiles(first_time),
            "quotes": _percentiles(quotes),
        }
    finally:
        server.terminate()
        server.wait(timeout=30)


def _workbook(path: Path, *, services: int, offers: int, prices: int) -> dict[str, int]:
    """A synthetic whole-catalog workbook of the requested size (deterministic)."""
    from catalog.workbook import workbook_write

    per_service = prices // services
    kinds = (["basic"] * 2 + ["option"] * 4 + ["equipment"] * 2 + ["fee"] * 2) * (services // 10 + 1)
    domains = ("TV", "INT", "TEL", "MOB")
    doc: dict[str, list[dict]] = {
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
    by_kind: dict[tuple[str, str], list[str]] = {}
    for index in range(services):
        code, kind, domain = f"S{index:05d}", kinds[index], domains[index % 4]
        by_kind.setdefault((kind, domain), []).append(code)
        doc["services"].append(
            {
                "code": code,
                "domain": domain,
                "kind": kind,
                "label_en": f"Service {index}",
                "label_fr": f"Service {index}",
                "buy_price": "99.00" if kind == "equipment" else None,
                "is_active": True,
            }
        )
        for year in range(per_service):
            doc["prices"].append(
                {
                    "service_code": code,
                    "monthly_price": f"{10 + index % 50 + year}.00",
                    "one_time_price": "0.00",
                    "valid_from": date(2016 + year, 1, 1),
                    "valid_to": None if year == per_service - 1 else date(2016 + year, 12, 31),
                }
            )
    tv, internet = by_kind[("basic", "TV")], by_kind[("basic", "INT")]
    groups = [f"G{g:02d}" for g in range(10)]
    codes = []
    for index in range(offers):
        group = groups[index % 10]
        pair = (tv[index // 10 % len(tv)], internet[index // 10 % len(internet)])
        code = f"O{index:04d}"
        codes.append((code, group))
        doc["offers"].append(
            {
                "code": code,
                "name_en": f"Offer {index}",
                "name_fr": f"Offre {index}",
                "group_code": group,
                "basic_services": " ".join(pair),
                "sort_order": index,
                "is_active": True,
                "valid_from": None,
                "valid_to": None,
            }
        )
        equipment = [by_kind[("equipment", "TV")][index % 50], by_kind[("equipment", "INT")][index % 50]]
        for item in equipment:
            doc["offer_equipment"].append(
                {
                    "offer_code": code,
                    "service_code": item,
                    "is_required": True,
                    "allows_rent": True,
                    "allows_buy": True,
                    "max_quantity": 2,
                }
            )
        for position in range(4):
            doc["offer_options"].append(
                {
                    "offer_code": code,
                    "service_code": by_kind[("option", "TV")][(index + position) % 200],
                    "requires_equipment": equipment[0] if position == 0 else None,
                }
            )
        doc["offer_fees"].append({"offer_code": code, "service_code": by_kind[("fee", "INT")][index % 50]})
        doc["restrictions"].append(
            {"offer_code": code, "criterion": "technology", "effect": "only", "values": "HFC FTTH"}
        )
    for index, (code, _group) in enumerate(codes):
        if index + 10 < len(codes):
            doc["change_paths"].append(
                {"from_offer": code, "to_offer": codes[index + 10][0], "kind": "upsell"}
            )
    for index in range(100):
        doc["promotions"].append(
            {
                "code": f"P{index:03d}",
                "name_en": "Promo",
                "name_fr": "Promo",
                "offer_code": codes[index * 10][0],
                "valid_from": date(2026, 1, 1),
                "valid_to": None,
                "sale_types": "new",
                "channels": "",
                "group_codes": "",
                "min_commitment_months": 0,
                "amount": "5.00",
                "percent": None,
                "duration_months": 12,
            }
        )
    workbook_write(doc, str(path))
    return {sheet: len(rows) for sheet, rows in doc.items()}


def bench_import(env: dict[str, str], args: argparse.Namespace) -> dict[str, float | dict]:
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "back.settings"
    import django

    django.setup()
    from catalog.services import catalog_load
    from catalog.workbook import RowErrors, workbook_read

    path = Path("/tmp/catalog_bench_workbook.xlsx")
    started = time.perf_counter()
    counts = _workbook(path, services=10_000, offers=1_000, prices=100_000)
    generated = time.perf_counter() - started
    timings = {}
    for label in ("first", "again"):
        started = time.perf_counter()
        raw = workbook_read(str(path), RowErrors())
        read = time.perf_counter() - started
        catalog_load(raw=raw)
        timings[label] = {"read": read, "total": time.perf_counter() - started}
    return {"counts": counts, "generate": generated, "size_mb": path.stat().st_size / 1e6, **timings}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--procable-url", help="Use this already seeded Pro-Cable database (read only).")
    parser.add_argument("--addresses", type=int, default=20_000)
    parser.add_argument("--customers", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=2_000)
    parser.add_argument("--sample", type=int, default=500, help="Distinct addresses queried.")
    parser.add_argument("--port", type=int, default=8931)
    parser.add_argument("--skip-api", action="store_true")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--skip-setup", action="store_true", help="Reuse the databases of a previous run.")
    args = parser.parse_args()

    env = _env(args.pg, args.procable_url)
    procable_url = args.procable_url or f"{args.pg}/{PREFIX}_procable"
    apps = (
        ["security", "param", "catalog"]
        if args.procable_url
        else ["security", "param", "procable", "catalog"]
    )
    started = time.perf_counter()
    if args.skip_setup:
        _manage(env, "seed_demo", "--only", "catalog")  # the demo catalog again (an import replaced it)
        apps = ["catalog"]
    else:
        _create_databases(args.pg, args.procable_url)
        _manage(env, "migrate_all", "-v", "0")
        sizes = ["--customers", str(args.customers), "--addresses", str(args.addresses)]
        _manage(env, "seed_demo", *sizes, "--only", *apps)
    seeded = time.perf_counter() - started

    import psycopg

    with psycopg.connect(procable_url) as connection:
        address_count = connection.execute("SELECT count(*) FROM procable_address").fetchone()[0]
    api = None if args.skip_api else bench_api(args, env, procable_url)
    imported = None if args.skip_import else bench_import(env, args)

    source = f"reused: {args.procable_url}" if args.procable_url else "seeded"
    row = "| {label} | {n} | {p50:.2f} | {p95:.2f} | {p99:.2f} | {max:.1f} | {target} |"
    lines = [
        "# Catalog benchmark",
        "",
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC by `bench/catalog_bench.py` on PostgreSQL "
        f"({os.cpu_count()} CPUs, shared with other work), back under gunicorn (2 workers x 1 thread, "
        f"DEBUG off, Redis cache), sequential httpx client with keep-alive (client time included).",
        f"Pro-Cable: {address_count:,} addresses ({source}); seed of {' '.join(apps)}: {seeded:.1f} s. "
        "Load average at the end (1/5/15 min): {:.1f} / {:.1f} / {:.1f}.".format(*os.getloadavg()),
        "",
    ]
    if api:
        lines += [
            "| call | n | p50 ms | p95 ms | p99 ms | max ms | target p95 |",
            "|---|---|---|---|---|---|---|",
            row.format(
                label=f"GET offers?address_id= (warm cache, {args.sample} addresses)",
                target="≤ 10 ms",
                **api["offers"],
            ),
            row.format(
                label="GET offers?address_id= (address asked for the first time)",
                target="-",
                **api["offers_first"],
            ),
            row.format(label="POST quotes (priced, stored, idempotent)", target="≤ 15 ms", **api["quotes"]),
            "",
            f"Offers per answer on average: {api['offers']['offers_per_answer']:.1f}.",
            "",
        ]
    if imported:
        counts = ", ".join(f"{sheet} {count:,}" for sheet, count in imported["counts"].items())
        lines += [
            f"Full catalog import (`catalog_load` of an .xlsx, {imported['size_mb']:.1f} MB: {counts}):",
            "",
            "| run | read .xlsx s | total s | target |",
            "|---|---|---|---|",
            "| first load (replaces the demo catalog) | {read:.1f} | {total:.1f} | ≤ 30 s |".format(
                **imported["first"]
            ),
            "| same workbook again (no change) | {read:.1f} | {total:.1f} | ≤ 30 s |".format(
                **imported["again"]
            ),
            "",
        ]
    report = "\n".join(lines)
    out = ROOT / "bench" / "results" / "catalog.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report + "\n")
    print(report)


if __name__ == "__main__":
    main()
