"""Load benchmark: full SelfShop journeys through the front and the back under gunicorn, PostgreSQL + Redis.

Creates PostgreSQL databases weblys_bench_selfshop_<alias> (dropped first), migrates them, seeds the
demo operator, starts the back and the front under gunicorn (deploy/gunicorn.conf.py) with Redis as
cache, session store and Celery broker, and one Celery worker that submits the orders to Pro-Cable.
Then N virtual users (threads, one httpx client each: own cookies, CSRF) run complete journeys without
JavaScript for a fixed time: address search, address, offer, equipment, options, summary, contact,
delivery mode, payment on the first bill, confirm, confirmation page (18 page requests per order).
Reports completed orders per second and page latency p50 / p95 per page, with the host's load
average, and writes bench/results/selfshop-load.md.

    .venv/bin/python bench/selfshop_load.py [--users 16] [--duration 60] [--pg postgres://postgres@127.0.0.1:5432]
        [--front-workers 2] [--back-workers 3] [--threads 4] [--skip-setup]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from selfshop_journey import JourneyError, Visitor, subscribe  # noqa: E402

ALIASES = ["weblys", "catalog", "rules", "param", "security", "customlogin", "wecrm", "diagtree", "procable"]
PREFIX = "weblys_bench_selfshop"
TOKEN = "bench-token"
REDIS = "redis://127.0.0.1:6379/3"
# Showcase addresses of the demo operator with every domain (back/procable/DEMO.md).
ADDRESSES = (1, 2, 3, 8, 9)


def _env(pg: str, var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    for alias in ALIASES:
        env[f"WEBLYS_DB_{alias.upper()}_URL"] = f"{pg}/{PREFIX}_{alias}"
    env.update(
        {
            "BACK_DEBUG": "0",
            "BACK_SECRET_KEY": "bench-back-secret",
            "BACK_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "FRONT_DEBUG": "0",
            "FRONT_SECRET_KEY": "bench-front-secret",
            "FRONT_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "FRONT_SESSION_COOKIE_SECURE": "0",
            "FRONT_CSRF_COOKIE_SECURE": "0",
            "WEBLYS_SERVICE_TOKEN": TOKEN,
            "WEBLYS_REDIS_URL": REDIS,
            "WEBLYS_LOG_LEVEL": "WARNING",
            "WEBLYS_VAR_DIR": str(var_dir),
            "WEBLYS_FAST_HASHER": "1",
        }
    )
    return env


def _create_databases(pg: str) -> None:
    import psycopg

    with psycopg.connect(f"{pg}/postgres", autocommit=True) as connection:
        for alias in ALIASES:
            connection.execute(f'DROP DATABASE IF EXISTS "{PREFIX}_{alias}" WITH (FORCE)')
            connection.execute(f'CREATE DATABASE "{PREFIX}_{alias}"')


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def _start(
    env: dict[str, str], wsgi: str, port: int, workers: int, threads: int, log: Path
) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", wsgi],
        cwd=ROOT,
        env={
            **env,
            "WEBLYS_GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEBLYS_GUNICORN_WORKERS": str(workers),
            "WEBLYS_GUNICORN_THREADS": str(threads),
            "WEBLYS_GUNICORN_MAX_REQUESTS": "0",
        },
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def _wait(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{url} did not answer in {seconds} s")


def _percentile(samples: list[float], pct: int) -> float:
    if len(samples) < 2:
        return samples[0] if samples else 0.0
    return statistics.quantiles(sorted(samples), n=100, method="inclusive")[pct - 1]


def _order_statuses(pg: str) -> dict[str, int]:
    import psycopg

    try:
        with psycopg.connect(f"{pg}/{PREFIX}_weblys") as connection:
            rows = connection.execute("SELECT status, count(*) FROM orders_order GROUP BY status").fetchall()
    except psycopg.OperationalError as exc:
        return {"not read": str(exc)[:80]}  # type: ignore[dict-item]
    return {str(status): int(n) for status, n in rows}


class Run:
    """Shared results of the virtual users."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.timings: list[tuple[str, float]] = []
        self.orders = 0
        self.failures: list[str] = []


