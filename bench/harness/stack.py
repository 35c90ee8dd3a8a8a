"""Databases, demo data and gunicorn processes for a benchmark run.

Every tier (back, front, the bare comparison project) runs under `deploy/gunicorn.conf.py` with the same
WEBLYS_GUNICORN_* values (`GUNICORN_SETTINGS`), so their figures compare.

Databases: PostgreSQL + Redis when both answer at 127.0.0.1 (databases weblys_bench_<scale>_<alias>),
else one SQLite file per alias under var/bench/<scale>/. Small data is rebuilt at every run (a clean,
deterministic start); large data (PostgreSQL only) is built once and reused while the marker written on
its procable database after a complete build matches the requested size.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
ALIASES = ("weblys", "catalog", "rules", "param", "security", "customlogin", "wecrm", "diagtree", "procable")
PG_URL = os.environ.get("WEBLYS_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432")
REDIS_URL = os.environ.get("WEBLYS_BENCH_REDIS_URL", "redis://127.0.0.1:6379/9")
# The tiny data set of the query counts has its own Redis database: a cache shared with the bench data
# would answer one data set's calls with the other's entries.
TINY_REDIS_URL = REDIS_URL.rsplit("/", 1)[0] + "/10"
SERVICE_TOKEN = "bench-service-token"

# Same for every tier measured (the bare project included): 2 workers x 4 threads, no recycling
# during a run (a worker restart in the middle of a measurement would be noise), warnings only.
GUNICORN_SETTINGS = {
    "WEBLYS_GUNICORN_WORKERS": "2",
    "WEBLYS_GUNICORN_THREADS": "4",
    "WEBLYS_GUNICORN_MAX_REQUESTS": "0",
    "WEBLYS_GUNICORN_TIMEOUT": "60",
    "WEBLYS_GUNICORN_LOG_LEVEL": "warning",
}


@dataclass(frozen=True)
class Scale:
    name: str
    customers: int
    addresses: int
    requests: int  # sequential requests per run of a latency figure
    runs: int
    journey_seconds: float  # duration of one run of the concurrent SelfShop load


SCALES = {
    "small": Scale("small", customers=200, addresses=400, requests=100, runs=3, journey_seconds=10),
    "large": Scale(
        "large", customers=1_000_000, addresses=1_200_000, requests=400, runs=3, journey_seconds=20
    ),
}
# The second, tiny data set the query counts are compared with (no N+1: same counts at both sizes).
TINY = Scale("tiny", customers=12, addresses=30, requests=0, runs=0, journey_seconds=0)


class BenchError(RuntimeError):
    """The harness could not run (not a slow figure: benchmarks never fail on speed)."""


def postgres_connections() -> dict[str, int]:
    """max_connections and the connections other work holds now (a shared machine can run out)."""
    with _pg_admin() as conn:
        limit = int(conn.execute("SHOW max_connections").fetchone()[0])
        used = conn.execute("SELECT count(*) FROM pg_stat_activity").fetchone()[0]
    return {"max_connections": limit, "in_use_at_start": used}


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(f"{PG_URL}/postgres", connect_timeout=3):
            pass
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except Exception:
        return False
    return True


@dataclass
class DataSet:
    """One set of back databases (and the front's var dir) with its demo data."""

    scale: Scale
    vendor: str  # postgresql | sqlite
    var_dir: Path
    seed_seconds: float | None = None
    reused: bool = False

    @property
    def redis_url(self) -> str:
        return TINY_REDIS_URL if self.scale.name == "tiny" else REDIS_URL

    @property
    def prefix(self) -> str:
        return f"weblys_bench_{self.scale.name}"

    def database_url(self, alias: str) -> str:
        if self.vendor == "postgresql":
            return f"{PG_URL}/{self.prefix}_{alias}"
        return f"sqlite:///{self.var_dir / (alias + '.sqlite3')}"

    def env(self) -> dict[str, str]:
        """Environment of every process using this data: production settings, bench secrets."""
        env = {k: v for k, v in os.environ.items() if not k.startswith(("WEBLYS_DB_", "WEBLYS_GUNICORN_"))}
        env.update(
            {
                "DEBUG": "false",
                "BACK_SECRET_KEY": "bench-back-secret-key-not-for-production-0123456789",
                "FRONT_SECRET_KEY": "bench-front-secret-key-not-for-production-0123456789",
                "WEBLYS_SERVICE_TOKEN": SERVICE_TOKEN,
                "BACK_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
                "FRONT_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
                "FRONT_SESSION_COOKIE_SECURE": "false",
                "FRONT_CSRF_COOKIE_SECURE": "false",
                "WEBLYS_VAR_DIR": str(self.var_dir),
                "FRONT_STATIC_ROOT": str(self.var_dir / "static-front"),
                # No collectstatic (half a minute per data set on a busy machine): pages link assets by
                # their plain names instead of hashed ones; the bench never fetches assets.
                "FRONT_STATIC_MANIFEST": "false",
                "WEBLYS_FAST_HASHER": "1",
                "WEBLYS_LOG_LEVEL": "WARNING",
                "PYTHONUNBUFFERED": "1",
                # The bench logs in as the same demo customer many times from one address.
                "WEBLYS_LOGIN_MAX_FAILURES": "1000",
            }
        )
        for alias in ALIASES:
            env[f"WEBLYS_DB_{alias.upper()}_URL"] = self.database_url(alias)
        if self.vendor == "postgresql":
            env["WEBLYS_REDIS_URL"] = self.redis_url
            env["WEBLYS_CELERY_BROKER_URL"] = self.redis_url
        else:
            env.pop("WEBLYS_REDIS_URL", None)
            env.pop("WEBLYS_CELERY_BROKER_URL", None)
        return env


def manage(env: dict[str, str], log: Path, *args: str) -> None:
    with log.open("a") as out:
        out.write(f"--- manage.py {' '.join(args)}\n")
        out.flush()
        done = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    if done.returncode != 0:
        raise BenchError(f"manage.py {' '.join(args)} failed; see {log}:\n{log.read_text()[-3000:]}")


def _pg_admin():
    import psycopg

    return psycopg.connect(f"{PG_URL}/postgres", autocommit=True)


def _marker_text(scale: Scale) -> str:
    return f"weblys-bench customers={scale.customers} addresses={scale.addresses} seed=2026"


def _read_marker(data: DataSet) -> dict | None:
    """The marker of a completely built large data set: {'text': ..., 'seed_seconds': ...} or None."""
    with _pg_admin() as conn:
        row = conn.execute(
            "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
            [f"{data.prefix}_procable"],
        ).fetchone()
    if not row or not row[0]:
        return None
    try:
        marker = json.loads(row[0])
    except ValueError:
        return None
    return marker if marker.get("text") == _marker_text(data.scale) else None


def _write_marker(data: DataSet, seconds: float) -> None:
    text = json.dumps({"text": _marker_text(data.scale), "seed_seconds": round(seconds, 1)})
    with _pg_admin() as conn:
        conn.execute(f"COMMENT ON DATABASE \"{data.prefix}_procable\" IS '{text}'")


def prepare(scale: Scale, vendor: str, *, say=print, rebuild: bool | None = None) -> DataSet:
    """Create (or reuse) the databases of `scale`, migrate them, seed the demo operator."""
    var_dir = ROOT / "var" / "bench" / scale.name
    data = DataSet(scale=scale, vendor=vendor, var_dir=var_dir)
    log = var_dir / "setup.log"
    if rebuild is None:
        rebuild = scale.name != "large"
    marker = None
    if vendor == "postgresql" and not rebuild:
        marker = _read_marker(data)
    if rebuild or marker is None:
        shutil.rmtree(var_dir, ignore_errors=True)
    var_dir.mkdir(parents=True, exist_ok=True)
    env = data.env()
    if vendor == "postgresql":
        with _pg_admin() as conn:
            for alias in ALIASES:
                name = f"{data.prefix}_{alias}"
                if rebuild or marker is None:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
                    conn.execute(f'CREATE DATABASE "{name}"')
        import redis

        redis.Redis.from_url(data.redis_url).flushdb()
    say(
        f"  {scale.name} data: {vendor}, {scale.customers:,} customers, "
        f"{scale.addresses:,} addresses (log {log})"
    )
    started = time.perf_counter()
    manage(env, log, "migrate_all", "-v", "0")
    manage(env, log, "front", "migrate", "-v", "0")
    if marker is None:
        seeding = time.perf_counter()
        manage(
            env, log, "seed_demo", "--customers", str(scale.customers), "--addresses", str(scale.addresses)
        )
        data.seed_seconds = time.perf_counter() - seeding
        if vendor == "postgresql" and scale.name == "large":
            _write_marker(data, data.seed_seconds)
    else:
        data.reused = True
        data.seed_seconds = marker.get("seed_seconds")
        say(f"  reusing the {scale.name} data built earlier (seed took {data.seed_seconds} s)")
        # Seeders are idempotent: this only adds the demo data of apps added since the build.
        manage(
            env, log, "seed_demo", "--customers", str(scale.customers), "--addresses", str(scale.addresses)
        )
    say(f"  data ready in {time.perf_counter() - started:.0f} s")
    return data


# --- Processes ---------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen
    log: Path

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each gunicorn worker (the master excluded), in MB."""
        import psutil

        try:
            master = psutil.Process(self.process.pid)
            return [child.memory_info().rss / 1e6 for child in master.children()]
        except psutil.Error:
            return []


@dataclass
class Servers:
    running: list[Server] = field(default_factory=list)

    def start(self, name: str, wsgi: str, env: dict[str, str], *, ready_path: str, log_dir: Path) -> Server:
        port = free_port()
        log = log_dir / f"{name}.log"
        out = log.open("a")
        process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", str(GUNICORN_CONF), wsgi],
            cwd=ROOT,
            env={
                **env,
                **GUNICORN_SETTINGS,
                "WEBLYS_GUNICORN_BIND": f"127.0.0.1:{port}",
                "WEBLYS_GUNICORN_NAME": f"bench-{name}",
            },
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        server = Server(name=name, url=f"http://127.0.0.1:{port}", process=process, log=log)
        self.running.append(server)
        _wait(server, ready_path)
        return server

    def stop(self) -> None:
        for server in self.running:
            if server.process.poll() is None:
                os.killpg(server.process.pid, signal.SIGTERM)
        for server in self.running:
            try:
                server.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.process.pid, signal.SIGKILL)
        self.running.clear()


def _wait(server: Server, path: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise BenchError(
                f"{server.name} stopped at start; see {server.log}:\n{server.log.read_text()[-3000:]}"
            )
        try:
            if httpx.get(server.url + path, timeout=3).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise BenchError(f"{server.name} did not answer in {seconds:.0f} s; see {server.log}")


def database_name(url: str) -> str:
    return urlparse(url).path.lstrip("/")
