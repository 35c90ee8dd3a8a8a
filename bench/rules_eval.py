"""Benchmark: rules evaluation through the back API on PostgreSQL (p50 / p95 / p99).

Creates PostgreSQL databases weblys_bench_<alias>, migrates them, seeds security + param + rules,
starts the back under gunicorn (2 workers) and sends N sequential POST /api/v1/rules/evaluate/ calls
with httpx (random demo contexts, fixed seed). Writes the figures to bench/results/rules-eval.md.

    .venv/bin/python bench/rules_eval.py [--requests 2000] [--port 8765] [--pg postgres://postgres@127.0.0.1:5432]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
ALIASES = ["weblys", "catalog", "rules", "param", "security", "customlogin", "wecrm", "diagtree", "procable"]
sys.path.insert(0, str(ROOT))
from back import demo_codes  # noqa: E402


def _env(pg: str) -> dict[str, str]:
    env = dict(os.environ)
    for alias in ALIASES:
        env[f"WEBLYS_DB_{alias.upper()}_URL"] = f"{pg}/weblys_bench_{alias}"
    env.update(
        {
            "BACK_DEBUG": "0",
            "BACK_SECRET_KEY": "bench-secret",
            "WEBLYS_SERVICE_TOKEN": "bench-token",
            "BACK_ALLOWED_HOSTS": "127.0.0.1,localhost",
        }
    )
    return env


def _create_databases(pg: str) -> None:
    import psycopg

    with psycopg.connect(f"{pg}/postgres", autocommit=True) as connection:
        for alias in ALIASES:
            name = f"weblys_bench_{alias}"
            exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
            if not exists:
                connection.execute(f'CREATE DATABASE "{name}"')


def _context(rng: random.Random) -> dict:
    return {
        "group_code": rng.choice(sorted(demo_codes.GROUP_CODES)),
        "sale_type": rng.choice(demo_codes.SALE_TYPES),
        "channel": rng.choice(demo_codes.CHANNELS),
        "cable_install_mode": rng.choice(demo_codes.CABLE_INSTALL_MODES),
        "mobile_install_mode": rng.choice(demo_codes.MOBILE_INSTALL_MODES),
        "customer_paid": rng.random() < 0.5,
        "e_contract": rng.random() < 0.5,
        "has_active_mvno_line": rng.random() < 0.5,
        "payment_method": rng.choice(demo_codes.PAYMENT_METHODS),
    }


def _percentile(sorted_values: list[float], fraction: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()

    env = _env(args.pg)
    python = str(ROOT / ".venv/bin/python")
    _create_databases(args.pg)
    subprocess.run([python, "manage.py", "migrate_all", "-v", "0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [python, "manage.py", "seed_demo", "--only", "security", "param", "rules"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "back.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{args.port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{args.port}"
        headers = {"X-Service-Token": "bench-token", "Accept-Language": "en"}
        with httpx.Client(base_url=base, headers=headers, timeout=10) as client:
            for _ in range(100):
                try:
                    if client.get("/health/").status_code < 500:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            rng = random.Random(2026)
            for _ in range(200):  # warm up both workers (connections, compiled rules)
                client.post("/api/v1/rules/evaluate/", json=_context(rng)).raise_for_status()
            timings = []
            for _ in range(args.requests):
                body = _context(rng)
                started = time.perf_counter()
                response = client.post("/api/v1/rules/evaluate/", json=body)
                timings.append((time.perf_counter() - started) * 1000)
                response.raise_for_status()
    finally:
        server.terminate()
        server.wait(timeout=10)

    load = os.getloadavg()
    timings.sort()
    p50, p95, p99 = (_percentile(timings, f) for f in (0.50, 0.95, 0.99))
    line = (
        f"{args.requests} sequential requests: p50 {p50:.2f} ms, p95 {p95:.2f} ms, p99 {p99:.2f} ms, "
        f"mean {statistics.fmean(timings):.2f} ms, max {timings[-1]:.2f} ms"
    )
    print(line)
    results = ROOT / "bench/results/rules-eval.md"
    results.write_text(
        "# Rules evaluation through the back API (PostgreSQL)\n\n"
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC with `.venv/bin/python bench/rules_eval.py "
        f"--requests {args.requests}`: gunicorn `back.wsgi` with 2 sync workers, DEBUG off, "
        "every database on local PostgreSQL (weblys_bench_*), demo security + param + rules seeded, "
        "httpx client on the same host, "
        "random demo contexts (seed 2026), 200 warm-up calls not counted. "
        f"Host: {os.cpu_count()} CPUs, load average at the end {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} "
        "(1 / 5 / 15 min); figures from a shared, loaded host overstate the latency.\n\n"
        f"| requests | p50 (ms) | p95 (ms) | p99 (ms) | mean (ms) | max (ms) |\n|---|---|---|---|---|---|\n"
        f"| {args.requests} | {p50:.2f} | {p95:.2f} | {p99:.2f} | {statistics.fmean(timings):.2f} | "
        f"{timings[-1]:.2f} |\n\nTarget: p95 ≤ 5 ms. Each call: service-token check, default web user, one "
        "indexed query for the active version number, in-memory evaluation of the compiled tables.\n"
    )


if __name__ == "__main__":
    main()
