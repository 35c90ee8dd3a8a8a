"""A SelfShop visitor over plain HTTP (no JavaScript): reads each page's form and submits it.

Used by the cross-tier tests (`tests/test_selfshop_http.py`, ...), the failover test and the load
benchmarks. Every page fetched is timed (`timings`: (page, milliseconds)). `Visitor` runs on httpx
(tests reach its client and cookies); `LeanVisitor` is the same visitor on urllib3 with a plain cookie
dict, for the load benchmark: the load generator shares the cores of the tiers it measures, and
httpx's client and cookie jar cost about 0.5 ms of CPU a request more.
"""

from __future__ import annotations

import functools
import html
import re
import ssl
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlsplit

import httpx
import urllib3


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str, str, bool]] = field(default_factory=list)  # name, value, type, checked
    selects: dict[str, list[tuple[str, bool]]] = field(default_factory=dict)

    def values(self) -> dict[str, list[str]]:
        """What a browser would submit untouched: hidden and text values, checked boxes, selected options."""
        data: dict[str, list[str]] = {}
        for name, value, kind, checked in self.fields:
            if kind in ("radio", "checkbox") and not checked:
                continue
            if kind in ("submit", "button"):
                continue
            data.setdefault(name, []).append(value)
        for name, options in self.selects.items():
            chosen = [v for v, selected in options if selected] or [v for v, _ in options[:1]]
            data[name] = chosen[:1]
        return data

    def options(self, name: str) -> list[str]:
        """The values a radio / checkbox / select named `name` offers."""
        if name in self.selects:
            return [v for v, _ in self.selects[name] if v]
        return [value for n, value, kind, _c in self.fields if n == name and kind in ("radio", "checkbox")]


# The tags a form is made of, and their attributes: the pages are the front's own well-formed HTML, so a
# scan with two regular expressions reads them as a browser would, at a fraction of html.parser's cost
# (the load benchmark runs on the cores it measures).
_TAG = re.compile(r"<(/?)(form|input|select|option)\b([^>]*)>", re.IGNORECASE)
_ATTR = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def _attrs(text: str) -> dict[str, str]:
    return {
        name.lower(): html.unescape(double or single or bare)
        for name, double, single, bare in _ATTR.findall(text)
    }


def forms_of(page: str) -> list[Form]:
    """The forms of a page with their inputs and selects (values as a browser would read them)."""
    forms: list[Form] = []
    select: str | None = None
    for closing, tag, text in _TAG.findall(page):
        tag = tag.lower()
        if closing:
            if tag == "select":
                select = None
            continue
        a = _attrs(text)
        if tag == "form":
            forms.append(Form(action=a.get("action", ""), method=a.get("method", "get").lower()))
        elif not forms:
            continue
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            forms[-1].fields.append(
                (a["name"], a.get("value", "on" if kind == "checkbox" else ""), kind, "checked" in a)
            )
        elif tag == "select" and a.get("name"):
            select = a["name"]
            forms[-1].selects[select] = []
        elif tag == "option" and select is not None:
            forms[-1].selects[select].append((a.get("value", ""), "selected" in a))
    return forms


class JourneyError(AssertionError):
    pass


@functools.cache
def _tls_context() -> ssl.SSLContext:
    """One TLS context for every visitor: building one (loading the CA bundle) costs tens of ms of CPU,
    which a load of short-lived visitors would spend again and again on the machine it measures."""
    return ssl.create_default_context()


