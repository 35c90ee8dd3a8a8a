"""Time one catalog import (`catalog_load` of an .xlsx) into an empty catalog database, then again.

    python bench/harness/catalog_import.py --services 2000 --offers 100 --prices 4000

The environment's WEBLYS_DB_CATALOG_URL must name a scratch database (the harness gives one that is
not the benchmark's catalog, which this replaces). The workbook comes from bench/catalog_bench.py.
Prints one JSON line: {"counts": {...}, "size_mb": ..., "first": {"read": s, "total": s}, "again": {...}}.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, required=True)
    parser.add_argument("--offers", type=int, required=True)
    parser.add_argument("--prices", type=int, required=True)
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "back.settings"
    import django

    django.setup()
    import catalog_bench
    from django.core.management import call_command

    from catalog.services import catalog_load
    from catalog.workbook import RowErrors, workbook_read

    call_command("migrate", database="catalog", verbosity=0)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "catalog.xlsx"
        counts = catalog_bench._workbook(path, services=args.services, offers=args.offers, prices=args.prices)
        timings = {}
        for label in ("first", "again"):
            started = time.perf_counter()
            raw = workbook_read(str(path), RowErrors())
            read = time.perf_counter() - started
            catalog_load(raw=raw)
            timings[label] = {"read": read, "total": time.perf_counter() - started}
        size_mb = path.stat().st_size / 1e6
    sys.stdout.write("\n" + json.dumps({"counts": counts, "size_mb": size_mb, **timings}) + "\n")


if __name__ == "__main__":
    main()
