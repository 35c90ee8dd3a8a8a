"""Addresses: cities, streets, civic numbers, apartments, one address with its network data, search."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from back.procable.errors import ProCableNotFoundError
from back.procable.models import Address, City, Street
from back.procable.port import AddressRecord, ApartmentRecord, CityRecord, StreetRecord

from .base import ADDRESS_RELATED, DB, address_record, street_key

MAX_STREETS = 500
MAX_SEARCH_RESULTS = 20
_LEADING_NUMBER = re.compile(r"^\s*(?:(\w+)\s*-\s*)?(\d+)\s*,?\s*(.*)$")


def _street(street_id: int) -> Street:
    street = Street.objects.using(DB).filter(pk=street_id).first()
    if street is None:
        raise ProCableNotFoundError(_("No street has this id."), street_id=street_id)
    return street


class AddressesMixin:
    def city_list(self) -> list[CityRecord]:
        return [
            CityRecord(code=city.code, name=city.name, province=city.province)
            for city in City.objects.using(DB).order_by("name")
        ]

    def street_list(self, city_code: str, *, prefix: str = "", limit: int = 200) -> list[StreetRecord]:
        city = City.objects.using(DB).filter(code=city_code).first()
        if city is None:
            raise ProCableNotFoundError(_("No city has this code."), city_code=city_code)
        streets = Street.objects.using(DB).filter(city=city)
        if prefix:
            streets = streets.filter(name_key__startswith=street_key(prefix))
        limit = min(max(limit, 1), MAX_STREETS)
        return [
            StreetRecord(id=street.id, city_code=city.code, name=street.name)
            for street in streets.order_by("name_key", "id")[:limit]
        ]

    def civic_number_list(self, street_id: int) -> list[int]:
        street = _street(street_id)
        return list(
            Address.objects.using(DB)
            .filter(street=street)
            .order_by("civic_number")
            .values_list("civic_number", flat=True)
            .distinct()
        )

    def apartment_list(self, street_id: int, civic_number: int) -> list[ApartmentRecord]:
        street = _street(street_id)
        rows = (
            Address.objects.using(DB)
            .filter(street=street, civic_number=civic_number)
            .order_by("apartment")
            .values_list("id", "apartment")
        )
        found = [
            ApartmentRecord(address_id=address_id, apartment=apartment) for address_id, apartment in rows
        ]
        if not found:
            raise ProCableNotFoundError(_("No address at this civic number."), civic_number=civic_number)
        return found

    def address_get(self, address_id: int) -> AddressRecord:
        address = Address.objects.using(DB).select_related(*ADDRESS_RELATED).filter(pk=address_id).first()
        if address is None:
            raise ProCableNotFoundError(_("No address has this id."), address_id=address_id)
        return address_record(address)

    def address_search(self, text: str, *, city_code: str = "", limit: int = 10) -> list[AddressRecord]:
        """Parse "[apt-]number street..." and look up by street-name prefix (indexed), then number."""
        limit = min(max(limit, 1), MAX_SEARCH_RESULTS)
        match = _LEADING_NUMBER.match(text or "")
        if match is None:
            return []
        apartment, number, street_text = match.group(1) or "", int(match.group(2)), street_key(match.group(3))
        streets = Street.objects.using(DB)
        if street_text:
            streets = streets.filter(name_key__startswith=street_text)
        if city_code:
            streets = streets.filter(city__code=city_code)
        street_ids = list(streets.order_by("name_key", "id").values_list("id", flat=True)[:MAX_STREETS])
        addresses = (
            Address.objects.using(DB)
            .select_related(*ADDRESS_RELATED)
            .filter(street_id__in=street_ids, civic_number=number)
        )
        if apartment:
            addresses = addresses.filter(apartment__iexact=apartment)
        return [
            address_record(address)
            for address in addresses.order_by("street__name_key", "apartment", "id")[:limit]
        ]