def _search_text(back_url: str) -> str:
    """What a visitor types to find the showcase addresses (their civic number depends on the seed)."""
    answer = httpx.get(
        f"{back_url}/api/v1/procable/addresses/{ADDRESSES[0]}/", headers={"X-Service-Token": TOKEN}
    )
    address = answer.raise_for_status().json()
    return f"{address['civic_number']} {address['street_name'][:8]}"


def _user(index: int, front_url: str, stop_at: float, run: Run, search: str) -> None:
    rng = random.Random(index)
    client = httpx.Client(base_url=front_url, timeout=30, follow_redirects=False)
    while time.monotonic() < stop_at:
        client.cookies.clear()
        visitor = Visitor(front_url, language=rng.choice(("fr", "en")), client=client)
        try:
            subscribe(
                visitor,
                search=search,
                address_id=rng.choice(ADDRESSES),
                install_mode="shipment",
                card="",
                email=f"bench-{uuid.uuid4().hex[:10]}@example.com",
            )
        except (JourneyError, httpx.HTTPError, StopIteration, IndexError) as exc:
            with run.lock:
                run.failures.append(f"{type(exc).__name__}: {str(exc)[:300]}")
            continue
        finally:
            with run.lock:
                run.timings.extend(visitor.timings)
        if time.monotonic() <= stop_at:
            with run.lock:
                run.orders += 1
    client.close()


