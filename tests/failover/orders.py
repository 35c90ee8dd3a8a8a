"""The order journey of the failover load: real SelfShop subscriptions, then the check against Pro-Cable.

Each pass is a new visitor (no cookie) completing a subscription with bench/selfshop_journey.py's
`subscribe()`, through nginx, with its own e-mail address (the key that ties a journey to its order and
to the Pro-Cable customer created for it). Every request goes through the user's counters.

A confirm POST that fails (its front or back instance SIGKILLed mid-request: 502, 500, a reset
connection) is sent again, like a visitor pressing the button again: the same form data, so the same
Idempotency-Key (the hidden `key` field of the review form); after a 409 "still being recorded" page,
that page's form with its new key. The retry must end on the confirmation
page of the one order of the cart; `verify()` proves it against the databases after the Celery
worker has drained the submissions.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from dataclasses import dataclass, field

import httpx
import psycopg

from bench.selfshop_journey import JourneyError, Visitor, subscribe
from tests.failover.load import Cancelled, User

CONFIRM_PATH = "/selfshop/review/"
# Delays before each new send of a failed confirm: about 2.5 minutes in all, far longer than the back's
# in-flight window of an Idempotency-Key (WEBLYS_IDEMPOTENCY_IN_FLIGHT_SECONDS, 45 s). A send answered
# 409 "still being recorded" shows the review again with a new key, which the next send uses.
CONFIRM_RETRY_DELAYS = (1, 2, 3, 5, 8, 10, 15, 15, 15, 15, 15, 15, 15, 15)
NEW_KEY = re.compile(r'name="key" value="([^"]+)"')
ORDER_NUMBER = re.compile(r'<dd class="mono">([0-9a-f-]{36})</dd>')
STATUS = re.compile(r"<strong>(Order confirmed|Order received|Order under review)</strong>")


@dataclass
class ConfirmAttempt:
    at: float
    outcome: str  # "HTTP 502", "RemoteProtocolError: ...", "302"


@dataclass
class OrderJourney:
    """What one subscription did: its e-mail, the confirm sends, the order its confirmation page showed."""

    user: str
    email: str
    install_mode: str
    started: float
    confirm_sends: list[ConfirmAttempt] = field(default_factory=list)
    order_id: str = ""
    status_shown: str = ""
    error: str = ""


class CountingClient:
    """What `Visitor` needs of an httpx client, sending through the user's counters.

    A GET answering 4xx/5xx and a POST answering anything but a redirect count as failed requests.
    A failed confirm POST is sent again with the same data (the visitor retries the same form).
    """

    def __init__(self, user: User, journey: OrderJourney) -> None:
        self.user = user
        self.journey = journey
        self.headers = user.client.headers
        self.cookies = user.client.cookies
        self.base_url = user.client.base_url
        self.confirming = False

    def request(self, method: str, url: str, **kwargs: object) -> httpx.Response:
        # Once the confirm is sent the visitor waits for its answer, even when the run is over.
        if self.user.stop.is_set() and not self.confirming:
            raise Cancelled
        path = httpx.URL(str(url)).path
        is_confirm = method == "POST" and path == CONFIRM_PATH
        if not is_confirm:
            return self._send(method, url, path, kwargs)
        self.confirming = True
        delays = list(CONFIRM_RETRY_DELAYS)
        while True:
            try:
                response = self._send(method, url, path, kwargs)
            except httpx.HTTPError as exc:
                self.journey.confirm_sends.append(
                    ConfirmAttempt(self.user.recorder.now(), type(exc).__name__)
                )
                if not delays:
                    raise
            else:
                self.journey.confirm_sends.append(
                    ConfirmAttempt(self.user.recorder.now(), str(response.status_code))
                )
                if response.status_code in (301, 302, 303) or not delays:
                    return response
                renewed = NEW_KEY.search(response.text) if response.status_code == 409 else None
                if renewed:
                    # "Still being recorded": the page holds a new key; the visitor confirms that form.
                    kwargs["data"] = dict(kwargs["data"]) | {"key": [renewed.group(1)]}  # type: ignore[arg-type]
            time.sleep(delays.pop(0))

    def _send(self, method: str, url: str, path: str, kwargs: dict) -> httpx.Response:
        headers = dict(kwargs.pop("headers", None) or {})
        headers["X-Request-ID"] = self.user._request_id()
        started = time.monotonic()
        try:
            response = self.user.client.request(method, url, headers=headers, **kwargs)
        except httpx.HTTPError as exc:
            self.user.recorder.request(method, time.monotonic() - started)
            self.user.recorder.failure(method, path, self.user.name, f"{type(exc).__name__}: {exc}")
            raise
        self.user.recorder.request(method, time.monotonic() - started)
        ok = response.status_code in (301, 302, 303) or (method == "GET" and response.status_code == 200)
        if not ok:
            rid = response.headers.get("X-Request-ID", "-")
            self.user.recorder.failure(method, path, self.user.name, f"HTTP {response.status_code} rid={rid}")
        return response


class SelfShopOrder:
    """A new anonymous visitor every pass, subscribing on SelfShop (shipment, some appointments)."""

    name = "SelfShop order"

    def __init__(self, *, appointment_every: int = 5) -> None:
        self.appointment_every = appointment_every
        self.lock = threading.Lock()
        self.journeys: list[OrderJourney] = []

    def setup(self, user: User) -> None:
        answer = user.client.get("/selfshop/")
        if answer.status_code != 200:
            raise AssertionError(f"/selfshop/ answered {answer.status_code}")

    def iteration(self, user: User) -> None:
        user.client.cookies.clear()
        with self.lock:
            number = len(self.journeys) + 1
            journey = OrderJourney(
                user=user.name,
                email=f"fo-{uuid.uuid4().hex[:12]}@example.com",
                install_mode="appointment" if number % self.appointment_every == 0 else "shipment",
                started=user.recorder.now(),
            )
            self.journeys.append(journey)
        visitor = Visitor(str(user.client.base_url), client=CountingClient(user, journey))  # type: ignore[arg-type]
        try:
            html = subscribe(visitor, install_mode=journey.install_mode, email=journey.email)
        except (JourneyError, httpx.HTTPError, StopIteration, IndexError) as exc:
            journey.error = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"[:200]
            return
        found = ORDER_NUMBER.search(html)
        if not found:
            journey.error = "confirmation page without an order number"
            return
        journey.order_id = found.group(1)
        status = STATUS.search(html)
        journey.status_shown = status.group(1) if status else "?"
        user.order_confirmed(journey.order_id)

    # --- After the run ---------------------------------------------------------------------------

    def verify(self, cluster, recorder, *, drain_seconds: float = 180) -> tuple[list[str], bool]:
        """Wait for the worker to drain, then compare the confirmation pages with both databases."""
        journeys = list(self.journeys)
        emails = {j.email: j for j in journeys}
        drained_after, waiting = _drain(cluster, list(emails), drain_seconds)
        orders = _orders(cluster, list(emails))
        customers = _procable_customers(cluster, list(emails))

        confirmed = [j for j in journeys if j.order_id]
        retried = [j for j in journeys if len(j.confirm_sends) > 1]
        failed_journeys = [j for j in journeys if j.error]
        cut = [j for j in journeys if not j.error and not j.order_id]
        by_id = {o["id"]: o for o in orders}
        by_email: dict[str, list[dict]] = {}
        for order in orders:
            by_email.setdefault(order["email"], []).append(order)
        by_cart: dict[str, list[dict]] = {}
        for order in orders:
            by_cart.setdefault(order["cart_id"], []).append(order)
        customers_by_email: dict[str, list[dict]] = {}
        for customer in customers:
            customers_by_email.setdefault(customer["email"], []).append(customer)
        customers_by_number = {c["number"]: c for c in customers}

        lost_db = [j for j in confirmed if j.order_id not in by_id]
        wrong_order = [j for j in confirmed if j.order_id in by_id and by_id[j.order_id]["email"] != j.email]
        not_submitted = [o for o in orders if o["status"] != "submitted"]
        lost_procable = [
            j
            for j in confirmed
            if j.order_id in by_id
            and (
                by_id[j.order_id]["status"] != "submitted"
                or by_id[j.order_id]["customer_number"] not in customers_by_number
            )
        ]
        doubled_cart = {cart: rows for cart, rows in by_cart.items() if len(rows) > 1}
        doubled_journey = {email: rows for email, rows in by_email.items() if len(rows) > 1}
        doubled_customer = {email: rows for email, rows in customers_by_email.items() if len(rows) > 1}
        unseen = [o for o in orders if o["id"] not in {j.order_id for j in confirmed}]
        retried_ok = [j for j in retried if j.order_id and j.order_id in by_id]
        in_procable = [o for o in orders if o["customer_number"] in customers_by_number]

        ok = not (
            lost_db or wrong_order or lost_procable or doubled_cart or doubled_journey or doubled_customer
        )
        ok = ok and not unseen and not waiting
        lines = [
            f"- order journeys started: {len(journeys)} "
            f"({sum(j.install_mode == 'shipment' for j in journeys)} "
            f"shipment, {sum(j.install_mode == 'appointment' for j in journeys)} appointment); "
            f"ended on an error before the confirmation page: {len(failed_journeys)}; "
            f"stopped by the end of the run before their confirm: {len(cut)}",
            f"- orders confirmed (confirmation pages reached): {len(confirmed)} "
            f"(shown as {_count(j.status_shown for j in confirmed)})",
            f"- confirm forms sent more than once (first send failed): {len(retried)}, "
            f"ending on their order's confirmation page: {len(retried_ok)}",
            f"- orders in the weblys database for these journeys: {len(orders)} "
            f"(status {_count(o['status'] for o in orders)}); Celery drained "
            + (f"{drained_after:.0f} s after the load" if not waiting else f"NOT within {drain_seconds:g} s"),
            "- orders that reached Pro-Cable (customer created in the procable database, "
            f"its number on the order): "
            f"{len(in_procable)}; Pro-Cable customers with these journeys' e-mails: {len(customers)}",
            f"- lost: confirmed but not in the database {len(lost_db)}, confirmed but not in Pro-Cable "
            f"{len(lost_procable)}, in the database without a confirmation page {len(unseen)}, "
            f"confirmation page showing another journey's order {len(wrong_order)}",
            f"- doubled: carts with two orders {len(doubled_cart)}, journeys with two orders "
            f"{len(doubled_journey)}, orders (e-mails) with two Pro-Cable customers {len(doubled_customer)}",
        ]
        details = []
        for j in retried:
            sends = ", ".join(f"t={a.at:.1f} s {a.outcome}" for a in j.confirm_sends)
            row = by_id.get(j.order_id)
            where = (
                f"order {j.order_id} ({row['status']}, customer {row['customer_number']})"
                if row
                else "no order"
            )
            details.append(f"- {j.user} {j.email}: {sends} -> {where}")
        for j in failed_journeys[:10]:
            details.append(f"- {j.user} {j.email} ended at t={j.started:.1f}+: {j.error}")
        for o in (not_submitted + unseen)[:10]:
            details.append(f"- order {o['id']} {o['email']}: {o['status']} {o['last_error'][:120]}")
        order_ids = ", ".join(sorted(j.order_id for j in confirmed))
        self.report_sections = {
            "Confirm retries and unfinished journeys": details,
            "Orders confirmed (ids)": [order_ids or "none"],
        }
        return lines, ok


def _count(values) -> str:
    counts: dict[str, int] = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"


def _connect(cluster, alias: str) -> psycopg.Connection:
    """A connection, waiting when the shared server is out of connection slots for a moment."""
    for attempt in range(30):
        try:
            return psycopg.connect(cluster.config.database_url(alias), autocommit=True)
        except psycopg.OperationalError:
            if attempt == 29:
                raise
            time.sleep(2)
    raise AssertionError("unreachable")


def _drain(cluster, emails: list[str], seconds: float) -> tuple[float, list[str]]:
    """Wait until no order of these journeys is still `received` (the worker submitted them all)."""
    started = time.monotonic()
    waiting: list[str] = []
    with _connect(cluster, "weblys") as connection:
        while True:
            waiting = [
                str(row[0])
                for row in connection.execute(
                    "SELECT id FROM orders_order WHERE status = 'received' AND contact->>'email' = ANY(%s)",
                    (emails,),
                )
            ]
            if not waiting or time.monotonic() - started > seconds:
                return time.monotonic() - started, waiting
            time.sleep(2)


def _orders(cluster, emails: list[str]) -> list[dict]:
    with _connect(cluster, "weblys") as connection:
        rows = connection.execute(
            "SELECT id, cart_id, status, customer_number, contact->>'email', last_error FROM orders_order "
            "WHERE contact->>'email' = ANY(%s)",
            (emails,),
        ).fetchall()
    return [
        {
            "id": str(r[0]),
            "cart_id": str(r[1]),
            "status": r[2],
            "customer_number": r[3],
            "email": r[4],
            "last_error": r[5] or "",
        }
        for r in rows
    ]


def _procable_customers(cluster, emails: list[str]) -> list[dict]:
    with _connect(cluster, "procable") as connection:
        rows = connection.execute(
            "SELECT number, email FROM procable_customer WHERE email = ANY(%s)", (emails,)
        ).fetchall()
    return [{"number": r[0], "email": r[1]} for r in rows]
