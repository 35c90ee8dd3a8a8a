"""`make cluster`: the production layout on one machine, on loopback ports.

    nginx  127.0.0.1:8080 (public)   -> front-1 127.0.0.1:8101, front-2 127.0.0.1:8102
    nginx  127.0.0.1:8090 (internal) -> back-1  127.0.0.1:8201, back-2  127.0.0.1:8202
    Celery worker + beat, broker in Redis; sessions and caches of both tiers in Redis;
    every back database on PostgreSQL (weblys_cluster_<alias>, created when absent).

Before starting: creates the databases, migrates them, seeds the demo operator (idempotent) and collects
the static files nginx serves. Logs, pid files and the generated nginx configuration go to var/cluster/.
Ctrl-C or SIGTERM stops every process (each runs in its own process group).

    .venv/bin/python deploy/cluster.py                    start the cluster
    .venv/bin/python deploy/cluster.py --render-production  rewrite deploy/nginx/weblys.conf, compose.conf
    .venv/bin/python deploy/cluster.py --check-production   exit 1 when they are out of date

Environment: WEBLYS_CLUSTER_PG_URL (postgres://postgres@127.0.0.1:5432), WEBLYS_CLUSTER_REDIS_URL
(redis://127.0.0.1:6379/2), WEBLYS_CLUSTER_PORT (8080: public port; internal = +10, fronts = +21..,
backs = +121..), WEBLYS_CLUSTER_CUSTOMERS (200).

A test reuses it: `start_cluster(ClusterConfig(...)) -> Cluster`, then `cluster.kill("front-1")`,
`cluster.restart("front-1")`, `cluster.stop()` (see tests/failover/).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import secrets
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
import psycopg
import redis

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
PYTHON = sys.executable
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
TEMPLATE = DEPLOY / "nginx" / "weblys.conf.template"
PROXY_INCLUDE = DEPLOY / "nginx" / "weblys-proxy.conf"
GUNICORN_CONF = DEPLOY / "gunicorn.conf.py"
DATABASE_ALIASES = (
    "weblys",
    "catalog",
    "rules",
    "param",
    "security",
    "customlogin",
    "wecrm",
    "diagtree",
    "procable",
)

# Passive health checks: two failures within 10 s leave an instance out for 10 s (same in production).
MAX_FAILS = 2
FAIL_TIMEOUT = "10s"

# The values deploy/nginx/weblys.conf is rendered with: one host running both pools behind nginx, the
# instances started by deploy/systemd/weblys-front@<port>.service and weblys-back@<port>.service.
PRODUCTION_VALUES = {
    "variant": "production: instances from deploy/systemd on this host",
    "public_listen": "80",
    "internal_listen": "127.0.0.1:8090",
    "server_name": "shop.example.com",
    "front_upstreams": "127.0.0.1:8101 127.0.0.1:8102",
    "back_upstreams": "127.0.0.1:8201 127.0.0.1:8202",
    "access_log": "/var/log/nginx/weblys.access.log",
    "front_static_root": "/srv/weblys/static-front",
    "back_static_root": "/srv/weblys/static-back",
    "proxy_include": "/etc/nginx/snippets/weblys-proxy.conf",
    "internal_allow": "127.0.0.1 10.0.0.0/8",
}

# deploy/compose.yaml: one container per instance on the compose network; static files from the
# volumes the migrate service fills; logs to the container's output.
COMPOSE_VALUES = {
    "variant": "docker compose: deploy/compose.yaml",
    "public_listen": "80",
    "internal_listen": "8090",
    "server_name": "_",
    "front_upstreams": "front-1:8000 front-2:8000",
    "back_upstreams": "back-1:8000 back-2:8000",
    "access_log": "/dev/stdout",
    "front_static_root": "/srv/weblys/static-front",
    "back_static_root": "/srv/weblys/static-back",
    "proxy_include": "/etc/nginx/snippets/weblys-proxy.conf",
    "internal_allow": "10.0.0.0/8 172.16.0.0/12 192.168.0.0/16",
}
RENDERED = {
    DEPLOY / "nginx" / "weblys.conf": PRODUCTION_VALUES,
    DEPLOY / "nginx" / "compose.conf": COMPOSE_VALUES,
}


def _server_lines(addresses: str) -> str:
    return "\n".join(
        f"    server {address} max_fails={MAX_FAILS} fail_timeout={FAIL_TIMEOUT};"
        for address in addresses.split()
    )


def render_site_config(values: dict[str, str]) -> str:
    """The `http`-level nginx configuration (upstreams and servers) from the template."""
    filled = dict(values)
    filled["front_servers"] = _server_lines(values["front_upstreams"])
    filled["back_servers"] = _server_lines(values["back_upstreams"])
    allowed = values["internal_allow"].split()
    filled["internal_allow"] = (
        "    # Only the fronts' network may call the back.\n"
        + "".join(f"    allow {address};\n" for address in allowed)
        + "    deny all;\n"
    )
    text = TEMPLATE.read_text(encoding="utf-8")

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in filled:
            raise KeyError(f"no value for {{{{{name}}}}} in {TEMPLATE}")
        return filled[name]

    return re.sub(r"\{\{(\w+)\}\}", substitute, text)


def outdated_rendered_files() -> list[Path]:
    """The committed renderings of the template (weblys.conf, compose.conf) that differ from it."""
    return [
        path
        for path, values in RENDERED.items()
        if not path.exists() or path.read_text(encoding="utf-8") != render_site_config(values)
    ]


# --- Configuration -------------------------------------------------------------------------------------


@dataclass
class ClusterConfig:
    public_port: int = 8080
    internal_port: int = 8090
    front_ports: tuple[int, ...] = (8101, 8102)
    back_ports: tuple[int, ...] = (8201, 8202)
    pg_url: str = "postgres://postgres@127.0.0.1:5432"
    db_prefix: str = "weblys_cluster"
    redis_url: str = "redis://127.0.0.1:6379/2"
    var_dir: Path = ROOT / "var" / "cluster"
    gunicorn_workers: int = 2
    gunicorn_threads: int = 4
    worker: bool = True
    beat: bool = True
    customers: int = 200
    addresses: int = 400
    fast_hasher: bool = False
    extra_env: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_environment(cls) -> ClusterConfig:
        base = int(os.environ.get("WEBLYS_CLUSTER_PORT", "8080"))
        customers = int(os.environ.get("WEBLYS_CLUSTER_CUSTOMERS", "200"))
        return cls(
            public_port=base,
            internal_port=base + 10,
            front_ports=(base + 21, base + 22),
            back_ports=(base + 121, base + 122),
            pg_url=os.environ.get("WEBLYS_CLUSTER_PG_URL", cls.pg_url),
            redis_url=os.environ.get("WEBLYS_CLUSTER_REDIS_URL", cls.redis_url),
            customers=customers,
            addresses=customers * 2,
        )

    @property
    def public_url(self) -> str:
        return f"http://127.0.0.1:{self.public_port}"

    @property
    def internal_url(self) -> str:
        return f"http://127.0.0.1:{self.internal_port}"

    def database_url(self, alias: str) -> str:
        return f"{self.pg_url.rstrip('/')}/{self.db_prefix}_{alias}"


def _persistent_secret(path: Path) -> str:
    """A random secret kept in var/cluster so sessions survive a restart of the whole cluster."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(48), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def cluster_env(config: ClusterConfig) -> dict[str, str]:
    """The environment every process of the cluster gets (production settings, loopback HTTP)."""
    secrets_dir = config.var_dir / "secrets"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("WEBLYS_DB_", "WEBLYS_GUNICORN_"))
    }
    env.update(
        {
            "DEBUG": "false",
            "BACK_SECRET_KEY": _persistent_secret(secrets_dir / "back-secret-key"),
            "FRONT_SECRET_KEY": _persistent_secret(secrets_dir / "front-secret-key"),
            "WEBLYS_SERVICE_TOKEN": _persistent_secret(secrets_dir / "service-token"),
            "BACK_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "FRONT_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "WEBLYS_BACK_URL": config.internal_url,
            "WEBLYS_REDIS_URL": config.redis_url,
            "WEBLYS_CELERY_BROKER_URL": config.redis_url,
            "WEBLYS_VAR_DIR": str(config.var_dir / "state"),
            "FRONT_STATIC_ROOT": str(config.var_dir / "static-front"),
            "WEBLYS_BEHIND_PROXY": "true",
            # Plain HTTP on loopback: cookies must not be marked Secure or the browser drops them.
            "FRONT_SESSION_COOKIE_SECURE": "false",
            "FRONT_CSRF_COOKIE_SECURE": "false",
            "WEBLYS_FRONT_BASE_URL": config.public_url,
            "PYTHONUNBUFFERED": "1",
        }
    )
    for alias in DATABASE_ALIASES:
        env[f"WEBLYS_DB_{alias.upper()}_URL"] = config.database_url(alias)
    if config.fast_hasher:
        env["WEBLYS_FAST_HASHER"] = "1"
    env.update(config.extra_env)
    return env