def _load(front_url: str, users: int, seconds: float, search: str) -> tuple[Run, float]:
    run = Run()
    started = time.monotonic()
    stop_at = started + seconds
    threads = [
        threading.Thread(target=_user, args=(i, front_url, stop_at, run, search), daemon=True)
        for i in range(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 120)
    return run, time.monotonic() - started


def _report(
    args: argparse.Namespace,
    run: Run,
    elapsed: float,
    load: tuple[float, ...],
    statuses: dict[str, int],
    baseline: Run,
    baseline_load: tuple[float, ...],
) -> str:
    by_page: dict[str, list[float]] = {}
    for page, ms in run.timings:
        by_page.setdefault(page, []).append(ms)
    every = [ms for _page, ms in run.timings]
    rate = run.orders / args.duration
    p95_all = _percentile(every, 95)
    lines = [
        "# SelfShop load benchmark",
        "",
        f"Run {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} on {platform.node()} "
        f"({os.cpu_count()} cores), `bench/selfshop_load.py --users {args.users} "
        f"--duration {args.duration}`.",
        f"Front: gunicorn {args.front_workers} workers × {args.threads} threads; back: gunicorn "
        f"{args.back_workers} workers × {args.threads} threads; one Celery worker; PostgreSQL "
        f"({PREFIX}_*) and Redis ({REDIS}) for cache, sessions and broker; demo operator seeded.",
        f"Load average of the host (1, 5, 15 min) at the end of the run: {load[0]:.2f}, {load[1]:.2f}, "
        f"{load[2]:.2f} (other sessions share this machine).",
        "",
        "Each virtual user (a thread with its own httpx client, cookies and CSRF token) runs complete",
        "journeys without JavaScript: address search, address, offer, equipment, options, summary,",
        "contact, delivery mode (shipment), payment on the first bill, confirm, confirmation page.",
        "",
        "| figure | measured | target |",
        "|---|---|---|",
        f"| completed orders per second | {rate:.2f} ({run.orders} in {args.duration} s) | ≥ 5 |",
        f"| page latency p50, all pages | {_percentile(every, 50):.0f} ms | |",
        f"| page latency p95, all pages | {p95_all:.0f} ms | ≤ 150 ms |",
        f"| page requests | {len(every)} ({len(every) / elapsed:.1f}/s) | |",
        f"| failed journeys | {len(run.failures)} | 0 |",
        f"| orders in the back after the run | {statuses} | |",
        "",
        f"Baseline, one user alone for {args.baseline} s just before (load average {baseline_load[0]:.2f}): "
        f"{baseline.orders / max(args.baseline, 1):.2f} orders/s, page p50 "
        f"{_percentile([ms for _p, ms in baseline.timings], 50):.0f} ms, p95 "
        f"{_percentile([ms for _p, ms in baseline.timings], 95):.0f} ms.",
        "",
        "| page | requests | p50 ms | p95 ms |",
        "|---|---|---|---|",
    ]
    for page, samples in sorted(by_page.items()):
        lines.append(
            f"| {page} | {len(samples)} | {_percentile(samples, 50):.0f} | {_percentile(samples, 95):.0f} |"
        )
    verdict_rate = "met" if rate >= 5 else "NOT met"
    verdict_p95 = "met" if p95_all <= 150 else "NOT met"
    lines += [
        "",
        f"Targets: orders/s {verdict_rate}; p95 ≤ 150 ms {verdict_p95}.",
    ]
    lines += [
        "",
        "Reading the figures: one order is 18 page requests (9 form posts, each answered by a redirect to",
        "the next page) and about 27 back calls; the front keeps no business data, so each page costs its",
        "back calls plus the page rendering. Both tiers, PostgreSQL, Redis, the Celery worker and this load",
        "generator share the host's cores; when the load average is well above the number of cores, the",
        "latencies measure the queue for a CPU more than Weblys. Compare with the one-user baseline.",
    ]
    if run.failures:
        lines += ["", "First failures:", "", *[f"- `{f[:200]}`" for f in run.failures[:5]]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--warmup", type=int, default=5)
    parser.add_argument("--baseline", type=int, default=20, help="seconds of one user alone before the run")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--front-port", type=int, default=8941)
    parser.add_argument("--back-port", type=int, default=8942)
    parser.add_argument("--front-workers", type=int, default=2)
    # Persistent connections: one per thread and database alias; PostgreSQL here allows 100 in all.
    parser.add_argument("--back-workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--skip-setup", action="store_true", help="reuse the databases of an earlier run")
    parser.add_argument("--output", default=str(ROOT / "bench" / "results" / "selfshop-load.md"))
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="weblys-selfshop-bench-"))
    env = _env(args.pg, var_dir)
    if not args.skip_setup:
        print("creating and seeding the databases...", flush=True)
        _create_databases(args.pg)
        _manage(env, "migrate_all", "-v", "0")
        _manage(env, "seed_demo")
    _manage(env, "front", "migrate", "-v", "0")
    _manage(env, "front", "collectstatic", "--noinput", "-v", "0")
    subprocess.run(["redis-cli", "-u", REDIS, "flushdb"], check=False, capture_output=True)
    back_url, front_url = f"http://127.0.0.1:{args.back_port}", f"http://127.0.0.1:{args.front_port}"
    env["WEBLYS_BACK_URL"] = back_url
    processes = [
        _start(
            env,
            "back.wsgi:application",
            args.back_port,
            args.back_workers,
            args.threads,
            var_dir / "back.log",
        ),
        _start(
            env,
            "weblys.wsgi:application",
            args.front_port,
            args.front_workers,
            args.threads,
            var_dir / "front.log",
        ),
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "back.celery",
                "worker",
                "-Q",
                "weblys",
                "-c",
                "1",
                "-l",
                "WARNING",
            ],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "back.settings"},
            stdout=(var_dir / "worker.log").open("a"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        ),
    ]
    try:
        _wait(f"{back_url}/health/")
        _wait(f"{front_url}/selfshop/")
        print(f"warming up {args.warmup} s...", flush=True)
        search = _search_text(back_url)
        _load(front_url, args.users, args.warmup, search)
        print(f"baseline: 1 user for {args.baseline} s...", flush=True)
        baseline, _elapsed = _load(front_url, 1, args.baseline, search)
        baseline_load = os.getloadavg()
        print(f"{args.users} users for {args.duration} s...", flush=True)
        run, elapsed = _load(front_url, args.users, args.duration, search)
        load = os.getloadavg()
        time.sleep(3)
        statuses = _order_statuses(args.pg)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
    report = _report(args, run, elapsed, load, statuses, baseline, baseline_load)
    Path(args.output).write_text(report, encoding="utf-8")
    print(report)
    print(f"logs: {var_dir}")


if __name__ == "__main__":
    main()
