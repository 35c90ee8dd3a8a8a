"""The load of the failover test: users that each keep their own session, running journeys in a loop.

A journey is a class with `name`, `setup(user)` (run once, before any instance is killed: log in, pick
data) and `iteration(user)` (one pass: a few requests). Every request goes through `User.get` /
`User.post`, which count it, time it and classify failures. To add a journey (a SelfShop order, more
MyAccount pages), write a class here and add it to `default_journeys()`; an order journey calls
`user.order_confirmed(reference)` when the confirmation page shows an order, and may define
`verify(cluster) -> list[str]` to compare with Pro-Cable after the run (the report prints its lines).

Only 127.0.0.1 targets: the cluster's nginx listeners.
"""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

import httpx

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOGIN_PATHS = ("/staff/login/", "/myaccount/login/")


class Cancelled(Exception):
    """The run is over: stop the journey where it is."""


@dataclass
class Failure:
    at: float
    method: str
    path: str
    user: str
    detail: str


@dataclass
class Recorder:
    """Counters shared by every user thread (one lock; the load is modest)."""

    started: float = field(default_factory=time.monotonic)
    lock: threading.Lock = field(default_factory=threading.Lock)
    sent: Counter = field(default_factory=Counter)  # by method
    failed: Counter = field(default_factory=Counter)  # by method
    failures: list[Failure] = field(default_factory=list)
    durations: list[float] = field(default_factory=list)
    logged_out: set[str] = field(default_factory=set)
    logged_out_events: list[tuple[float, str, str]] = field(default_factory=list)
    orders_confirmed: list[str] = field(default_factory=list)
    by_journey: Counter = field(default_factory=Counter)
    load_before: tuple[float, ...] = ()
    load_after: tuple[float, ...] = ()

    def now(self) -> float:
        return time.monotonic() - self.started

    def request(self, method: str, seconds: float) -> None:
        with self.lock:
            self.sent[method] += 1
            self.durations.append(seconds)

    def failure(self, method: str, path: str, user: str, detail: str) -> None:
        with self.lock:
            self.failed[method] += 1
            self.failures.append(Failure(self.now(), method, path, user, detail))

    def logout(self, user: str, path: str) -> None:
        with self.lock:
            self.logged_out.add(user)
            self.logged_out_events.append((self.now(), user, path))


class User:
    """One simulated person: an HTTP client with its own cookies, behind the public listener."""

    def __init__(self, name: str, base_url: str, recorder: Recorder, stop: threading.Event) -> None:
        self.name = name
        self.recorder = recorder
        self.stop = stop
        self.client = httpx.Client(base_url=base_url, follow_redirects=False, timeout=30)
        self.sequence = 0

    def _request_id(self) -> str:
        self.sequence += 1
        return f"fo-{self.name}-{self.sequence}"

    def request(
        self, method: str, path: str, *, expect: Iterable[int], data: dict | None = None
    ) -> httpx.Response | None:
        """Send one request; None when it failed (transport error, 5xx or an unexpected status)."""
        if self.stop.is_set():
            raise Cancelled
        started = time.monotonic()
        try:
            response = self.client.request(
                method, path, data=data, headers={"X-Request-ID": self._request_id()}
            )
        except httpx.HTTPError as exc:
            self.recorder.request(method, time.monotonic() - started)
            self.recorder.failure(method, path, self.name, f"{type(exc).__name__}: {exc}")
            return None
        self.recorder.request(method, time.monotonic() - started)
        if response.status_code not in set(expect):
            rid = response.headers.get("X-Request-ID", "-")
            self.recorder.failure(method, path, self.name, f"HTTP {response.status_code} rid={rid}")
            return None
        return response

    def get(self, path: str, *, expect: Iterable[int] = (200,)) -> httpx.Response | None:
        return self.request("GET", path, expect=expect)

    def post(self, path: str, data: dict, *, expect: Iterable[int] = (302,)) -> httpx.Response | None:
        return self.request("POST", path, data=data, expect=expect)

    def csrf_token(self, page: httpx.Response) -> str:
        match = CSRF_FIELD.search(page.text)
        if not match:
            raise AssertionError(f"no CSRF token in {page.request.url}")
        return match.group(1)

    def get_logged_in(self, path: str) -> httpx.Response | None:
        """GET a page that needs this user's session: a redirect to a login page means logged out."""
        response = self.get(path, expect=(200, 302))
        if response is not None and response.status_code == 302:
            location = response.headers.get("location", "")
            if any(login in location for login in LOGIN_PATHS):
                self.recorder.logout(self.name, path)
            else:
                self.recorder.failure("GET", path, self.name, f"unexpected redirect to {location}")
            return None
        return response

    def pause(self, seconds: float) -> None:
        """Think time; ends early (Cancelled) when the run is over."""
        if self.stop.wait(seconds):
            raise Cancelled

    def order_confirmed(self, reference: str) -> None:
        with self.recorder.lock:
            self.recorder.orders_confirmed.append(reference)

    def close(self) -> None:
        self.client.close()


class Journey(Protocol):
    name: str

    def setup(self, user: User) -> None: ...

    def iteration(self, user: User) -> None: ...


