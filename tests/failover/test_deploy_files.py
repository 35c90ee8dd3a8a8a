"""The deployment files agree with each other and with the settings the code reads.

Fast checks (no cluster): nginx accepts the rendered configurations, the committed renderings are up to
date, every environment variable the deployment files set is one the code reads, probes and commands
point at what exists.
"""

from __future__ import annotations

import re
import runpy
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from deploy import cluster

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
NGINX = Path(cluster.NGINX)
needs_nginx = pytest.mark.skipif(
    not NGINX.exists(), reason="nginx is not installed (apt-get install -y nginx)"
)


def names_read_by_the_code() -> set[str]:
    """Every environment variable name the settings, gunicorn config and .env.example mention."""
    names: set[str] = set()
    for path in ("back/settings.py", "weblys/settings.py", "weblys/env.py"):
        text = (ROOT / path).read_text(encoding="utf-8")
        names |= set(re.findall(r'env_\w+\(\s*"([A-Z][A-Z0-9_]+)"', text))
    names |= {f"WEBLYS_DB_{alias.upper()}_URL" for alias in cluster.DATABASE_ALIASES}
    gunicorn_text = (DEPLOY / "gunicorn.conf.py").read_text(encoding="utf-8")
    names |= {
        name
        for pair in re.findall(r'_int\("([A-Z0-9_]+)"|environ\.get\("([A-Z0-9_]+)"', gunicorn_text)
        for name in pair
        if name
    }
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        match = re.match(r"([A-Z][A-Z0-9_]+)=", line)
        if match:
            names.add(match.group(1))
    return names


