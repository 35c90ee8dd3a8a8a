from __future__ import annotations

import pytest

from back.procable.errors import ProCableNotFoundError

pytestmark = pytest.mark.django_db(databases="__all__")


def test_cities_are_listed_by_name(operator):
    names = [city.name for city in operator.city_list()]

    assert names == ["Gatineau", "Laval", "Longueuil", "Montréal", "Québec", "Sherbrooke"]


def test_streets_civic_numbers_and_apartments_lead_to_an_address(operator):
    street = operator.street_list("MTL", prefix="sherb")[0]
    numbers = operator.civic_number_list(street.id)
    apartments = operator.apartment_list(street.id, numbers[0])

    address = operator.address_get(apartments[0].address_id)

    assert street.name == "rue Sherbrooke Ouest"
    assert numbers == sorted(numbers)
    assert (address.street_name, address.civic_number, address.city_code) == (
        "rue Sherbrooke Ouest",
        numbers[0],
        "MTL",
    )


def test_a_serviceable_address_has_network_data_and_domains(operator):
    address = operator.address_get(1)

    assert address.serviceable is True
    assert address.domains == frozenset({"TV", "INT", "TEL", "MOB"})
    assert address.technologies == frozenset({"HFC", "4G"})
    assert address.zone_code.startswith("MTL-")
    assert address.cmts_code.startswith("CMTS-MTL")


def test_some_addresses_offer_only_some_domains_and_some_nothing(operator):
    no_phone, mobile_only, nothing = operator.address_get(4), operator.address_get(5), operator.address_get(6)

    assert no_phone.domains == frozenset({"TV", "INT", "MOB"})
    assert (mobile_only.domains, mobile_only.cmts_code) == (frozenset({"MOB"}), "")
    assert (nothing.serviceable, nothing.domains, nothing.zone_code) == (False, frozenset(), "")


def test_address_search_parses_number_and_street_prefix(operator):
    target = operator.address_get(1)

    found = operator.address_search(f"{target.civic_number} sherbrooke", city_code="MTL")

    assert target.id in [address.id for address in found]
    assert all(address.civic_number == target.civic_number for address in found)
    assert len(found) <= 10


def test_address_search_without_a_number_finds_nothing(operator):
    assert operator.address_search("sherbrooke") == []


def test_unknown_city_street_and_address_are_not_found(operator):
    with pytest.raises(ProCableNotFoundError):
        operator.street_list("NOPE")
    with pytest.raises(ProCableNotFoundError):
        operator.civic_number_list(999999)
    with pytest.raises(ProCableNotFoundError):
        operator.address_get(999999)


def test_the_default_web_user_reads_address_serviceability(operator, api):
    response = api.get("/api/v1/procable/addresses/6/")

    assert response.status_code == 200
    assert response.json()["serviceable"] is False
    assert response.json()["domains"] == []


def test_the_address_api_walks_city_street_number_apartment(operator, api):
    street = api.get("/api/v1/procable/addresses/streets/", {"city": "MTL", "prefix": "parc"}).json()[0]
    numbers = api.get("/api/v1/procable/addresses/civic-numbers/", {"street": street["id"]}).json()
    apartments = api.get(
        "/api/v1/procable/addresses/apartments/", {"street": street["id"], "civic_number": numbers[0]}
    ).json()
    detail = api.get(f"/api/v1/procable/addresses/{apartments[0]['address_id']}/").json()

    assert street["name"] == "avenue du Parc"
    assert detail["street_name"] == "avenue du Parc"
    assert detail["label"].startswith(
        f"{apartments[0]['apartment']}-{numbers[0]}" if apartments[0]["apartment"] else str(numbers[0])
    )


def test_the_search_api_is_bounded(operator, api):
    response = api.get("/api/v1/procable/addresses/search/", {"q": "1", "limit": 50})

    assert response.status_code == 400
