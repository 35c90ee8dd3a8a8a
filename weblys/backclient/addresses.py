"""Address lookup in Pro-Cable (/api/v1/procable/addresses/): city → street → civic number → apartment.

Addresses are public reference data: the lists and single addresses are kept a few minutes in the
front's shared cache, so the steps of a journey (and every visitor choosing the same city or street)
do not ask the back again. Each process also keeps them `LOCAL_SECONDS` in memory: the SelfShop entry
page reads the cities at every view, and a Redis round trip cost more than the rest of its data.
Searches are not cached (free text).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.cache import cache

from . import http
from .memo import MISSING, ProcessMemo
from .orders_types import Address, Apartment, City, Street

BASE = "/api/v1/procable/addresses/"
CACHE_SECONDS = 300
LOCAL_SECONDS = 30
LOCAL_MAX_ENTRIES = 2000

_local = ProcessMemo(seconds=LOCAL_SECONDS, max_entries=LOCAL_MAX_ENTRIES)


def _cached[T](key: str, fetch: Callable[[], T]) -> T:
    """`key` from this process's memory, else the shared cache, else `fetch()` (then kept in both)."""
    value = _local.get(key)
    if value is not MISSING:
        return value  # type: ignore[no-any-return]
    value = cache.get(key)
    if value is None:
        value = fetch()
        cache.set(key, value, CACHE_SECONDS)
    _local.put_many({key: value})
    return value


def city_list() -> tuple[City, ...]:
    """Every city Pro-Cable serves (cached)."""
    return _cached(
        "backclient:addresses:cities",
        lambda: tuple(City.from_json(c) for c in http.get(f"{BASE}cities/")),
    )


def street_list(*, city_code: str, prefix: str = "") -> tuple[Street, ...]:
    """The streets of a city, optionally those starting with `prefix` (cached). Raises BackValidationError."""
    params = {"city": city_code} | ({"prefix": prefix} if prefix else {})
    return _cached(
        f"backclient:addresses:streets:{city_code}:{prefix}",
        lambda: tuple(Street.from_json(s) for s in http.get(f"{BASE}streets/", params=params)),
    )


def civic_number_list(*, street_id: int) -> tuple[int, ...]:
    """The civic numbers of a street (cached)."""
    return _cached(
        f"backclient:addresses:civic-numbers:{street_id}",
        lambda: tuple(int(n) for n in http.get(f"{BASE}civic-numbers/", params={"street": street_id})),
    )


def apartment_list(*, street_id: int, civic_number: int) -> tuple[Apartment, ...]:
    """The addresses (apartments) at a civic number (cached)."""
    params = {"street": street_id, "civic_number": civic_number}
    return _cached(
        f"backclient:addresses:apartments:{street_id}:{civic_number}",
        lambda: tuple(Apartment.from_json(a) for a in http.get(f"{BASE}apartments/", params=params)),
    )


def address_search(*, query: str, city_code: str = "", limit: int = 10) -> tuple[Address, ...]:
    """Addresses matching "civic number then the start of the street name" (autocomplete)."""
    params = {"q": query, "limit": limit} | ({"city": city_code} if city_code else {})
    return tuple(Address.from_json(a) for a in http.get(f"{BASE}search/", params=params))


def address_get(*, address_id: int) -> Address:
    """One address (cached). Raises BackNotFound."""
    return _cached(
        f"backclient:addresses:{address_id}",
        lambda: Address.from_json(http.get(f"{BASE}{address_id}/")),
    )
