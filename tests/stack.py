"""Start the real back and front (gunicorn) on free loopback ports, on fresh databases, for journeys.

The stack is built once per test session: migrate every database, seed the demo operator, start the
back, then the front pointing to it. With WEBLYS_DB_*_URL set (PostgreSQL in CI) it uses those databases
(created fresh with a `_e2e` suffix); otherwise SQLite files in a temporary folder.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SERVICE_TOKEN = "e2e-service-token"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Stack:
    back_url: str
    front_url: str
    env: dict[str, str]
    processes: list[subprocess.Popen]
    log_dir: Path

    def back(self, **headers: str) -> httpx.Client:
        """A client for the back with the service token (add Authorization for a person)."""
        return httpx.Client(
            base_url=self.back_url,
            headers={"X-Service-Token": SERVICE_TOKEN, "Accept-Language": "en", **headers},
            timeout=30,
        )

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def _run(args: list[str], env: dict[str, str], log: Path) -> None:
    with log.open("a") as out:
        completed = subprocess.run(args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, check=False)
    if completed.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed; see {log}:\n{log.read_text()[-4000:]}")


def _wait(url: str, process: subprocess.Popen, log: Path, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url} died at start; see {log}:\n{log.read_text()[-4000:]}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {seconds} s; see {log}")


def start_stack(*, customers: int = 60, addresses: int = 120) -> Stack:
    var_dir = Path(tempfile.mkdtemp(prefix="weblys-e2e-"))
    env = dict(os.environ)
    env.update(
        {
            "WEBLYS_VAR_DIR": str(var_dir),
            "WEBLYS_SERVICE_TOKEN": SERVICE_TOKEN,
            "WEBLYS_FAST_HASHER": "1",
            "PYTHONUNBUFFERED": "1",
        }
    )
    for key in list(env):
        # PostgreSQL runs of the journeys use their own databases, never the developer's.
        if key.startswith("WEBLYS_DB_") and key.endswith("_URL") and env[key].startswith("postgres"):
            env[key] = env[key] + "_e2e"
    if any(k.startswith("WEBLYS_DB_") for k in env):
        _run([PYTHON, "-m", "tests.pgreset"], env, var_dir / "setup.log")
    setup_log = var_dir / "setup.log"
    _run([PYTHON, "manage.py", "migrate_all", "-v", "0"], env, setup_log)
    _run(
        [PYTHON, "manage.py", "seed_demo", "--customers", str(customers), "--addresses", str(addresses)],
        env,
        setup_log,
    )
    _run([PYTHON, "manage.py", "front", "migrate", "-v", "0"], env, setup_log)

    back_port, front_port = free_port(), free_port()
    back_url, front_url = f"http://127.0.0.1:{back_port}", f"http://127.0.0.1:{front_port}"
    env["WEBLYS_BACK_URL"] = back_url
    processes: list[subprocess.Popen] = []
    stack = Stack(back_url=back_url, front_url=front_url, env=env, processes=processes, log_dir=var_dir)
    try:
        for name, wsgi, port in (("back", "back.wsgi", back_port), ("front", "weblys.wsgi", front_port)):
            log = var_dir / f"{name}.log"
            out = log.open("a")
            processes.append(
                subprocess.Popen(
                    [
                        PYTHON,
                        "-m",
                        "gunicorn",
                        wsgi,
                        "-b",
                        f"127.0.0.1:{port}",
                        "-w",
                        "2",
                        "--threads",
                        "4",
                        "--timeout",
                        "60",
                        "--access-logfile",
                        "-",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            )
            _wait(f"http://127.0.0.1:{port}/" + ("health/" if name == "back" else ""), processes[-1], log)
    except BaseException:
        stack.stop()
        raise
    return stack
