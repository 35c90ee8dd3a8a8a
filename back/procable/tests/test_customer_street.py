"""The street kept on the customer row: filled by the seeder and creation, followed on a move, searched."""

from __future__ import annotations

import io
from collections import Counter

import pytest

from back.procable import demo
from back.procable.embedded.base import street_key
from back.procable.errors import ProCableConflictError, ProCableNotFoundError, ProCableRejectedError
from back.procable.gateway import get_gateway
from back.procable.models import Address, Customer, Street

pytestmark = pytest.mark.django_db(databases="__all__")

DB = "procable"


def _numbers_living_on(prefix: str, *, city_code: str = "") -> list[str]:
    """The search's former semantics: customers whose address is on one of the first 50 streets."""
    streets = Street.objects.using(DB).filter(name_key__startswith=street_key(prefix))
    if city_code:
        streets = streets.filter(city__code=city_code)
    street_ids = list(streets.order_by("id").values_list("id", flat=True)[:50])
    return list(
        Customer.objects.using(DB)
        .filter(address__street_id__in=street_ids)
        .order_by("number")
        .values_list("number", flat=True)
    )


def _all_pages(operator, **criteria) -> list[str]:
    numbers, page = [], 1
    while True:
        result = operator.customer_search(page=page, page_size=3, **criteria)
        numbers += [row.number for row in result.results]
        if not result.has_next:
            return numbers
        page += 1


def test_the_seeder_keeps_each_customers_street_on_the_customer_row(operator):
    rows = list(Customer.objects.using(DB).values_list("street_id", "address__street_id"))

    assert len(rows) == 12
    assert all(street is not None and street == address_street for street, address_street in rows)


@pytest.fixture
def town():
    """A larger demo operator (200 customers on 400 addresses, about 30 streets) and the gateway."""
    demo.seed(seed=11, customers=200, addresses=400, stdout=io.StringIO())
    return get_gateway()


def test_street_search_finds_what_the_address_join_found_page_by_page(town):
    keys = list(Street.objects.using(DB).values_list("name_key", flat=True))
    prefixes = sorted({key[:2] for key in keys} | {"rue " + key[:5] for key in keys})
    assert max(sum(key.startswith(prefix) for key in keys) for prefix in prefixes) >= 2

    found = {prefix: _all_pages(town, street=prefix) for prefix in prefixes}

    assert found == {prefix: _numbers_living_on(prefix) for prefix in prefixes}
    assert sum(len(numbers) for numbers in found.values()) >= 2 * Customer.objects.using(DB).count()


def test_street_search_restricted_to_a_city_matches_the_address_join(town):
    first_letters = sorted({key[:1] for key in Street.objects.using(DB).values_list("name_key", flat=True)})

    found = {letter: _all_pages(town, street=letter, city_code="MTL") for letter in first_letters}

    assert found == {letter: _numbers_living_on(letter, city_code="MTL") for letter in first_letters}
    assert any(found.values())


def test_street_search_combined_with_a_last_name_keeps_both_criteria(operator):
    julie = operator.customer_get("100001")
    street_name = operator.address_get(julie.address_id).street_name

    page = operator.customer_search(street=street_name, last_name=julie.last_name)

    assert "100001" in [row.number for row in page.results]
    assert {row.last_name for row in page.results} == {julie.last_name}


def test_a_created_customer_carries_its_address_street(operator):
    address = Address.objects.using(DB).filter(serviceable=True).order_by("-id").first()

    created = operator.customer_create(
        first_name="Rose",
        last_name="Tremblay",
        email="rose@example.com",
        language="fr",
        address_id=address.pk,
    )

    assert Customer.objects.using(DB).get(number=created.number).street_id == address.street_id
    street_name = Street.objects.using(DB).get(pk=address.street_id).name
    assert created.number in _all_pages(operator, street=street_name)


def test_the_street_follows_the_customer_when_they_move(operator):
    customer = Customer.objects.using(DB).get(number="100003")
    target = Address.objects.using(DB).exclude(street_id=customer.street_id).order_by("id").first()
    old_street = Street.objects.using(DB).get(pk=customer.street_id).name
    new_street = Street.objects.using(DB).get(pk=target.street_id).name

    moved = operator.customer_move("100003", address_id=target.pk)

    row = Customer.objects.using(DB).get(number="100003")
    assert (moved.address_id, moved.postal_code) == (target.pk, target.postal_code)
    assert (row.address_id, row.street_id) == (target.pk, target.street_id)
    assert "100003" in _all_pages(operator, street=new_street)
    assert "100003" not in _all_pages(operator, street=old_street)
    assert _all_pages(operator, street=new_street) == _numbers_living_on(new_street)


