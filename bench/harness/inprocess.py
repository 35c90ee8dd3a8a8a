"""Count, in process, the SQL queries of back API calls and the back calls (and SQL) of front pages.

Run by the harness in a subprocess whose environment points at one data set (and, for the front, at a
back serving that data set):

    python bench/harness/inprocess.py back  < calls.json   -> JSON on stdout
    python bench/harness/inprocess.py front < pages.json   -> JSON on stdout

Each call or page is made three times through Django's test client; the first (caches cold) and the
last (steady state) counts are reported. The harness runs it on two data sets of different sizes: a
count that grows with the data is an N+1.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

STAFF_LOGIN = {"code": "care1", "password": "care-demo-2026"}  # back/security/demo.py
CUSTOMER_LOGIN = {"login_id": "100001", "password": "client1-demo-2026"}  # back/customlogin/DEMO.md
REPEATS = 3


class _QueryCounter:
    def __init__(self) -> None:
        self.by_alias: Counter[str] = Counter()

    def wrapper(self, alias: str):
        def count(execute, sql, params, many, context):
            self.by_alias[alias] += 1
            return execute(sql, params, many, context)

        return count


@contextlib.contextmanager
def _count_queries():
    from django.db import connections

    counter = _QueryCounter()
    with contextlib.ExitStack() as stack:
        for connection in connections.all():
            stack.enter_context(connection.execute_wrapper(counter.wrapper(connection.alias)))
        yield counter


class _BackCallCounter(logging.Handler):
    """Counts the back client's one log line per HTTP call ("back GET /api/... -> 200 in 3.1 ms")."""

    def __init__(self) -> None:
        super().__init__(level=logging.INFO)
        self.calls: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("back ") and " -> " in message:
            self.calls.append(" ".join(message.split()[1:3]))


def _setup(settings_module: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    import django

    django.setup()


def back(calls: list[dict]) -> list[dict]:
    _setup("back.settings")
    from django.test import Client

    service = {"HTTP_X_SERVICE_TOKEN": os.environ["WEBLYS_SERVICE_TOKEN"], "HTTP_ACCEPT_LANGUAGE": "en"}
    client = Client(**service)
    tokens: dict[str, str] = {}
    staff = client.post("/api/v1/security/sessions/", STAFF_LOGIN, content_type="application/json")
    if staff.status_code == 201:
        tokens["staff"] = staff.json()["token"]
    customer = client.post("/api/v1/customlogin/sessions/", CUSTOMER_LOGIN, content_type="application/json")
    if customer.status_code == 201:
        tokens["customer"] = customer.json()["token"]
    results = []
    for call in calls:
        headers = {}
        if call.get("auth") in ("staff", "customer"):
            if call["auth"] not in tokens:
                results.append({**call, "error": f"no {call['auth']} token"})
                continue
            headers["HTTP_AUTHORIZATION"] = f"Bearer {tokens[call['auth']]}"
        counts = []
        status = None
        for repeat in range(REPEATS):
            with _count_queries() as counter:
                if call["method"] == "POST":
                    response = client.post(
                        call["path"],
                        call.get("json", {}),
                        content_type="application/json",
                        headers={"Idempotency-Key": f"bench-count-{os.getpid()}-{call['name']}-{repeat}"},
                        **headers,
                    )
                else:
                    response = client.get(call["path"], call.get("params", {}), **headers)
            status = response.status_code
            counts.append(dict(counter.by_alias))
        results.append(
            {
                "name": call["name"],
                "status": status,
                "first": sum(counts[0].values()),
                "steady": sum(counts[-1].values()),
                "steady_by_alias": counts[-1],
            }
        )
    return results


def front(pages: list[dict]) -> list[dict]:
    _setup("weblys.settings")
    from django.test import Client

    handler = _BackCallCounter()
    backclient_logger = logging.getLogger("weblys.backclient")
    backclient_logger.addHandler(handler)
    backclient_logger.setLevel(logging.INFO)
    clients = {"anonymous": Client(HTTP_ACCEPT_LANGUAGE="en")}
    customer = Client(HTTP_ACCEPT_LANGUAGE="en")
    if customer.post("/myaccount/login/", CUSTOMER_LOGIN).status_code == 302:
        clients["customer"] = customer
    staff = Client(HTTP_ACCEPT_LANGUAGE="en")
    if staff.post("/staff/login/", STAFF_LOGIN).status_code == 302:
        clients["staff"] = staff
    if "customer" in clients:  # every MyAccount page the account home links to
        sys.path.insert(0, str(ROOT / "bench"))
        from harness.figures import myaccount_links

        home = clients["customer"].get("/myaccount/")
        pages = pages + [
            {"name": f"MyAccount {path}", "path": path, "login": "customer"}
            for path in myaccount_links(home.content.decode())
        ]
    results = []
    for page in pages:
        client = clients.get(page.get("login", "anonymous"))
        if client is None:
            results.append({"name": page["name"], "error": f"could not log in as {page['login']}"})
            continue
        runs = []
        for _ in range(REPEATS):
            handler.calls.clear()
            with _count_queries() as counter:
                response = client.get(page["path"])
            runs.append({"back": list(handler.calls), "sql": sum(counter.by_alias.values())})
        results.append(
            {
                "name": page["name"],
                "status": response.status_code,
                "bytes": len(response.content),
                "back_calls_first": len(runs[0]["back"]),
                "back_calls_steady": len(runs[-1]["back"]),
                "back_calls": runs[-1]["back"],
                "sql_steady": runs[-1]["sql"],
            }
        )
    return results


def main() -> None:
    tier = sys.argv[1]
    spec = json.load(sys.stdin)
    logging.disable(logging.NOTSET)
    result = back(spec) if tier == "back" else front(spec)
    sys.stdout.write("\n" + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