# --- Processes ---------------------------------------------------------------------------------------


@dataclass
class Instance:
    name: str
    args: list[str]
    ready_url: str | None
    env_overrides: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen | None = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None


class ClusterError(RuntimeError):
    pass


@dataclass
class Cluster:
    config: ClusterConfig
    env: dict[str, str]
    instances: dict[str, Instance]

    @property
    def public_url(self) -> str:
        return self.config.public_url

    @property
    def internal_url(self) -> str:
        return self.config.internal_url

    @property
    def log_dir(self) -> Path:
        return self.config.var_dir / "log"

    def log_path(self, name: str) -> Path:
        return self.log_dir / f"{name}.log"

    def start(self, name: str, *, wait_seconds: float = 90) -> None:
        """Start one instance (in its own process group) and wait until it answers."""
        instance = self.instances[name]
        if instance.running:
            raise ClusterError(f"{name} is already running")
        log = self.log_path(name)
        with log.open("a") as out:
            out.write(f"--- {time.strftime('%H:%M:%S')} starting {name}: {' '.join(instance.args)}\n")
            out.flush()
            instance.process = subprocess.Popen(
                instance.args,
                cwd=ROOT,
                env={**self.env, **instance.env_overrides},
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        (self.config.var_dir / "run" / f"{name}.pid").write_text(f"{instance.process.pid}\n")
        _wait_ready(instance, log, wait_seconds)

    def kill(self, name: str) -> None:
        """SIGKILL the instance's whole process group (gunicorn master and workers): a crash, no goodbye."""
        instance = self.instances[name]
        if not instance.running:
            raise ClusterError(f"{name} is not running")
        assert instance.process is not None
        os.killpg(instance.process.pid, signal.SIGKILL)
        instance.process.wait(timeout=10)
        (self.config.var_dir / "run" / f"{name}.pid").unlink(missing_ok=True)

    def restart(self, name: str, *, wait_seconds: float = 90) -> None:
        """Start again an instance that was killed (or stop it gracefully first if it still runs)."""
        if self.instances[name].running:
            self._terminate([self.instances[name]])
        self.start(name, wait_seconds=wait_seconds)

    def stopped_unexpectedly(self) -> list[str]:
        return [
            name
            for name, inst in self.instances.items()
            if inst.process is not None and inst.process.poll() is not None
        ]

    def stop(self) -> None:
        """SIGTERM every process group (graceful: gunicorn finishes its requests), SIGKILL after 20 s.
        nginx goes first so no new request reaches an instance that is stopping."""
        order = sorted(self.instances.values(), key=lambda inst: inst.name != "nginx")
        self._terminate(order)

    def _terminate(self, instances: list[Instance]) -> None:
        for instance in instances:
            if instance.running:
                assert instance.process is not None
                os.killpg(instance.process.pid, signal.SIGTERM)
        for instance in instances:
            if instance.process is None:
                continue
            try:
                instance.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(instance.process.pid, signal.SIGKILL)
                instance.process.wait(timeout=10)
            (self.config.var_dir / "run" / f"{instance.name}.pid").unlink(missing_ok=True)


def _wait_ready(instance: Instance, log: Path, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    assert instance.process is not None
    while time.monotonic() < deadline:
        if instance.process.poll() is not None:
            raise ClusterError(f"{instance.name} stopped at start; see {log}:\n{log.read_text()[-3000:]}")
        if instance.ready_url is None:
            if time.monotonic() > deadline - seconds + 2:  # no URL: alive for 2 s is enough
                return
        else:
            try:
                if httpx.get(instance.ready_url, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
        time.sleep(0.2)
    raise ClusterError(f"{instance.name} did not become ready in {seconds:.0f} s; see {log}")


# --- Preparation -------------------------------------------------------------------------------------


def check_prerequisites(config: ClusterConfig) -> None:
    """Fail early, with the fix, when nginx, PostgreSQL, Redis or a port is missing."""
    if not Path(NGINX).exists():
        raise ClusterError("nginx is not installed: apt-get install -y nginx")
    try:
        with psycopg.connect(f"{config.pg_url.rstrip('/')}/postgres", connect_timeout=3):
            pass
    except psycopg.Error as exc:
        raise ClusterError(f"PostgreSQL is not reachable at {config.pg_url}: {exc}") from exc
    try:
        redis.Redis.from_url(config.redis_url, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        raise ClusterError(f"Redis is not reachable at {config.redis_url}: {exc}") from exc
    for port in (config.public_port, config.internal_port, *config.front_ports, *config.back_ports):
        with socket.socket() as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", port))
            except OSError as exc:
                raise ClusterError(f"port 127.0.0.1:{port} is in use (another `make cluster`?)") from exc


def create_databases(config: ClusterConfig, *, reset: bool = False) -> None:
    """Create each back database that is absent (drop it first with reset=True)."""
    for alias in DATABASE_ALIASES:
        url = config.database_url(alias)
        name = urlparse(url).path.lstrip("/")
        with psycopg.connect(f"{config.pg_url.rstrip('/')}/postgres", autocommit=True) as conn:
            if reset:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
                conn.execute(f'CREATE DATABASE "{name}"')


def _manage(env: dict[str, str], log: Path, *args: str) -> None:
    with log.open("a") as out:
        out.write(f"--- manage.py {' '.join(args)}\n")
        out.flush()
        done = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    if done.returncode != 0:
        raise ClusterError(f"manage.py {' '.join(args)} failed; see {log}:\n{log.read_text()[-3000:]}")


def prepare(config: ClusterConfig, env: dict[str, str], *, reset: bool = False, say=print) -> None:
    """Databases, migrations, demo data, static files: everything the processes need before they start."""
    log = config.var_dir / "log" / "setup.log"
    say(f"preparing databases {config.db_prefix}_<alias> (log: {log})")
    create_databases(config, reset=reset)
    _manage(env, log, "migrate_all", "-v", "0")
    _manage(env, log, "front", "migrate", "-v", "0")
    say("seeding the demo operator (idempotent)")
    _manage(env, log, "seed_demo", "--customers", str(config.customers), "--addresses", str(config.addresses))
    _manage(env, log, "back", "collectstatic", "--noinput", "-v", "0")
    _manage(env, log, "front", "collectstatic", "--noinput", "-v", "0")


def _nginx_main_config(config: ClusterConfig) -> Path:
    """A complete nginx.conf in var/cluster/nginx: the production site config with cluster values."""
    nginx_dir = config.var_dir / "nginx"
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (nginx_dir / "tmp" / sub).mkdir(parents=True, exist_ok=True)
    site = render_site_config(
        {
            "variant": "make cluster: loopback instances started by deploy/cluster.py",
            "public_listen": f"127.0.0.1:{config.public_port}",
            "internal_listen": f"127.0.0.1:{config.internal_port}",
            "server_name": "127.0.0.1 localhost",
            "front_upstreams": " ".join(f"127.0.0.1:{port}" for port in config.front_ports),
            "back_upstreams": " ".join(f"127.0.0.1:{port}" for port in config.back_ports),
            "access_log": str(config.var_dir / "log" / "nginx-access.log"),
            "front_static_root": str(config.var_dir / "static-front"),
            "back_static_root": str(config.var_dir / "state" / "static-back"),
            "proxy_include": str(PROXY_INCLUDE),
            "internal_allow": "127.0.0.1",
        }
    )
    (nginx_dir / "weblys.conf").write_text(site, encoding="utf-8")
    tmp = nginx_dir / "tmp"
    main = f"""# Generated by deploy/cluster.py; the site part is {nginx_dir / "weblys.conf"}.
worker_processes 2;
pid {config.var_dir / "run" / "nginx-master.pid"};
error_log {config.var_dir / "log" / "nginx-error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    server_tokens off;
    client_body_temp_path {tmp / "client_body"};
    proxy_temp_path {tmp / "proxy"};
    fastcgi_temp_path {tmp / "fastcgi"};
    uwsgi_temp_path {tmp / "uwsgi"};
    scgi_temp_path {tmp / "scgi"};
    include {nginx_dir / "weblys.conf"};
}}
"""
    path = nginx_dir / "nginx.conf"
    path.write_text(main, encoding="utf-8")
    return path


def nginx_test(conf: Path, error_log: Path) -> None:
    done = subprocess.run(
        [NGINX, "-t", "-q", "-c", str(conf), "-e", str(error_log)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise ClusterError(f"nginx rejected {conf}:\n{done.stderr}")


def build_cluster(config: ClusterConfig) -> Cluster:
    """The instances of the cluster (nothing started yet)."""
    for sub in ("log", "run", "state", "secrets"):
        (config.var_dir / sub).mkdir(parents=True, exist_ok=True)
    env = cluster_env(config)
    conf = _nginx_main_config(config)
    error_log = config.var_dir / "log" / "nginx-error.log"
    nginx_test(conf, error_log)
    instances: dict[str, Instance] = {}

    def gunicorn(name: str, wsgi: str, port: int, ready: str) -> None:
        instances[name] = Instance(
            name=name,
            args=[PYTHON, "-m", "gunicorn", "-c", str(GUNICORN_CONF), wsgi],
            ready_url=f"http://127.0.0.1:{port}{ready}",
            env_overrides={
                "WEBLYS_GUNICORN_BIND": f"127.0.0.1:{port}",
                "WEBLYS_GUNICORN_WORKERS": str(config.gunicorn_workers),
                "WEBLYS_GUNICORN_THREADS": str(config.gunicorn_threads),
                "WEBLYS_GUNICORN_NAME": f"{name}-{port}",
            },
        )

    for number, port in enumerate(config.back_ports, start=1):
        gunicorn(f"back-{number}", "back.wsgi:application", port, "/health/")
    for number, port in enumerate(config.front_ports, start=1):
        gunicorn(f"front-{number}", "weblys.wsgi:application", port, "/")
    instances["nginx"] = Instance(
        name="nginx",
        args=[NGINX, "-c", str(conf), "-e", str(error_log), "-g", "daemon off;"],
        ready_url=f"{config.internal_url}/health/",
    )
    if config.worker:
        instances["worker"] = Instance(
            name="worker",
            args=[
                PYTHON,
                "-m",
                "celery",
                "-A",
                "back",
                "worker",
                "-l",
                "info",
                "-c",
                "2",
                "-n",
                "cluster-worker@%h",
            ],
            ready_url=None,
        )
    if config.beat:
        instances["beat"] = Instance(
            name="beat",
            args=[
                PYTHON,
                "-m",
                "celery",
                "-A",
                "back",
                "beat",
                "-l",
                "info",
                "-s",
                str(config.var_dir / "state" / "celerybeat-schedule"),
            ],
            ready_url=None,
        )
    return Cluster(config=config, env=env, instances=instances)


def start_cluster(config: ClusterConfig | None = None, *, prepare_data: bool = True, say=print) -> Cluster:
    """Prepare and start the whole cluster; on any failure, stop what was started and raise."""
    config = config or ClusterConfig.from_environment()
    check_prerequisites(config)
    cluster = build_cluster(config)
    if prepare_data:
        prepare(config, cluster.env, say=say)
    try:
        for name in cluster.instances:
            say(f"starting {name}")
            cluster.start(name)
    except BaseException:
        cluster.stop()
        raise
    return cluster


def _demo_logins() -> str:
    spec = importlib.util.spec_from_file_location("weblys_devserver", DEPLOY / "devserver.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.DEMO_LOGINS


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--render-production", action="store_true", help="rewrite deploy/nginx/weblys.conf and compose.conf"
    )
    parser.add_argument("--check-production", action="store_true", help="fail if they are out of date")
    parser.add_argument("--reset", action="store_true", help="drop and recreate the cluster databases first")
    args = parser.parse_args(argv)
    if args.render_production:
        for path, values in RENDERED.items():
            path.write_text(render_site_config(values), encoding="utf-8")
            print(f"wrote {path}")
        return 0
    if args.check_production:
        for path in outdated_rendered_files():
            print(f"{path} is out of date: run deploy/cluster.py --render-production", file=sys.stderr)
        return 1 if outdated_rendered_files() else 0

    config = ClusterConfig.from_environment()
    if args.reset:
        check_prerequisites(config)
        create_databases(config, reset=True)

    def on_sigterm(*_: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_sigterm)
    cluster = None
    try:
        cluster = start_cluster(config)
        fronts = "  ".join(f"front-{n} :{p}" for n, p in enumerate(config.front_ports, 1))
        backs = "  ".join(f"back-{n} :{p}" for n, p in enumerate(config.back_ports, 1))
        print(
            f"""
Weblys cluster is running (Ctrl-C stops everything; logs in {cluster.log_dir})
  Portal     {config.public_url}/          (nginx -> {fronts})
  SelfShop   {config.public_url}/selfshop/
  MyAccount  {config.public_url}/myaccount/
  Staff      {config.public_url}/staff/login/
  Back API   {config.internal_url}/api/docs/   health {config.internal_url}/health/   (nginx -> {backs})
  Worker and beat: Celery, broker {config.redis_url}; databases {config.db_prefix}_<alias>
{_demo_logins()}""",
            flush=True,
        )
        reported: set[str] = set()
        while True:
            for name in cluster.stopped_unexpectedly():
                if name not in reported:
                    reported.add(name)
                    print(
                        f"{name} stopped (see {cluster.log_path(name)}); the others keep serving.", flush=True
                    )
            time.sleep(1)
    except KeyboardInterrupt:
        print("\nstopping the cluster", flush=True)
        return 0
    except ClusterError as exc:
        print(f"cluster: {exc}", file=sys.stderr)
        return 1
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