def test_a_move_to_an_unknown_address_or_of_a_locked_file_changes_nothing(operator):
    before = (
        Customer.objects.using(DB).values_list("address_id", "street_id", "postal_code").get(number="100004")
    )
    target = Address.objects.using(DB).exclude(pk=before[0]).order_by("id").first()
    operator.customer_lock("100004", reason="dispute", locked_by="agent1")

    with pytest.raises(ProCableNotFoundError):
        operator.customer_move("100004", address_id=999_999)
    with pytest.raises(ProCableConflictError):
        operator.customer_move("100004", address_id=target.pk)

    after = (
        Customer.objects.using(DB).values_list("address_id", "street_id", "postal_code").get(number="100004")
    )
    assert after == before


def test_a_street_prefix_of_one_letter_needs_a_city(operator):
    with pytest.raises(ProCableRejectedError) as refused:
        operator.customer_search(street="rue de l'É")

    assert refused.value.reason == "street_prefix_too_short"
    assert list(refused.value.errors) == ["street"]
    assert [row.number for row in operator.customer_search(street="rue S", city_code="MTL").results] == [
        "100001"
    ]


def test_the_search_api_refuses_a_short_street_prefix_on_the_street_field(operator, staff_api):
    client = staff_api(rights=["wecare.customers"], code="care")

    response = client.get("/api/v1/procable/customers/", {"street": "r"})

    assert response.status_code == 422
    body = response.json()
    assert (body["code"], body["reason"], list(body["errors"])) == (
        "procable_rejected",
        "street_prefix_too_short",
        ["street"],
    )


def test_service_combinations_count_each_customers_current_basic_services(operator):
    expected: Counter[tuple[str, tuple[str, ...]]] = Counter()
    for number in Customer.objects.using(DB).order_by("number").values_list("number", flat=True):
        group = operator.customer_get(number).group_code
        basic = tuple(
            sorted({s.service_code for s in operator.customer_services(number) if s.kind == "basic"})
        )
        if basic:
            expected[(group, basic)] += 1

    combinations = operator.service_combinations()

    assert {(c.group_code, c.service_codes): c.customers for c in combinations} == dict(expected)
    assert [(c.group_code, c.service_codes) for c in combinations] == sorted(expected)


def test_an_ended_basic_service_leaves_the_customers_combination(operator):
    basic = [s for s in operator.customer_services("100005") if s.kind == "basic"]
    before = {(c.group_code, c.service_codes): c.customers for c in operator.service_combinations()}
    group = operator.customer_get("100005").group_code
    full = tuple(sorted(s.service_code for s in basic))
    assert len(basic) >= 2

    operator.service_remove("100005", service_code=basic[0].service_code)

    after = {(c.group_code, c.service_codes): c.customers for c in operator.service_combinations()}
    reduced = tuple(code for code in full if code != basic[0].service_code)
    assert after.get((group, full), 0) == before[(group, full)] - 1
    assert after[(group, reduced)] == before.get((group, reduced), 0) + 1


def test_customer_numbers_for_a_combination_are_those_with_exactly_these_basic_services(operator):
    combination = max(operator.service_combinations(), key=lambda c: c.customers)
    expected = [
        number
        for number in Customer.objects.using(DB).order_by("number").values_list("number", flat=True)
        if operator.customer_get(number).group_code == combination.group_code
        and tuple(sorted({s.service_code for s in operator.customer_services(number) if s.kind == "basic"}))
        == combination.service_codes
    ]

    numbers = operator.customer_numbers_for_combination(
        group_code=combination.group_code, service_codes=combination.service_codes, limit=50
    )
    first = operator.customer_numbers_for_combination(
        group_code=combination.group_code, service_codes=combination.service_codes, limit=1
    )

    assert numbers == expected
    assert len(numbers) == combination.customers
    assert first == expected[:1]
    assert operator.customer_numbers_for_combination(group_code="RG", service_codes=("NOPE",)) == []


def test_the_short_street_prefix_refusal_reads_french_for_a_french_agent(operator, staff_api):
    client = staff_api(rights=["wecare.customers"], code="care")

    response = client.get("/api/v1/procable/customers/", {"street": "r"}, HTTP_ACCEPT_LANGUAGE="fr")

    assert response.json()["errors"] == {
        "street": ["Tapez au moins 2 lettres de la rue, ou choisissez une ville."]
    }
