"""`make run`: serve the back on 127.0.0.1:8001 and the front on 127.0.0.1:8000 (plus a Celery worker
when a broker is configured), print the URLs and the demo logins, and stop everything on Ctrl-C.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BACK_PORT = int(os.environ.get("WEBLYS_BACK_PORT", "8001"))
FRONT_PORT = int(os.environ.get("WEBLYS_FRONT_PORT", "8000"))

DEMO_LOGINS = """
Demo logins
  Staff (WeShop, WeCare, WeCRM, WeDiag, WeConfig at /staff/login/):
    admin    / admin-demo-2026     administrator, every right
    store1   / store-demo-2026     store agent (WeShop, WeCare customers, WeDiag)
    manager1 / manager-demo-2026   store manager (discounts, overrides)
    care1    / care-demo-2026      care agent (WeCare, WeCRM, WeDiag)
    dist1    / dist-demo-2026      distributor (WeShop only)
  Customers (MyAccount): see README, "Demo operator".
"""


def _start(name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen:
    print(f"starting {name}: {' '.join(args)}", flush=True)
    return subprocess.Popen(args, cwd=ROOT, env=env, start_new_session=True)


def _wait_until_up(url: str, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    return False


def main() -> int:
    env = dict(os.environ)
    env.setdefault("WEBLYS_BACK_URL", f"http://127.0.0.1:{BACK_PORT}")
    processes = [
        _start(
            "back", [PYTHON, "manage.py", "back", "runserver", f"127.0.0.1:{BACK_PORT}", "--noreload"], env
        ),
        _start(
            "front", [PYTHON, "manage.py", "front", "runserver", f"127.0.0.1:{FRONT_PORT}", "--noreload"], env
        ),
    ]
    if env.get("WEBLYS_CELERY_BROKER_URL") or env.get("WEBLYS_REDIS_URL"):
        processes.append(
            _start(
                "worker", [PYTHON, "-m", "celery", "-A", "back", "worker", "-B", "-l", "info", "-c", "2"], env
            )
        )

    def stop(*_: object) -> None:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)

    signal.signal(signal.SIGTERM, lambda *a: (stop(), sys.exit(0)))
    try:
        back_up = _wait_until_up(f"http://127.0.0.1:{BACK_PORT}/health/")
        front_up = _wait_until_up(f"http://127.0.0.1:{FRONT_PORT}/")
        if not (back_up and front_up):
            print("A tier did not start; see the messages above.", file=sys.stderr)
            stop()
            return 1
        print(
            f"""
Weblys is running (Ctrl-C stops everything)
  Portal     http://127.0.0.1:{FRONT_PORT}/
  SelfShop   http://127.0.0.1:{FRONT_PORT}/selfshop/
  MyAccount  http://127.0.0.1:{FRONT_PORT}/myaccount/
  WeShop     http://127.0.0.1:{FRONT_PORT}/weshop/      WeCare  http://127.0.0.1:{FRONT_PORT}/wecare/
  WeCRM      http://127.0.0.1:{FRONT_PORT}/wecrm/       WeDiag  http://127.0.0.1:{FRONT_PORT}/wediag/
  WeConfig   http://127.0.0.1:{FRONT_PORT}/weconfig/
  Back API   http://127.0.0.1:{BACK_PORT}/api/docs/   health http://127.0.0.1:{BACK_PORT}/health/
{DEMO_LOGINS}""",
            flush=True,
        )
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
        print("A process stopped; stopping the others.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop()


if __name__ == "__main__":
    sys.exit(main())