def k8s_documents() -> list[dict]:
    documents = []
    for path in sorted((DEPLOY / "k8s").glob("*.yaml")):
        documents += [doc for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")) if doc]
    return documents


def containers(kind: str = "Deployment") -> dict[str, dict]:
    found = {}
    for doc in k8s_documents():
        if doc["kind"] == kind:
            spec = doc["spec"]["template"]["spec"]
            for container in spec["containers"]:
                found[doc["metadata"]["name"]] = container
    return found


def test_committed_nginx_renderings_match_the_template():
    assert cluster.outdated_rendered_files() == []


@needs_nginx
@pytest.mark.parametrize(
    "values", [cluster.PRODUCTION_VALUES, cluster.COMPOSE_VALUES], ids=["systemd", "compose"]
)
def test_nginx_accepts_the_rendered_configuration(tmp_path, values):
    # given the rendering, with the proxy snippet and log at paths of this machine
    site = cluster.render_site_config(
        {
            **values,
            "proxy_include": str(DEPLOY / "nginx" / "weblys-proxy.conf"),
            "access_log": str(tmp_path / "a.log"),
        }
    )
    # compose names the containers: make them resolvable for the syntax check
    site = re.sub(r"server (front|back)-\d:8000", "server 127.0.0.1:8000", site)
    (tmp_path / "weblys.conf").write_text(site)
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\nhttp {{\n include /etc/nginx/mime.types;\n"
        f" client_body_temp_path {tmp_path};\n proxy_temp_path {tmp_path};\n"
        f" include {tmp_path}/weblys.conf;\n}}\n"
    )
    # when nginx checks it
    done = subprocess.run(
        [str(NGINX), "-t", "-c", str(main), "-e", str(tmp_path / "e.log")], capture_output=True, text=True
    )
    # then it is accepted
    assert done.returncode == 0, done.stderr


def test_the_template_retries_only_what_nginx_considers_idempotent():
    proxy = (DEPLOY / "nginx" / "weblys-proxy.conf").read_text(encoding="utf-8")
    directives = [line for line in proxy.splitlines() if line.startswith("proxy_next_upstream ")]
    assert directives == ["proxy_next_upstream error timeout http_502 http_503 http_504;"]
    assert "non_idempotent" not in directives[0]
    assert "proxy_set_header X-Request-ID $weblys_request_id;" in proxy


def test_the_back_pool_listens_on_the_internal_address_only():
    site = (DEPLOY / "nginx" / "weblys.conf").read_text(encoding="utf-8")
    servers = site.split("\nserver {")[1:]
    public = next(block for block in servers if "listen 80;" in block)
    internal = next(block for block in servers if "listen 127.0.0.1:8090;" in block)
    assert "proxy_pass http://weblys_front;" in public and "weblys_back" not in public
    assert "proxy_pass http://weblys_back;" in internal and "deny all;" in internal


def test_every_variable_the_deployment_files_set_is_read_by_the_code():
    known = names_read_by_the_code()
    set_by_files: dict[str, set[str]] = {}
    env_example = (DEPLOY / "weblys.env.example").read_text(encoding="utf-8")
    set_by_files["weblys.env.example"] = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", env_example, re.MULTILINE))
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    set_by_files["compose.yaml"] = {
        name
        for service_name, service in compose["services"].items()
        if service_name not in ("postgres", "redis", "nginx")
        for name in service.get("environment", {})
    }
    for doc in k8s_documents():
        if doc["kind"] in ("ConfigMap", "Secret"):
            set_by_files[doc["metadata"]["name"]] = set(doc.get("data", {})) | set(doc.get("stringData", {}))
    for container_name, container in containers().items():
        set_by_files[container_name] = {item["name"] for item in container.get("env", [])}
    systemd = "\n".join(path.read_text(encoding="utf-8") for path in (DEPLOY / "systemd").glob("*.service"))
    set_by_files["systemd"] = set(re.findall(r"^Environment=([A-Z][A-Z0-9_]+)=", systemd, re.MULTILINE))
    known |= set(re.findall(r"\$\{([A-Z][A-Z0-9_]+)\}", systemd))  # read by the unit's own command line
    unknown = {source: sorted(names - known) for source, names in set_by_files.items() if names - known}
    assert unknown == {}


def test_kubernetes_configmap_and_secret_hold_every_database_and_the_secrets():
    docs = {doc["metadata"]["name"]: doc for doc in k8s_documents() if doc["kind"] in ("ConfigMap", "Secret")}
    secret = docs["weblys-secrets"]["stringData"]
    expected = {f"WEBLYS_DB_{alias.upper()}_URL" for alias in cluster.DATABASE_ALIASES}
    expected |= {"FRONT_SECRET_KEY", "BACK_SECRET_KEY", "WEBLYS_SERVICE_TOKEN", "WEBLYS_REDIS_URL"}
    assert expected <= set(secret)
    assert all("PLACEHOLDER" in value for value in secret.values())
    assert docs["weblys-config"]["data"]["DEBUG"] == "false"


def test_kubernetes_probes_and_commands():
    found = containers()
    back, front = found["weblys-back"], found["weblys-front"]
    assert back["readinessProbe"]["httpGet"]["path"] == "/health/"
    assert front["readinessProbe"]["httpGet"]["path"] == "/"
    assert front["livenessProbe"]["httpGet"]["path"] == "/"
    assert back["command"][-1] == "back.wsgi:application"
    assert front["command"][-1] == "weblys.wsgi:application"
    assert found["weblys-worker"]["command"][:4] == ["celery", "-A", "back", "worker"]
    assert found["weblys-beat"]["command"][:4] == ["celery", "-A", "back", "beat"]
    job = containers("Job")
    assert "migrate_all" in job["weblys-migrate-1-0-0"]["command"][-1]
    images = {container["image"] for container in [*found.values(), *job.values()]}
    assert len(images) == 1
    kinds = sorted(doc["kind"] for doc in k8s_documents())
    assert kinds.count("HorizontalPodAutoscaler") == 2
    ingress = next(doc for doc in k8s_documents() if doc["kind"] == "Ingress")
    backends = {p["backend"]["service"]["name"] for r in ingress["spec"]["rules"] for p in r["http"]["paths"]}
    assert backends == {"weblys-front"}


def test_compose_runs_two_of_each_tier_behind_nginx_after_migrations():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {
        "back-1",
        "back-2",
        "front-1",
        "front-2",
        "worker",
        "beat",
        "migrate",
        "nginx",
        "postgres",
        "redis",
    } <= set(services)
    for name in ("back-1", "back-2", "front-1", "front-2", "worker", "beat"):
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
    assert services["front-1"]["environment"]["WEBLYS_BACK_URL"] == "http://nginx:8090"
    assert services["nginx"]["ports"] == ["8080:80"]
    upstreams = cluster.COMPOSE_VALUES
    assert upstreams["front_upstreams"].split() == ["front-1:8000", "front-2:8000"]
    assert upstreams["back_upstreams"].split() == ["back-1:8000", "back-2:8000"]
    init = (DEPLOY / "postgres-init.sql").read_text(encoding="utf-8")
    for alias in cluster.DATABASE_ALIASES:
        url = services["back-1"]["environment"][f"WEBLYS_DB_{alias.upper()}_URL"]
        database = url.rsplit("/", 1)[1]
        assert database == "weblys" or f"CREATE DATABASE {database} " in init


def test_systemd_instances_match_the_nginx_pools():
    target = (DEPLOY / "systemd" / "weblys.target").read_text(encoding="utf-8")
    fronts = re.findall(r"weblys-front@(\d+)", target)
    backs = re.findall(r"weblys-back@(\d+)", target)
    assert [f"127.0.0.1:{port}" for port in fronts] == cluster.PRODUCTION_VALUES["front_upstreams"].split()
    assert [f"127.0.0.1:{port}" for port in backs] == cluster.PRODUCTION_VALUES["back_upstreams"].split()
    for unit in (
        "weblys-front@.service",
        "weblys-back@.service",
        "weblys-worker.service",
        "weblys-beat.service",
    ):
        text = (DEPLOY / "systemd" / unit).read_text(encoding="utf-8")
        assert "EnvironmentFile=/etc/weblys/weblys.env" in text
        assert "NoNewPrivileges=true" in text and "ProtectSystem=strict" in text
        assert re.search(r"^Restart=always$", text, re.MULTILINE)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_units(tmp_path):
    for path in (DEPLOY / "systemd").iterdir():
        shutil.copy(path, tmp_path / path.name)
    for template, instance in (("weblys-front@.service", "weblys-front@8101.service"),
                               ("weblys-back@.service", "weblys-back@8201.service")):  # fmt: skip
        (tmp_path / instance).symlink_to(tmp_path / template)
    units = [
        "weblys-front@8101.service", "weblys-back@8201.service", "weblys-worker.service",
        "weblys-beat.service", "weblys-migrate.service", "weblys.target",
    ]  # fmt: skip
    done = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *(str(tmp_path / unit) for unit in units)],
        capture_output=True,
        text=True,
    )
    # The executables live on the production host only; any other complaint is a mistake in a unit.
    complaints = [
        line
        for line in done.stderr.splitlines()
        if line.strip() and "is not executable" not in line and "No such file or directory" not in line
    ]
    assert complaints == []


