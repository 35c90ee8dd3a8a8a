"""Customer search through the back API at 1,000,000 customers on PostgreSQL (target: p95 ≤ 50 ms).

    .venv/bin/python bench/customer_search.py [--procable-db weblys_custsearch_procable] [--searches 300]
        [--url postgres://postgres@127.0.0.1:5432] [--prefix weblys_custsearch] [--write]

Reuses a Pro-Cable database already seeded at 1M customers by `bench/seed_timing.py` (pass its name;
the script checks the row count and refuses a smaller one), puts the other aliases in fresh databases
`<prefix>_<alias>` (migrated; SECURITY seeded with the demo staff), starts the back under gunicorn
(`deploy/gunicorn.conf.py`, 2 workers, DEBUG off) and logs in as the demo store agent (`store1`,
right weshop.sell). Then, one request at a time (so each figure is the latency of one search, not a
queue): N searches by customer number, N by last name + postal code, N by street (start of the name),
with criteria drawn (seeded) from the data itself. Prints p50 / p95 / p99 per criterion and, with
`--write`, writes bench/results/customer-search.md, load average included.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import socket
import statistics
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
RESULT = ROOT / "bench" / "results" / "customer-search.md"
ALIASES = ("weblys", "catalog", "rules", "param", "security", "customlogin", "wecrm", "diagtree", "procable")
SERVICE_TOKEN = "bench-service-token"
TARGET_P95_MS = 50.0
MIN_CUSTOMERS = 1_000_000


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (no interpolation): the value at rank ceil(fraction × n)."""
    ordered = sorted(values)
    rank = max(1, -(-int(fraction * 1000) * len(ordered) // 1000))
    return ordered[min(rank, len(ordered)) - 1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def environment(url: str, prefix: str, procable_db: str, var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("WEBLYS_DB_", "WEBLYS_GUNICORN_"))}
    env.update(
        {
            "DEBUG": "false",
            "BACK_SECRET_KEY": "bench-back-secret-key-not-for-production-0123456789",
            "FRONT_SECRET_KEY": "bench-front-secret-key-not-for-production-0123456789",
            "WEBLYS_SERVICE_TOKEN": SERVICE_TOKEN,
            "BACK_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "WEBLYS_VAR_DIR": str(var_dir),
            "WEBLYS_FAST_HASHER": "1",
            "WEBLYS_LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
            "WEBLYS_GUNICORN_WORKERS": "2",
        }
    )
    for alias in ALIASES:
        database = procable_db if alias == "procable" else f"{prefix}_{alias}"
        env[f"WEBLYS_DB_{alias.upper()}_URL"] = f"{url}/{database}"
    return env


def prepare(url: str, prefix: str, procable_db: str, env: dict[str, str], log: Path) -> int:
    """Fresh databases for every alias but procable; migrate; seed SECURITY. Returns the customer count."""
    import psycopg

    with psycopg.connect(f"{url}/{procable_db}") as conn:
        customers = conn.execute("SELECT count(*) FROM procable_customer").fetchone()[0]
    if customers < MIN_CUSTOMERS:
        raise SystemExit(
            f"{procable_db} holds {customers:,} customers; build 1M first: "
            ".venv/bin/python bench/seed_timing.py --customers 1000000 --addresses 1200000 "
            f"--database {procable_db}"
        )
    with psycopg.connect(f"{url}/postgres", autocommit=True) as admin:
        for alias in ALIASES:
            if alias != "procable":
                admin.execute(f'DROP DATABASE IF EXISTS "{prefix}_{alias}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{prefix}_{alias}"')
    with log.open("a") as out:
        for args in (["migrate_all", "-v", "0"],):
            subprocess.run(
                [PYTHON, "manage.py", *args], cwd=ROOT, env=env, stdout=out, stderr=out, check=True
            )
        seed = (
            "import sys; from back.security import demo; "
            "demo.seed(seed=2026, customers=0, addresses=0, stdout=sys.stdout)"
        )
        subprocess.run(
            [PYTHON, "-c", f"import django; django.setup(); {seed}"],
            cwd=ROOT,
            env=env | {"DJANGO_SETTINGS_MODULE": "back.settings"},
            stdout=out,
            stderr=out,
            check=True,
        )
    return int(customers)


def samples(url: str, procable_db: str, count: int, seed: int) -> dict[str, list[dict[str, str]]]:
    """Criteria drawn from the data: numbers, (last name, postal code) of real files, street prefixes."""
    import psycopg

    rng = random.Random(seed)
    with psycopg.connect(f"{url}/{procable_db}") as conn:
        high = conn.execute("SELECT max(id) FROM procable_customer").fetchone()[0]
        ids = rng.sample(range(1, high + 1), count * 2)
        rows = conn.execute(
            "SELECT number, last_name, postal_code FROM procable_customer "
            "WHERE id = ANY(%s) AND postal_code <> ''",
            (ids,),
        ).fetchall()[:count]
        streets = [r[0] for r in conn.execute("SELECT name FROM procable_street ORDER BY id").fetchall()]
    rng.shuffle(rows)
    by_street = []
    for _ in range(count):
        name = rng.choice(streets)
        # The start of the name as an agent types it: the street type and the first letters.
        words = name.split(" ")
        by_street.append({"street": " ".join([*words[:-1], words[-1][:4]]) if len(words) > 1 else name[:6]})
    return {
        "number": [{"number": number} for number, _l, _p in rows],
        "last name + postal code": [{"last_name": last, "postal_code": postal} for _n, last, postal in rows],
        "street": by_street,
    }


def run(client: httpx.Client, token: str, criteria: list[dict[str, str]]) -> tuple[list[float], list[int]]:
    headers = {"Authorization": f"Bearer {token}"}
    times, found = [], []
    for params in criteria:
        started = time.perf_counter()
        response = client.get(
            "/api/v1/procable/customers/", params=params | {"page_size": 25}, headers=headers
        )
        times.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"search {params} -> {response.status_code}: {response.text[:500]}")
        found.append(len(response.json()["results"]))
    return times, found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--procable-db", default="weblys_custsearch_procable")
    parser.add_argument("--prefix", default="weblys_custsearch")
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--write", action="store_true", help="write bench/results/customer-search.md")
    args = parser.parse_args()

    var_dir = ROOT / "var" / "bench" / "customer-search"
    var_dir.mkdir(parents=True, exist_ok=True)
    log = var_dir / "setup.log"
    env = environment(args.url, args.prefix, args.procable_db, var_dir)
    customers = prepare(args.url, args.prefix, args.procable_db, env, log)
    criteria = samples(args.url, args.procable_db, args.searches, args.seed)

    port = free_port()
    back_log = (var_dir / "back.log").open("a")
    back = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "-c", str(GUNICORN_CONF), "back.wsgi"],
        cwd=ROOT,
        env=env
        | {"WEBLYS_GUNICORN_BIND": f"127.0.0.1:{port}", "WEBLYS_GUNICORN_NAME": "bench-customer-search"},
        stdout=back_log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    results: dict[str, tuple[list[float], list[int]]] = {}
    load_before = os.getloadavg()
    try:
        client = httpx.Client(
            base_url=f"http://127.0.0.1:{port}",
            headers={"X-Service-Token": SERVICE_TOKEN, "Accept-Language": "en"},
            timeout=30,
        )
        for _ in range(120):
            try:
                if client.get("/health/").status_code in (200, 503):
                    break
            except httpx.TransportError:
                time.sleep(0.5)
        login = client.post(
            "/api/v1/security/sessions/", json={"code": "store1", "password": "store-demo-2026"}
        )
        login.raise_for_status()
        token = login.json()["token"]
        for name, items in criteria.items():
            run(client, token, items[:20])  # warm-up: connections, plans, caches
            results[name] = run(client, token, items)
    finally:
        os.killpg(back.pid, signal.SIGTERM)
        back.wait(timeout=30)
    load_after = os.getloadavg()

    lines = [
        "| criterion | searches | p50 ms | p95 ms | p99 ms | max ms | mean rows | p95 ≤ 50 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, (times, found) in results.items():
        p50, p95, p99 = (percentile(times, f) for f in (0.50, 0.95, 0.99))
        verdict = "yes" if p95 <= TARGET_P95_MS else "**no**"
        lines.append(
            f"| {name} | {len(times)} | {p50:.1f} | {p95:.1f} | {p99:.1f} "
            f"| {max(times):.1f} | {statistics.mean(found):.1f} | {verdict} |"
        )
    table = "\n".join(lines)
    load = (
        f"load average before {load_before[0]:.2f} / {load_before[1]:.2f} / {load_before[2]:.2f}, "
        f"after {load_after[0]:.2f} / {load_after[1]:.2f} / {load_after[2]:.2f} (1 / 5 / 15 min) "
        f"on {os.cpu_count()} CPUs"
    )
    print(f"\nCustomer search through the back API, {customers:,} customers on PostgreSQL\n")
    print(table)
    print(f"\n{load}")
    if args.write:
        RESULT.write_text(
            "# Customer search at 1,000,000 customers (PostgreSQL, through the back API)\n\n"
            f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `.venv/bin/python bench/customer_search.py "
            f"--procable-db {args.procable_db} --searches {args.searches} --write`.\n\n"
            f"* Data: `{args.procable_db}`, {customers:,} customers, built by `bench/seed_timing.py` "
            "(1,200,000 addresses, seed 2026), ANALYZEd.\n"
            "* Back: gunicorn (`deploy/gunicorn.conf.py`, 2 workers), DEBUG off, the demo store agent "
            "`store1` (right weshop.sell) with the service token and its person token.\n"
            "* Each figure is one GET /api/v1/procable/customers/ (page of 25) sent after the previous "
            "answer (no concurrency), timed at the client over loopback: authentication, SQL, "
            "serialisation included. Criteria drawn from the data with seed "
            f"{args.seed}; 20 warm-up searches per criterion are not counted.\n"
            f"* Machine: {load}.\n\n"
            f"{table}\n\n"
            "Target: p95 ≤ 50 ms for each criterion.\n"
        )
        print(f"written {RESULT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