class Visitor:
    """One browser-less visitor of the front: cookies, CSRF, redirects, timings."""

    def __init__(self, front_url: str, *, language: str = "en", client: httpx.Client | None = None) -> None:
        self.client = client or httpx.Client(
            base_url=front_url, timeout=30, follow_redirects=False, verify=_tls_context()
        )
        self.client.headers["Accept-Language"] = language
        self.client.cookies.set("weblys_language", language)
        self._begin(front_url)

    def _begin(self, front_url: str) -> None:
        """A visitor at the entry page, no page read yet."""
        self.front_url = front_url.rstrip("/")
        self.timings: list[tuple[str, float]] = []
        self.url = "/selfshop/"
        self.html = ""

    def cookie(self, name: str) -> str:
        return self.client.cookies.get(name, "")

    def close(self) -> None:
        self.client.close()

    def _timed(self, label: str, method: str, url: str, **kwargs: object) -> httpx.Response:
        started = time.perf_counter()
        response = self.client.request(method, url, **kwargs)  # type: ignore[arg-type]
        self.timings.append((label, (time.perf_counter() - started) * 1000))
        return response

    def get(self, url: str, *, label: str = "") -> httpx.Response:
        response = self._timed(label or url, "GET", url)
        while response.status_code in (301, 302, 303):
            url = urljoin(url, response.headers["location"])
            response = self._timed(label or url, "GET", url)
        if response.status_code >= 400:
            raise JourneyError(f"GET {url} -> {response.status_code}\n{response.text[:3000]}")
        self.url, self.html = url, response.text
        return response

    def form(self, *, having: str) -> Form:
        for form in forms_of(self.html):
            if having in {f[0] for f in form.fields} | set(form.selects):
                return form
        raise JourneyError(f"no form with {having!r} on {self.url}\n{self.html[:3000]}")

    def main_form(self) -> Form:
        """The page's own POST form (not the language switch of the header)."""
        for form in forms_of(self.html):
            if form.method == "post" and "/i18n/" not in form.action and "logout" not in form.action:
                return form
        raise JourneyError(f"no form on {self.url}\n{self.html[:3000]}")

    def submit(
        self,
        form: Form,
        changes: dict[str, str | list[str]],
        *,
        label: str = "",
        expect_redirect: bool = True,
    ) -> httpx.Response:
        data = form.values() | {k: (v if isinstance(v, list) else [v]) for k, v in changes.items()}
        action = urljoin(self.url, form.action or self.url)
        if form.method == "get":
            query = "&".join(f"{k}={httpx.QueryParams({k: v}).get(k)}" for k, vs in data.items() for v in vs)
            return self.get(f"{action.split('?')[0]}?{query}", label=label)
        response = self._timed(
            label or action,
            "POST",
            action,
            data=data,
            headers={"X-CSRFToken": self.cookie("csrftoken"), "Referer": self.front_url + action},
        )
        if response.status_code in (301, 302, 303):
            return self.get(urljoin(action, response.headers["location"]), label=label)
        if expect_redirect:
            raise JourneyError(f"POST {action} -> {response.status_code}\n{response.text[:4000]}")
        self.url, self.html = action, response.text
        return response


@dataclass
class Answer:
    """What `LeanVisitor` reads of a response (the part of httpx.Response the journeys use)."""

    status_code: int
    headers: Mapping[str, str]
    text: str


