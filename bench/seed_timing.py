"""Time the embedded Pro-Cable demo seeder on a fresh PostgreSQL database.

    .venv/bin/python bench/seed_timing.py --customers 1000000 --addresses 1200000
    [--url postgres://postgres@127.0.0.1:5432] [--database weblys_seedbench_procable] [--seed 2026]

Drops and creates the database, migrates the `procable` alias into it, runs
`back.procable.demo.seed` and prints the write time and row count per table, then the total.
(The time per table is the time spent writing it, COPY included; generating the rows in Python
interleaves with it and is counted in "generation and other".)
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="weblys_seedbench_procable")
    parser.add_argument("--customers", type=int, default=200)
    parser.add_argument("--addresses", type=int, default=400)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    import psycopg

    with psycopg.connect(f"{args.url}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{args.database}"')
    os.environ["WEBLYS_DB_PROCABLE_URL"] = f"{args.url}/{args.database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "back.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from back.procable import demo

    started = time.perf_counter()
    call_command("migrate", database="procable", verbosity=0)
    migrated = time.perf_counter()
    writer = demo._Writer()
    demo.seed(
        seed=args.seed, customers=args.customers, addresses=args.addresses, stdout=sys.stdout, writer=writer
    )
    seeded = time.perf_counter()
    with connections["procable"].cursor() as cursor:
        cursor.execute("ANALYZE")
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    finished = time.perf_counter()

    print(f"\nPostgreSQL seed: {args.customers} customers, {args.addresses} addresses, seed {args.seed}\n")
    print("| table | rows | write seconds |\n|---|---:|---:|")
    for table, seconds in sorted(writer.seconds.items(), key=lambda item: -item[1]):
        print(f"| {table} | {writer.rows[table]:,} | {seconds:.1f} |")
    written = sum(writer.seconds.values())
    print(f"| **all tables** | {sum(writer.rows.values()):,} | {written:.1f} |")
    print(
        f"\nmigrate: {migrated - started:.1f} s; seed: {seeded - migrated:.1f} s "
        f"(writing {written:.1f} s, generation and other {seeded - migrated - written:.1f} s); "
        f"ANALYZE: {finished - seeded:.1f} s; total: {finished - started:.1f} s; database size: {size}"
    )


if __name__ == "__main__":
    main()
