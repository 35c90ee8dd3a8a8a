"""Address lookup in Pro-Cable (/api/v1/procable/addresses/): city → street → civic number → apartment.

Addresses are public reference data: the lists are kept a few minutes in the front's cache so the
steps of a journey do not ask the back again for the same city or street.
"""

from __future__ import annotations

from django.core.cache import cache

from . import http
from .orders_types import Address, Apartment, City, Street

BASE = "/api/v1/procable/addresses/"
CACHE_SECONDS = 300


def city_list() -> tuple[City, ...]:
    """Every city Pro-Cable serves."""
    key = "backclient:addresses:cities"
    cities = cache.get(key)
    if cities is None:
        cities = tuple(City.from_json(c) for c in http.get(f"{BASE}cities/"))
        cache.set(key, cities, CACHE_SECONDS)
    return cities


def street_list(*, city_code: str, prefix: str = "") -> tuple[Street, ...]:
    """The streets of a city, optionally those starting with `prefix`. Raises BackValidationError."""
    params = {"city": city_code} | ({"prefix": prefix} if prefix else {})
    return tuple(Street.from_json(s) for s in http.get(f"{BASE}streets/", params=params))


def civic_number_list(*, street_id: int) -> tuple[int, ...]:
    """The civic numbers of a street."""
    return tuple(int(n) for n in http.get(f"{BASE}civic-numbers/", params={"street": street_id}))


def apartment_list(*, street_id: int, civic_number: int) -> tuple[Apartment, ...]:
    """The addresses (apartments) at a civic number."""
    params = {"street": street_id, "civic_number": civic_number}
    return tuple(Apartment.from_json(a) for a in http.get(f"{BASE}apartments/", params=params))


def address_search(*, query: str, city_code: str = "", limit: int = 10) -> tuple[Address, ...]:
    """Addresses matching "civic number then the start of the street name" (autocomplete)."""
    params = {"q": query, "limit": limit} | ({"city": city_code} if city_code else {})
    return tuple(Address.from_json(a) for a in http.get(f"{BASE}search/", params=params))


def address_get(*, address_id: int) -> Address:
    """One address (cached). Raises BackNotFound."""
    key = f"backclient:addresses:{address_id}"
    address = cache.get(key)
    if address is None:
        address = Address.from_json(http.get(f"{BASE}{address_id}/"))
        cache.set(key, address, CACHE_SECONDS)
    return address