class LeanVisitor(Visitor):
    """`Visitor` on one urllib3 connection with its cookies in a dict (plain HTTP fronts only)."""

    def __init__(self, front_url: str, *, language: str = "en") -> None:
        parts = urlsplit(front_url)
        if parts.scheme != "http":
            raise ValueError("LeanVisitor speaks plain HTTP; use Visitor for HTTPS")
        self.pool = urllib3.HTTPConnectionPool(
            parts.hostname, parts.port or 80, maxsize=1, retries=False, timeout=30
        )
        self.language = language
        self.cookies: dict[str, str] = {"weblys_language": language}
        self._begin(front_url)

    def cookie(self, name: str) -> str:
        return self.cookies.get(name, "")

    def close(self) -> None:
        self.pool.close()

    def _timed(  # type: ignore[override]
        self,
        label: str,
        method: str,
        url: str,
        *,
        data: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        sent = {
            "Accept-Language": self.language,
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
            **(headers or {}),
        }
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        raw = self.pool.request(method, url, body=body, headers=sent, redirect=False, retries=False)
        answer = Answer(raw.status, raw.headers, raw.data.decode("utf-8"))
        self.timings.append((label, (time.perf_counter() - started) * 1000))
        for header in raw.headers.getlist("Set-Cookie"):
            self._keep(header)
        return answer

    def _keep(self, header: str) -> None:
        """Keep (or drop, when the front expires it) the cookie of one Set-Cookie header."""
        for name, morsel in SimpleCookie(header).items():
            if morsel["max-age"] == "0" or morsel["expires"].startswith("Thu, 01 Jan 1970"):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = morsel.value


def subscribe(
    visitor: Visitor,
    *,
    city: str = "MTL",
    street_name: str = "rue Sherbrooke Ouest",
    civic: str = "",
    address_id: int | None = 1,
    search: str = "",
    offer_domains: tuple[str, ...] = ("INT", "TV"),
    install_mode: str = "appointment",
    card: str = "4242424242424242",
    email: str = "ana.lee@example.com",
) -> str:
    """Complete a subscription through every page; return the text of the confirmation page."""
    if search:
        visitor.get(f"/selfshop/?q={search}", label="address")
        pick = visitor.form(having="address_id")
    else:
        visitor.get("/selfshop/", label="address")
        visitor.submit(visitor.form(having="city"), {"city": city}, label="address")
        streets = dict(re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', visitor.html))
        if street_name not in streets.values() and 'name="street_prefix"' in visitor.html:
            # A big city lists only its first streets: narrow the list by the name's first letters.
            prefix = street_name.split(" ", 1)[-1]
            visitor.submit(visitor.form(having="street_prefix"), {"street_prefix": prefix}, label="address")
            streets = dict(re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', visitor.html))
        street_form = visitor.form(having="street")
        street_id = next(k for k, v in streets.items() if v == street_name)
        visitor.submit(street_form, {"street": street_id}, label="address")
        civic_form = visitor.form(having="civic")
        visitor.submit(civic_form, {"civic": civic or civic_form.options("civic")[0]}, label="address")
        pick = visitor.form(having="address_id")
    chosen = str(address_id) if address_id is not None else pick.options("address_id")[0]
    visitor.submit(pick, {"address_id": chosen}, label="address-post")
    if visitor.url.endswith("/offers/"):
        form = visitor.form(having="offer_code")
        codes = form.options("offer_code")
        code = _offer_for(codes, offer_domains) or codes[0]
        visitor.submit(form, {"offer_code": code}, label="offers")
    form = visitor.main_form()
    changes: dict[str, str | list[str]] = {}
    seen_domains: set[str] = set()
    for fieldset in re.findall(r"<fieldset>(.*?)</fieldset>", visitor.html, re.S):
        qty = re.findall(r'name="(qty_[A-Z0-9]+)"', fieldset)
        if qty and fieldset not in seen_domains:
            changes[qty[0]] = "1"
            seen_domains.add(fieldset)
    visitor.submit(form, changes, label="equipment")
    form = visitor.main_form()
    options = form.options("options")
    visitor.submit(form, {"options": options[:1]} if options else {}, label="options")
    if not visitor.url.endswith("/summary/"):
        raise JourneyError(f"expected the summary, got {visitor.url}")
    visitor.get("/selfshop/contact/", label="contact")
    visitor.submit(
        visitor.form(having="first_name"),
        {"first_name": "Ana", "last_name": "Lee", "email": email, "phone": "514 555 0101"},
        label="contact",
    )
    # A slot held by this cart can still be lost before the confirm (the confirm then sends the
    # visitor back to the appointment step with a message): choose again, as a visitor would.
    for _attempt in range(3):
        _choose_appointment(visitor, install_mode)
        form = visitor.form(having="method")
        methods = form.options("method")
        if "card" in methods and (card or "bill" not in methods):
            visitor.submit(
                form,
                {
                    "method": "card",
                    "card_number": card,
                    "expiry_month": "12",
                    "expiry_year": "2035",
                    "cvc": "123",
                    "holder_name": "Ana Lee",
                },
                label="payment",
            )
            if visitor.url.endswith("/verification/"):
                visitor.submit(visitor.form(having="code"), {"code": "123456"}, label="challenge")
        else:
            visitor.submit(form, {"method": "bill"}, label="payment")
        form = visitor.form(having="accept")
        visitor.submit(form, {"accept": "on"}, label="confirm")
        if not visitor.url.endswith("/appointment/"):
            break
    if not visitor.url.endswith("/done/"):
        raise JourneyError(f"expected the confirmation page, got {visitor.url}")
    return visitor.html


def _choose_appointment(visitor: Visitor, install_mode: str, attempts: int = 5) -> None:
    """Book `install_mode` (the first free slot for an appointment), as a visitor would.

    Another visitor may take the slot between the page and the submit: the site then answers 400 with
    a message and the fresh slots, and the visitor picks another one (or, none left, another mode).
    """
    tried: set[str] = set()
    for _attempt in range(attempts):
        form = visitor.form(having="install_mode")
        modes = form.options("install_mode")
        mode = install_mode if install_mode in modes else modes[0]
        changes: dict[str, str | list[str]] = {"install_mode": mode}
        if mode == "appointment":
            slots = [slot for slot in form.options("slot") if slot not in tried]
            if not slots:
                others = [m for m in modes if m != "appointment"]
                if not others:
                    raise JourneyError(f"no free slot left on {visitor.url}\n{visitor.html[:3000]}")
                install_mode = mode = others[0]
                changes = {"install_mode": mode}
            else:
                changes["slot"] = slots[0]
                tried.add(slots[0])
        response = visitor.submit(form, changes, label="appointment", expect_redirect=False)
        if response.status_code < 400:
            return
        if response.status_code != 400 or mode != "appointment":
            raise JourneyError(f"POST {visitor.url} -> {response.status_code}\n{visitor.html[:4000]}")
    raise JourneyError(f"no slot could be booked in {attempts} attempts on {visitor.url}")


def _offer_for(codes: list[str], domains: tuple[str, ...]) -> str:
    """The demo offer codes name their services (RG_INT100_TVBAS): pick the first with these domains."""
    for code in codes:
        parts = code.split("_")[1:]
        if sorted(p[:3].replace("TEL", "TEL") for p in parts) == sorted(d[:3] for d in domains) and len(
            parts
        ) == len(domains):
            return code
    return ""
