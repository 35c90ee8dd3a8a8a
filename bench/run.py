"""`make bench`: measure Weblys against the limit of its own stack, write bench/results/latest.{json,md}.

    .venv/bin/python bench/run.py [--scale small|large] [--sqlite] [--rebuild]

small: the demo operator (200 customers, 400 addresses), rebuilt at every run, on PostgreSQL + Redis
when both answer at 127.0.0.1, else SQLite. large: 1,000,000 customers and 1,200,000 addresses on
PostgreSQL, built once (about 15 minutes) and reused while its marker matches (--rebuild forces).
The back, the front and a bare Django/DRF project (bench/bare/) run under the same gunicorn settings.
Benchmarks are not tests: slow figures never fail the run; the exit status is 1 only when the harness
itself could not run. See bench/README.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from harness import figures, machine, report, stack  # noqa: E402

RATIOS = [
    ("SelfShop page (GET /selfshop/)", "page_selfshop", "bare_page", 3.0, "≤ 3× the bare page"),
    (
        "back catalog call (offers at address 1)",
        "api_offers_same",
        "bare_api",
        2.0,
        "≤ 2× the bare DRF endpoint",
    ),
]


def say(message: str) -> None:
    print(message, flush=True)


def _capture_for_bare(bench: figures.Bench, folder: Path) -> None:
    """What the bare project serves: the SelfShop page as a template of the same size, the offers JSON."""
    import httpx

    folder.mkdir(parents=True, exist_ok=True)
    assert bench.front is not None and bench.back is not None
    page = httpx.get(f"{bench.front.url}/selfshop/", timeout=30)
    html = page.text if page.status_code == 200 else "<!doctype html><title>no SelfShop page</title>"
    bench.facts["selfshop_page_bytes"] = len(html.encode())
    (folder / "page.html").write_text("{% verbatim %}" + html + "{% endverbatim %}", encoding="utf-8")
    with bench.back_client() as client:
        offers = client.get("/api/v1/catalog/offers", params={"address_id": 1})
    (folder / "offers.json").write_text(offers.text if offers.status_code == 200 else "{}", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", choices=sorted(stack.SCALES), default="small")
    parser.add_argument("--sqlite", action="store_true", help="use SQLite even when PostgreSQL answers")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the large data even if present")
    parser.add_argument("--skip-counts", action="store_true", help="skip the SQL/back-call counts (faster)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    load_before = machine.load_average()
    scale = stack.SCALES[args.scale]
    vendor = "postgresql" if not args.sqlite and stack.postgres_available() else "sqlite"
    if scale.name == "large" and vendor != "postgresql":
        say(
            "the large scale needs PostgreSQL and Redis at 127.0.0.1 "
            "(WEBLYS_BENCH_PG_URL, WEBLYS_BENCH_REDIS_URL)"
        )
        return 1
    say(f"Weblys benchmark, scale {scale.name}, {vendor}{' + Redis' if vendor == 'postgresql' else ''}")
    pg_connections = stack.postgres_connections() if vendor == "postgresql" else None
    if pg_connections and pg_connections["max_connections"] - pg_connections["in_use_at_start"] < 80:
        say(
            f"  warning: PostgreSQL: {pg_connections['in_use_at_start']} of "
            f"{pg_connections['max_connections']} connections in use by others; the back may be refused some"
        )
    servers = stack.Servers()
    try:
        with ThreadPoolExecutor(max_workers=2) as pool:  # the tiny data set is built alongside
            tiny_future = (
                None if args.skip_counts else pool.submit(stack.prepare, stack.TINY, vendor, say=say)
            )
            data = stack.prepare(scale, vendor, say=say, rebuild=True if args.rebuild else None)
            tiny = tiny_future.result() if tiny_future else None
        bench = figures.Bench(data=data, servers=servers, say=say)
        env = data.env()
        say("starting back, front and the bare project under gunicorn")
        bench.back = servers.start(
            "back", "back.wsgi:application", env, ready_path="/health/", log_dir=data.var_dir
        )
        bench.front = servers.start(
            "front",
            "weblys.wsgi:application",
            {**env, "WEBLYS_BACK_URL": bench.back.url},
            ready_path="/",
            log_dir=data.var_dir,
        )
        bare_dir = data.var_dir / "bare"
        _capture_for_bare(bench, bare_dir)
        bench.bare = servers.start(
            "bare",
            "bareproject.wsgi:application",
            {**env, "PYTHONPATH": str(ROOT / "bench" / "bare"), "BENCH_BARE_DIR": str(bare_dir)},
            ready_path="/page/",
            log_dir=data.var_dir,
        )
        say("measuring")
        bench.attempt("api_offers", bench.offers)
        bench.attempt("page_selfshop", bench.pages)
        bench.attempt("api_quote", bench.quotes)
        bench.attempt("api_rules", bench.rules)
        bench.attempt("api_customer_search", bench.customer_search)
        bench.attempt("myaccount", bench.myaccount)
        bench.attempt("selfshop_load", bench.selfshop_load)
        bench.attempt("memory", bench.memory)
        if tiny is not None:

            def count() -> None:
                tiny_back = servers.start(
                    "back-tiny",
                    "back.wsgi:application",
                    tiny.env(),
                    ready_path="/health/",
                    log_dir=tiny.var_dir,
                )
                figures.counts(bench, tiny, tiny_back.url)

            bench.attempt("counts", count)
        servers.stop()  # the remaining figures run their own processes
        bench.attempt("seed", bench.seed_time)
        bench.attempt("catalog_import", bench.catalog_import)
    except stack.BenchError as exc:
        say(f"the benchmark could not run: {exc}")
        return 1
    finally:
        servers.stop()

    load_after = machine.load_average()
    ratios = []
    for label, key, bare_key, limit, target in RATIOS:
        ratio = figures.summarize_ratio(bench, key, bare_key) or {"ratio": None}
        ratios.append(
            {"label": label, "figure": key, "bare": bare_key, "limit": limit, "target": target, **ratio}
        )
    facts = dict(bench.facts)
    counts = facts.pop("counts", None)
    result = {
        "run": {
            "command": f"bench/run.py --scale {scale.name}" + (" --sqlite" if args.sqlite else ""),
            "scale": scale.name,
            "database": "PostgreSQL + Redis (127.0.0.1)"
            if vendor == "postgresql"
            else "SQLite, local-memory cache",
            "customers": scale.customers,
            "addresses": scale.addresses,
            "data_reused": data.reused,
            "runs": scale.runs,
            "requests": scale.requests,
            "gunicorn": stack.GUNICORN_SETTINGS,
            "load_before": load_before,
            "load_after": load_after,
            "postgresql_connections": pg_connections,
            "finished_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
            "duration_s": time.perf_counter() - started,
        },
        "machine": machine.machine(),
        "git": machine.git_commit(ROOT),
        "ratios": ratios,
        "figures": {key: figure.as_json() for key, figure in bench.figures.items() if figure.runs},
        "counts": counts,
        "not_measured": bench.not_measured,
        "failed": bench.failed,
        "retried": bench.retried,
        "facts": facts,
    }
    json_path, md_path = report.write(result, ROOT / "bench" / "results")
    say("")
    say(md_path.read_text(encoding="utf-8"))
    say(f"written: {json_path.relative_to(ROOT)}, {md_path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