def keep_answering(user: User, paths: Iterable[str]) -> list[str]:
    """The candidate pages that answer 200 now (before any failure): pages of sites not built yet drop out."""
    kept = []
    for path in paths:
        try:
            response = user.client.get(path)
        except httpx.HTTPError:
            continue
        if response.status_code == 200:
            kept.append(path)
    return kept


class PublicPages:
    """An anonymous visitor: portal, SelfShop, login pages; a new visitor (no cookie) every pass."""

    name = "public pages"
    candidates = ("/", "/selfshop/", "/staff/login/", "/myaccount/login/", "/static/weblys/css/weblys.css")

    def __init__(self) -> None:
        self.paths: list[str] = []

    def setup(self, user: User) -> None:
        if not self.paths:
            self.paths = keep_answering(user, self.candidates)
            if not self.paths:
                raise AssertionError("no public page answers 200")

    def iteration(self, user: User) -> None:
        user.client.cookies.clear()
        for path in self.paths:
            user.get(path)


class StaffSession:
    """A staff member logged in once, then working across the staff sites with the same cookie."""

    name = "staff session"
    candidates = ("/weshop/", "/wecare/", "/wecrm/", "/wediag/", "/weconfig/")

    def __init__(self, code: str = "admin", password: str = "admin-demo-2026") -> None:
        self.code, self.password = code, password
        self.paths: list[str] = []

    def setup(self, user: User) -> None:
        page = user.client.get("/staff/login/")
        answer = user.client.post(
            "/staff/login/",
            data={"code": self.code, "password": self.password, "csrfmiddlewaretoken": user.csrf_token(page)},
        )
        if answer.status_code != 302:
            raise AssertionError(f"staff login of {self.code} answered {answer.status_code}")
        if not self.paths:
            self.paths = keep_answering(user, self.candidates)
            if not self.paths:
                raise AssertionError("no staff page answers 200 after login")

    def iteration(self, user: User) -> None:
        for path in self.paths:
            user.get_logged_in(path)


class StaffLoginLogout:
    """POSTs under failure: log in (form POST, front -> back), look at WeShop, log out (POST).

    Paced at one login every 4 s: the back throttles logins to 30 a minute per code and client
    (back/security/api/views.py), and a person does not log in faster than that."""

    name = "staff login/logout"

    def __init__(self, code: str = "store1", password: str = "store-demo-2026") -> None:
        self.code, self.password = code, password

    def setup(self, user: User) -> None:
        pass

    def iteration(self, user: User) -> None:
        user.pause(4)
        user.client.cookies.clear()
        page = user.get("/staff/login/")
        if page is None:
            return
        data = {"code": self.code, "password": self.password, "csrfmiddlewaretoken": user.csrf_token(page)}
        if user.post("/staff/login/", data) is None:
            return
        home = user.get("/weshop/")
        if home is None:
            return
        user.post("/staff/logout/", {"csrfmiddlewaretoken": user.client.cookies.get("csrftoken", "")})


class MyAccountSession:
    """A customer logged in once to MyAccount, then reading their pages with the same cookie."""

    name = "MyAccount session"
    candidates = (
        "/myaccount/",
        "/myaccount/invoices/",
        "/myaccount/usage/",
        "/myaccount/payments/",
        "/myaccount/appointments/",
        "/myaccount/contact/",
        "/myaccount/security/",
        "/myaccount/privacy/",
    )

    def __init__(self, login_id: str, password: str) -> None:
        self.login_id, self.password = login_id, password
        self.paths: list[str] = []

    def setup(self, user: User) -> None:
        page = user.client.get("/myaccount/login/")
        answer = user.client.post(
            "/myaccount/login/",
            data={
                "login_id": self.login_id,
                "password": self.password,
                "csrfmiddlewaretoken": user.csrf_token(page),
            },
        )
        if answer.status_code != 302:
            raise AssertionError(f"customer login of {self.login_id} answered {answer.status_code}")
        self.paths = keep_answering(user, self.candidates)
        if not self.paths:
            raise AssertionError("no MyAccount page answers 200 after login")

    def iteration(self, user: User) -> None:
        for path in self.paths:
            user.get_logged_in(path)


def demo_customer(index: int) -> tuple[str, str]:
    """The fixed demo customers 100001-100009 and their documented passwords (back/customlogin/demo.py)."""
    return str(100001 + index), f"client{index + 1}-demo-2026"


def default_journeys(threads: int) -> list[Journey]:
    """One journey per user thread, in rotation: SelfShop orders, MyAccount, staff, public, login/logout."""
    from tests.failover.orders import SelfShopOrder

    journeys: list[Journey] = []
    public = PublicPages()  # shared: its pages are probed once
    orders = SelfShopOrder()  # shared: one list of journeys to verify
    rotation = [
        "order",
        "myaccount",
        "staff",
        "order",
        "public",
        "login",
        "order",
        "myaccount",
        "order",
        "public",
    ]
    customers = 0
    for number in range(threads):
        kind = rotation[number % len(rotation)]
        if kind == "staff":
            journeys.append(StaffSession())
        elif kind == "public":
            journeys.append(public)
        elif kind == "order":
            journeys.append(orders)
        elif kind == "myaccount":
            journeys.append(MyAccountSession(*demo_customer(customers % 9)))
            customers += 1
        else:
            journeys.append(StaffLoginLogout())
    return journeys