@pytest.mark.parametrize(
    ("cores", "cap", "expected"), [(1, 8, 3), (2, 8, 5), (3, 8, 7), (16, 8, 8), (4, 1, 1)]
)
def test_gunicorn_workers_are_two_per_core_plus_one_capped(cores, cap, expected):
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["default_workers"](cores, cap) == expected


def test_gunicorn_reads_its_settings_from_the_environment(monkeypatch):
    monkeypatch.setenv("WEBLYS_GUNICORN_BIND", "127.0.0.1:8201")
    monkeypatch.setenv("WEBLYS_GUNICORN_WORKERS", "3")
    monkeypatch.setenv("WEBLYS_GUNICORN_MAX_REQUESTS", "500")
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["bind"] == ["127.0.0.1:8201"]
    assert config["workers"] == 3
    assert (config["max_requests"], config["max_requests_jitter"]) == (500, 50)
    assert config["worker_class"] == "gthread" and config["preload_app"] is False
    assert "%({x-request-id}o)s" in config["access_log_format"]


def test_gunicorn_accepts_the_configuration():
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            str(DEPLOY / "gunicorn.conf.py"),
            "--print-config",
            "back.wsgi:application",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert re.search(r"^worker_class\s+= gthread$", done.stdout, re.MULTILINE)
