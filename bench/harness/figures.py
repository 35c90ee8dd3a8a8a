"""Every figure of `make bench`, measured against the running tiers (see bench/README.md).

A figure whose feature is absent is listed in `not_measured` with the reason; a figure that fails
for another reason is listed in `failed` with the error. Neither stops the run.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import time
import traceback
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from . import accesslog, cpu, load, machine, stack
from .stats import Figure, Run, percentile

ROOT = stack.ROOT
BENCH = ROOT / "bench"
USERS = 16  # concurrent SelfShop users

# Priced quotes: the selections bench/catalog_bench.py quotes (demo catalog of back/demo_codes.py).
QUOTE_SELECTIONS = [
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
    {"offer_code": "RG_MOBUNL", "equipment": [{"code": "SIM", "acquisition": "buy"}], "options": ["MOBROAM"]},
]
STAFF_LOGIN = {"code": "care1", "password": "care-demo-2026"}
CUSTOMER_LOGIN = {"login_id": "100001", "password": "client1-demo-2026"}


def myaccount_links(html: str, limit: int = 6) -> list[str]:
    """The MyAccount pages the account home links to (logout, login and documents left out)."""
    found: list[str] = []
    for path in re.findall(r'href="(/myaccount/[^"?#]+)"', html):
        if path == "/myaccount/" or path in found or re.search(r"log(in|out)|pdf|/\d+/", path):
            continue
        found.append(path)
    return found[:limit]


class NotPresent(Exception):
    """The feature a figure measures does not exist (yet) in this checkout."""


def _load_bench_module(name: str):
    """Import a sibling benchmark script (bench/<name>.py) by file; None when it does not exist."""
    path = BENCH / f"{name}.py"
    if not path.exists():
        return None
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@dataclass
class Bench:
    data: stack.DataSet
    servers: stack.Servers
    say: Callable[[str], None]
    back: stack.Server | None = None
    front: stack.Server | None = None
    bare: stack.Server | None = None
    figures: dict[str, Figure] = field(default_factory=dict)
    facts: dict[str, object] = field(default_factory=dict)
    not_measured: dict[str, str] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)
    retried: dict[str, str] = field(default_factory=dict)
    _staff_token: str | None = None

    @property
    def scale(self) -> stack.Scale:
        return self.data.scale

    @property
    def log_dir(self) -> Path:
        return self.data.var_dir

    # --- helpers -----------------------------------------------------------------------------------

    def attempt(self, key: str, measure: Callable[[], None]) -> None:
        """Run one benchmark; a missing feature or an error is recorded, never raised."""
        started = time.perf_counter()
        self.say(f"- {key}")
        try:
            try:
                measure()
            except (NotPresent, AssertionError):
                raise
            except Exception as exc:
                # A shared machine can refuse a connection for a moment (PostgreSQL's max_connections
                # reached by other work): one retry, and the report says so.
                self.retried[key] = f"{type(exc).__name__}: {str(exc)[:300]}"
                self.say(f"  retrying once after: {self.retried[key]}")
                time.sleep(5)
                measure()
        except NotPresent as exc:
            self.not_measured[key] = str(exc)
            self.say(f"  not measured: {exc}")
        except Exception as exc:
            self.failed[key] = f"{type(exc).__name__}: {exc}"
            (self.log_dir / "errors.log").open("a").write(f"--- {key}\n{traceback.format_exc()}\n")
            self.say(f"  FAILED: {type(exc).__name__}: {str(exc)[:300]}")
        else:
            self.say(f"  done in {time.perf_counter() - started:.1f} s")

    def back_client(self, **headers: str) -> httpx.Client:
        assert self.back is not None
        return httpx.Client(
            base_url=self.back.url,
            headers={"X-Service-Token": stack.SERVICE_TOKEN, "Accept-Language": "en", **headers},
            timeout=30,
        )

    def staff_token(self) -> str:
        if self._staff_token is None:
            with self.back_client() as client:
                response = client.post("/api/v1/security/sessions/", json=STAFF_LOGIN)
                if response.status_code != 201:
                    raise RuntimeError(f"staff login refused: {response.status_code} {response.text[:300]}")
                self._staff_token = response.json()["token"]
        return self._staff_token

    def procable_rows(self, sql: str) -> list[tuple]:
        """Read the embedded Pro-Cable directly (sampling only: ids, names, postal codes)."""
        url = self.data.database_url("procable")
        if self.data.vendor == "postgresql":
            import psycopg

            with psycopg.connect(url) as connection:
                return connection.execute(sql).fetchall()
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            return connection.execute(sql).fetchall()

    def latency(
        self,
        key: str,
        title: str,
        calls: list[tuple[str, Callable[[], httpx.Response]]],
        *,
        expect: tuple[int, ...] = (200,),
        target: str = "",
        note: str = "",
        requests: int | None = None,
    ) -> None:
        """Measure figures together, run after run, interleaved (so a noisy moment hits them all).

        `calls` is [(key, call)]: the first key is `key` itself, others are compared figures."""
        runs: dict[str, list[Run]] = {name: [] for name, _ in calls}
        count = requests or self.scale.requests
        for _, call in calls:
            load.timed(call, max(5, count // 10), expect=expect)  # warm-up, not counted
        for _ in range(self.scale.runs):
            for call_key, call in calls:
                runs[call_key].append(Run(load.timed(call, count, expect=expect)))
        self.figures[key] = Figure(key, title, "ms", runs[key], target=target, note=note)
        for call_key, _ in calls[1:]:
            self.figures.setdefault(call_key, Figure(call_key, call_key, "ms", []))
            self.figures[call_key].runs.extend(runs[call_key])

    # --- figures -----------------------------------------------------------------------------------

    def seed_time(self) -> None:
        if self.data.seed_seconds is not None:
            what = "reused: measured when the data was built" if self.data.reused else "this run"
            self.figures["seed_demo"] = Figure(
                "seed_demo",
                f"seed_demo, every database ({self.scale.customers:,} customers, "
                f"{self.scale.addresses:,} addresses; {what})",
                "s",
                [Run([self.data.seed_seconds])],
                kind="value",
                target="≤ 600 s at 1M customers" if self.scale.name == "large" else "",
            )
        if self.data.vendor != "postgresql":
            raise NotPresent("bench/seed_timing.py times the Pro-Cable seed on PostgreSQL only (SQLite run)")
        if self.scale.name == "large":
            return  # 15 minutes per run: the build of the large data above is the seed at scale.
        runs = []
        for _ in range(2):  # about 10 s each on a busy 2-core machine
            done = subprocess.run(
                [
                    sys.executable,
                    str(BENCH / "seed_timing.py"),
                    "--url",
                    stack.PG_URL,
                    "--database",
                    "weblys_bench_seedtiming_procable",
                    "--customers",
                    str(self.scale.customers),
                    "--addresses",
                    str(self.scale.addresses),
                ],
                cwd=ROOT,
                env={**self.data.env(), "WEBLYS_DB_PROCABLE_URL": ""},
                capture_output=True,
                text=True,
                check=True,
            )
            match = re.search(r"total: ([0-9.]+) s", done.stdout)
            if not match:
                raise RuntimeError(f"no total in seed_timing output:\n{done.stdout[-1000:]}")
            runs.append(Run([float(match.group(1))]))
        self.figures["seed_procable"] = Figure(
            "seed_procable",
            f"embedded Pro-Cable seed on a fresh PostgreSQL database, migrate + COPY + ANALYZE "
            f"(bench/seed_timing.py, {self.scale.customers:,} customers)",
            "s",
            runs,
            kind="value",
        )

    def address_sample(self, count: int = 200) -> list[int]:
        rows = self.procable_rows("SELECT max(id) FROM procable_address")
        top = rows[0][0] or 0
        if not top:
            raise RuntimeError("the embedded Pro-Cable has no address")
        rng = random.Random(7)
        wanted = sorted({rng.randint(1, top) for _ in range(count)} | set(range(1, 11)))
        return [value for value in wanted if value <= top]

    def offers(self) -> None:
        addresses = self.address_sample()
        rng = random.Random(11)
        with self.back_client() as back, httpx.Client(base_url=self.bare.url, timeout=30) as bare:
            for address_id in addresses:  # warming pass: fill the (shared) cache for every address
                back.get("/api/v1/catalog/offers", params={"address_id": address_id}).raise_for_status()
            sample = back.get("/api/v1/catalog/offers", params={"address_id": 1})
            sample.raise_for_status()
            self.facts["offers_answer_bytes"] = len(sample.content)
            self.facts["offers_per_answer"] = len(sample.json().get("offers", []))
            self.latency(
                "api_offers_same",
                "back: GET /api/v1/catalog/offers?address_id=1 (warm cache; the JSON the bare endpoint "
                "serves)",
                [
                    ("api_offers_same", lambda: back.get("/api/v1/catalog/offers", params={"address_id": 1})),
                    ("bare_api", lambda: bare.get("/api/offers")),
                ],
                target="≤ 2× the bare DRF endpoint",
            )
            self.latency(
                "api_offers",
                "back: GET /api/v1/catalog/offers?address_id= (warm cache, random addresses)",
                [
                    (
                        "api_offers",
                        lambda: back.get(
                            "/api/v1/catalog/offers", params={"address_id": rng.choice(addresses)}
                        ),
                    )
                ],
                target="p95 ≤ 10 ms",
            )
        self.figures[
            "bare_api"
        ].title = (
            f"bare DRF: the same JSON ({self.facts['offers_answer_bytes']} bytes) from a static document"
        )

    def quotes(self) -> None:
        counter = iter(range(10**9))
        with self.back_client() as back:

            def call() -> httpx.Response:
                body = QUOTE_SELECTIONS[next(counter) % len(QUOTE_SELECTIONS)]
                return back.post(
                    "/api/v1/catalog/quotes", json=body, headers={"Idempotency-Key": str(uuid.uuid4())}
                )

            self.latency(
                "api_quote",
                "back: POST /api/v1/catalog/quotes (priced, stored, idempotent)",
                [("api_quote", call)],
                expect=(201,),
                target="p95 ≤ 15 ms",
            )

    def rules(self) -> None:
        rules_eval = _load_bench_module("rules_eval")
        if rules_eval is None:
            raise NotPresent("bench/rules_eval.py is absent")
        rng = random.Random(2026)
        with self.back_client() as back:
            self.latency(
                "api_rules",
                "back: POST /api/v1/rules/evaluate/ (random demo contexts of bench/rules_eval.py)",
                [("api_rules", lambda: back.post("/api/v1/rules/evaluate/", json=rules_eval._context(rng)))],
                target="p95 ≤ 5 ms",
            )

    def customer_search(self) -> None:
        rows = self.procable_rows(
            "SELECT last_name, postal_code FROM procable_customer "
            "WHERE last_name <> '' AND postal_code <> '' ORDER BY id LIMIT 5000"
        )
        if not rows:
            raise RuntimeError("no customer with a last name and a postal code")
        rng = random.Random(5)
        sample = [rows[rng.randrange(len(rows))] for _ in range(200)]
        with self.back_client(Authorization=f"Bearer {self.staff_token()}") as back:

            def call() -> httpx.Response:
                last_name, postal_code = rng.choice(sample)
                return back.get(
                    "/api/v1/procable/customers/",
                    params={"last_name": last_name, "postal_code": postal_code},
                )

            self.latency(
                "api_customer_search",
                f"back: GET /api/v1/procable/customers/?last_name=&postal_code= (staff, "
                f"{self.scale.customers:,} customers; names and postal codes of existing customers)",
                [("api_customer_search", call)],
                target="p95 ≤ 50 ms at 1M customers",
            )

    def pages(self) -> None:
        assert self.front is not None and self.bare is not None
        with (
            httpx.Client(base_url=self.front.url, timeout=30) as front,
            httpx.Client(base_url=self.bare.url, timeout=30) as bare,
        ):
            first = front.get("/selfshop/")
            if first.status_code == 404:
                raise NotPresent("the front has no SelfShop page")
            first.raise_for_status()
            self.latency(
                "page_selfshop",
                "front: GET /selfshop/ (SelfShop entry page, anonymous session)",
                [
                    ("page_selfshop", lambda: front.get("/selfshop/")),
                    ("bare_page", lambda: bare.get("/page/")),
                ],
                target="≤ 3× the bare page",
            )
        self.figures[
            "bare_page"
        ].title = (
            f"bare Django: a template of the same size ({self.facts.get('selfshop_page_bytes', '?')} bytes)"
        )

    def myaccount(self) -> None:
        assert self.front is not None
        with httpx.Client(base_url=self.front.url, timeout=30) as front:
            login = front.get("/myaccount/login/")
            if login.status_code == 404:
                raise NotPresent("the front has no MyAccount login page")
            token = front.cookies.get("csrftoken", "")
            done = front.post(
                "/myaccount/login/",
                data={**CUSTOMER_LOGIN, "csrfmiddlewaretoken": token},
                headers={"Referer": f"{self.front.url}/myaccount/login/"},
            )
            if done.status_code != 302:
                raise RuntimeError(f"MyAccount login refused: {done.status_code}")
            home = front.get("/myaccount/")
            if home.status_code != 200:
                raise RuntimeError(f"MyAccount home answered {home.status_code}")
            paths = ["/myaccount/", *myaccount_links(home.text)]
            self.facts["myaccount_pages"] = paths
            for path in paths:
                key = "page_myaccount_" + (path.strip("/").removeprefix("myaccount").strip("/") or "home")
                key = key.replace("/", "_").replace("-", "_")
                if front.get(path).status_code != 200:
                    self.failed[key] = f"GET {path} did not answer 200"
                    continue
                self.latency(
                    key,
                    f"front: GET {path} (MyAccount, logged-in customer 100001)",
                    [(key, lambda path=path: front.get(path))],
                    requests=max(20, self.scale.requests // 2),
                )

    def selfshop_load(self) -> None:
        """16 concurrent visitors subscribing through every SelfShop page (bench/selfshop_journey.py)."""
        assert self.front is not None and self.back is not None
        journey = _load_bench_module("selfshop_journey")
        if journey is None or not hasattr(journey, "subscribe"):
            raise NotPresent("feature not present: no SelfShop journey (bench/selfshop_journey.py absent)")
        front_log, back_log = self.front.log, self.back.log
        front_start, back_start = accesslog.size(front_log), accesslog.size(back_log)
        orders, pages, rates = [], [], []
        by_label: dict[str, list[float]] = {}
        errors: list[str] = []
        tally = cpu.Tally({"front": self.front.process.pid, "back": self.back.process.pid})
        wall = 0.0
        for _ in range(self.scale.runs):
            tally.start()
            result = _journeys(journey, self.front.url, USERS, self.scale.journey_seconds)
            tally.stop()
            wall += result["seconds"]
            if not result["pages"]:
                raise RuntimeError(f"no SelfShop page served: {result['errors'][:3]}")
            orders.append(Run([result["orders"] / result["seconds"]]))
            rates.append(Run([len(result["pages"]) / result["seconds"]]))
            pages.append(Run([ms for _, ms in result["pages"]]))
            for label, ms in result["pages"]:
                by_label.setdefault(label, []).append(ms)
            errors += result["errors"]
        self.figures["selfshop_orders_per_s"] = Figure(
            "selfshop_orders_per_s",
            f"SelfShop: completed subscriptions per second at {USERS} concurrent visitors "
            "(address → offer → equipment → options → contact → appointment → card payment → confirm)",
            "orders/s",
            orders,
            kind="value",
            note=f"{len(errors)} journeys failed",
        )
        self.figures["selfshop_journey_pages"] = Figure(
            "selfshop_journey_pages",
            f"SelfShop: every page of those journeys at {USERS} visitors (time seen by the visitor)",
            "ms",
            pages,
        )
        self.figures["selfshop_journey_rate"] = Figure(
            "selfshop_journey_rate",
            f"SelfShop: pages per second at {USERS} visitors",
            "pages/s",
            rates,
            kind="value",
        )
        served = sum(len(run.samples) for run in pages)
        if served:
            self.facts["selfshop_cpu"] = {
                "seconds": round(wall, 1),
                "pages": served,
                "cores": machine.machine()["cores"],
                "by_process": {
                    kind: {"cpu_s": round(used, 2), "ms_per_page": round(used * 1000 / served, 2)}
                    for kind, used in sorted(tally.seconds.items(), key=lambda item: -item[1])
                },
            }
        self.facts["selfshop_journey_page_ms"] = {
            label: {
                "n": len(values),
                "p50": round(percentile(values, 0.5), 1),
                "p95": round(percentile(values, 0.95), 1),
            }
            for label, values in sorted(by_label.items())
        }
        if errors:
            first_lines: dict[str, int] = {}
            for error in errors:
                first = error.splitlines()[0][:160]
                first_lines[first] = first_lines.get(first, 0) + 1
            self.facts["selfshop_journey_errors"] = first_lines
        joined = accesslog.back_calls_per_page(
            accesslog.read(front_log, front_start), accesslog.read(back_log, back_start)
        )
        self.facts["selfshop_back_calls_per_page"] = {
            key: value for key, value in joined.items() if "/selfshop/" in key
        }

    def catalog_import(self) -> None:
        if not (BENCH / "catalog_bench.py").exists():
            raise NotPresent("bench/catalog_bench.py (the workbook generator) is absent")
        size = (
            {"services": 10_000, "offers": 1_000, "prices": 100_000}
            if self.scale.name == "large"
            else {"services": 2_000, "offers": 1_000, "prices": 4_000}
        )
        firsts, agains, counts = [], [], {}
        for _ in range(1):  # one run: a load into an empty catalog, then the same again
            scratch = self._scratch_catalog()
            done = subprocess.run(
                [
                    sys.executable,
                    str(BENCH / "harness" / "catalog_import.py"),
                    *(f"--{name}={value}" for name, value in size.items()),
                ],
                cwd=ROOT,
                env={**self.data.env(), "WEBLYS_DB_CATALOG_URL": scratch},
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise RuntimeError(f"catalog import failed:\n{done.stderr[-2000:]}")
            result = json.loads(done.stdout.strip().splitlines()[-1])
            counts = result["counts"]
            firsts.append(Run([result["first"]["total"]]))
            agains.append(Run([result["again"]["total"]]))
        described = ", ".join(f"{sheet} {count:,}" for sheet, count in counts.items() if count)
        self.figures["catalog_import_first"] = Figure(
            "catalog_import_first",
            f"catalog import into an empty catalog (.xlsx read included; {described})",
            "s",
            firsts,
            kind="value",
            target="≤ 30 s for 10,000 services / 100,000 prices",
        )
        self.figures["catalog_import_again"] = Figure(
            "catalog_import_again",
            "catalog import of the same workbook again (updates)",
            "s",
            agains,
            kind="value",
        )

    def _scratch_catalog(self) -> str:
        if self.data.vendor == "postgresql":
            name = f"{self.data.prefix}_import_catalog"
            import psycopg

            with psycopg.connect(f"{stack.PG_URL}/postgres", autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{name}"')
            return f"{stack.PG_URL}/{name}"
        path = self.data.var_dir / "import_catalog.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"

    def memory(self) -> None:
        for server in (self.back, self.front, self.bare):
            if server is None:
                continue
            rss = server.worker_rss_mb()
            if rss:
                self.figures[f"rss_{server.name}"] = Figure(
                    f"rss_{server.name}",
                    f"{server.name}: RSS per gunicorn worker after the load (spread over the workers)",
                    "MB",
                    [Run([value]) for value in rss],
                    kind="value",
                )


# --- Query and back-call counts at two data sizes -----------------------------------------------------

BACK_CALLS = [
    {
        "name": "catalog offers at an address",
        "method": "GET",
        "path": "/api/v1/catalog/offers",
        "params": {"address_id": 1},
    },
    {
        "name": "catalog priced quote",
        "method": "POST",
        "path": "/api/v1/catalog/quotes",
        "json": QUOTE_SELECTIONS[0],
    },
    {"name": "rules evaluate", "method": "POST", "path": "/api/v1/rules/evaluate/", "json": "rules_eval"},
    {
        "name": "customer search (staff)",
        "method": "GET",
        "path": "/api/v1/procable/customers/",
        "params": {"postal_code": "H4A 2Q3"},
        "auth": "staff",
    },
    {
        "name": "customer detail (staff)",
        "method": "GET",
        "path": "/api/v1/procable/customers/100001/",
        "auth": "staff",
    },
    {
        "name": "MyAccount summary (customer)",
        "method": "GET",
        "path": "/api/v1/myaccount/summary/",
        "auth": "customer",
    },
    {
        "name": "MyAccount invoices (customer)",
        "method": "GET",
        "path": "/api/v1/myaccount/invoices/",
        "auth": "customer",
    },
    {
        "name": "address search",
        "method": "GET",
        "path": "/api/v1/procable/addresses/search/",
        "params": {"q": "60 sherb"},
    },
]
FRONT_PAGES = [
    {"name": "portal", "path": "/"},
    {"name": "SelfShop entry", "path": "/selfshop/"},
    {"name": "MyAccount login", "path": "/myaccount/login/"},
    {"name": "MyAccount home", "path": "/myaccount/", "login": "customer"},
    {"name": "WeCare home", "path": "/wecare/", "login": "staff"},
]


def _back_calls() -> list[dict]:
    """BACK_CALLS with the rules context of bench/rules_eval.py (fixed seed)."""
    rules_eval = _load_bench_module("rules_eval")
    calls = []
    for call in BACK_CALLS:
        if call.get("json") == "rules_eval":
            if rules_eval is None:
                continue
            call = {**call, "json": rules_eval._context(random.Random(2026))}
        calls.append(call)
    return calls


def _inprocess(tier: str, spec: list[dict], env: dict[str, str]) -> list[dict]:
    done = subprocess.run(
        [sys.executable, str(BENCH / "harness" / "inprocess.py"), tier],
        input=json.dumps(spec),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"in-process {tier} counts failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def counts(bench: Bench, tiny: stack.DataSet, tiny_back_url: str) -> None:
    """SQL queries per back call and back calls (+ front SQL) per page, on the bench data and on tiny."""
    assert bench.back is not None
    sizes = {
        bench.scale.name: (bench.data, bench.back.url),
        tiny.scale.name: (tiny, tiny_back_url),
    }
    result: dict[str, dict] = {"sizes": {}, "back": {}, "front": {}}
    for label, (data, back_url) in sizes.items():
        result["sizes"][label] = {"customers": data.scale.customers, "addresses": data.scale.addresses}
        env = data.env()
        for row in _inprocess("back", _back_calls(), env):
            result["back"].setdefault(row["name"], {})[label] = row
        for row in _inprocess("front", FRONT_PAGES, {**env, "WEBLYS_BACK_URL": back_url}):
            result["front"].setdefault(row["name"], {})[label] = row
    labels = list(sizes)
    grows = []
    for tier, key in (("back", "steady"), ("front", "back_calls_steady"), ("front", "sql_steady")):
        for name, by_size in result[tier].items():
            values = [by_size.get(label, {}).get(key) for label in labels]
            if None not in values and len(set(values)) > 1:
                grows.append(f"{tier} {name}: {key} {values[0]} at {labels[0]} vs {values[1]} at {labels[1]}")
    result["grows_with_data"] = grows
    bench.facts["counts"] = result


def summarize_ratio(bench: Bench, key: str, bare_key: str) -> dict | None:
    figure, bare = bench.figures.get(key), bench.figures.get(bare_key)
    if not figure or not bare or not figure.runs or not bare.runs:
        return None
    per_run = [a.p50 / b.p50 for a, b in zip(figure.runs, bare.runs, strict=False) if b.p50]
    median = statistics.median([s for r in figure.runs for s in r.samples])
    bare_median = statistics.median([s for r in bare.runs for s in r.samples])
    return {
        "ratio": median / bare_median,
        "per_run": per_run,
        "weblys_median_ms": median,
        "bare_median_ms": bare_median,
    }


def _journeys(journey, front_url: str, users: int, seconds: float) -> dict:
    """`users` threads subscribing again and again for `seconds`; each journey is a new visitor."""
    import threading

    lock = threading.Lock()
    result: dict = {"orders": 0, "pages": [], "errors": []}
    stop_at = time.monotonic() + seconds
    counter = itertools.count()

    # The lean visitor (urllib3) when the journey module has one: the load generator runs on the cores
    # it measures, and httpx's client costs it about 0.5 ms of CPU a request more.
    visitor_class = getattr(journey, "LeanVisitor", journey.Visitor)

    def user(number: int) -> None:
        while time.monotonic() < stop_at:
            visitor = visitor_class(front_url)
            try:
                # One journey in four books a technician; the others ship the equipment (the journey
                # always takes the first slot, which 16 visitors would fill within seconds).
                journeys = next(counter)
                mode = "appointment" if journeys % 4 == 0 else "shipment"
                journey.subscribe(visitor, email=f"bench{number}@example.com", install_mode=mode)
            except Exception as exc:
                with lock:
                    result["errors"].append(f"{type(exc).__name__}: {str(exc)[:200]}")
                time.sleep(0.2)
            else:
                with lock:
                    result["orders"] += 1
            finally:
                visitor.close()
                with lock:
                    result["pages"].extend(visitor.timings)

    threads = [threading.Thread(target=user, args=(n,), daemon=True) for n in range(users)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 300)
    result["seconds"] = time.perf_counter() - started
    return result
