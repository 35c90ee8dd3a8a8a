"""SelfShop address step: city → street → civic number → apartment, search, cart creation, refusals."""

from __future__ import annotations

import json

from sites.selfshop.views import CART_KEY
from weblys.middleware import SLID_AT_KEY
from weblys.testing.plugin import problem

from .conftest import ADDRESS, CART_ID, CART_URL, OFFERS, SECRET, cart_json

CITIES = [
    {"code": "MTL", "name": "Montréal", "province": "QC"},
    {"code": "LAV", "name": "Laval", "province": "QC"},
]
STREETS = [{"id": 1, "city_code": "MTL", "name": "rue Sherbrooke Ouest"}]
APARTMENTS = [{"address_id": 1, "apartment": "101"}, {"address_id": 2, "apartment": "102"}]


def lookup(fake_back) -> None:
    fake_back.add("GET", "/api/v1/procable/addresses/cities/", json=CITIES)
    fake_back.add("GET", "/api/v1/procable/addresses/streets/", json=STREETS)
    fake_back.add("GET", "/api/v1/procable/addresses/civic-numbers/", json=[20, 24])
    fake_back.add("GET", "/api/v1/procable/addresses/apartments/", json=APARTMENTS)
    fake_back.add("GET", "/api/v1/procable/addresses/search/", json=[ADDRESS])
    fake_back.add("GET", "/api/v1/procable/addresses/1/", json=ADDRESS)


def test_the_entry_page_shows_the_stepper_and_the_city_list_with_one_back_call(client, fake_back):
    lookup(fake_back)

    body = client.get("/selfshop/").content.decode()

    assert '<li aria-current="step">Address</li>' in body
    assert '<option value="MTL">Montréal</option>' in body
    assert '<label for="id_q">Search your address:</label>' in body
    assert 'hx-get="/selfshop/address-search/"' in body
    assert len(fake_back.requests) == 1


def test_the_plain_form_walks_city_street_civic_number_then_lists_the_apartments(client, fake_back):
    lookup(fake_back)

    body = client.get("/selfshop/?city=MTL&street=1&civic=20").content.decode()

    assert '<option value="1" selected>rue Sherbrooke Ouest</option>' in body
    assert '<option value="20" selected>20</option>' in body
    assert 'name="address_id" value="2"' in body
    assert [r.url.path for r in fake_back.requests] == [
        "/api/v1/procable/addresses/cities/",
        "/api/v1/procable/addresses/streets/",
        "/api/v1/procable/addresses/civic-numbers/",
        "/api/v1/procable/addresses/apartments/",
    ]
    assert fake_back.requests[3].url.params["civic_number"] == "20"


def test_a_city_with_more_streets_than_listed_offers_to_narrow_them_by_their_first_letters(client, fake_back):
    many = [{"id": n, "city_code": "MTL", "name": f"rue {n:03d}"} for n in range(1, 201)]
    fake_back.add("GET", "/api/v1/procable/addresses/cities/", json=CITIES)
    fake_back.add("GET", "/api/v1/procable/addresses/streets/", json=many)

    body = client.get("/selfshop/?city=MTL").content.decode()

    assert '<label for="id_street_prefix">Street name begins with</label>' in body
    assert "type the first letters of yours" in body


def test_the_street_prefix_narrows_the_list_and_is_carried_to_the_civic_number(client, fake_back):
    sherbrooke = [{"id": 901, "city_code": "MTL", "name": "rue Sherbrooke Ouest"}]
    fake_back.add("GET", "/api/v1/procable/addresses/cities/", json=CITIES)
    fake_back.add("GET", "/api/v1/procable/addresses/streets/", json=sherbrooke)
    fake_back.add("GET", "/api/v1/procable/addresses/civic-numbers/", json=[20, 24])

    body = client.get("/selfshop/?city=MTL&street_prefix=sherb&street=901").content.decode()

    assert fake_back.calls("GET", "/api/v1/procable/addresses/streets/")[0].url.params["prefix"] == "sherb"
    assert '<option value="901" selected>rue Sherbrooke Ouest</option>' in body
    assert body.count('<input type="hidden" name="street_prefix" value="sherb">') == 2
    assert '<option value="20">20</option>' in body


def test_a_street_prefix_matching_nothing_says_so(client, fake_back):
    fake_back.add("GET", "/api/v1/procable/addresses/cities/", json=CITIES)
    fake_back.add("GET", "/api/v1/procable/addresses/streets/", json=[])

    body = client.get("/selfshop/?city=MTL&street_prefix=zz", HTTP_ACCEPT_LANGUAGE="fr").content.decode()

    assert "Aucune rue de cette ville ne commence par « zz »." in body
    assert 'aria-invalid="true"' in body


def test_the_search_without_javascript_lists_matching_addresses(client, fake_back):
    lookup(fake_back)

    body = client.get("/selfshop/?q=20+rue+sher").content.decode()

    assert '<label for="found_1">101-20 rue Sherbrooke Ouest, Montréal H4A 2Q3</label>' in body
    assert fake_back.calls("GET", "/api/v1/procable/addresses/search/")[0].url.params["q"] == "20 rue sher"


def test_the_htmx_autocomplete_answers_only_the_list(client, fake_back):
    lookup(fake_back)

    response = client.get("/selfshop/address-search/?q=20+rue&offer=rg_int100", HTTP_HX_REQUEST="true")

    body = response.content.decode()
    assert "<html" not in body
    assert 'name="offer" value="RG_INT100"' in body
    assert 'value="1"' in body


def test_an_offer_from_the_portal_is_carried_in_the_form_not_in_the_session(client, fake_back):
    lookup(fake_back)

    body = client.get("/selfshop/?offer=rg_int500&city=MTL&street=1&civic=20").content.decode()

    assert "You chose the offer <strong>RG_INT500</strong>." in body
    assert '<input type="hidden" name="offer" value="RG_INT500" id="id_offer">' in body
    assert list(client.session.keys()) == []


def test_the_portal_entry_and_a_search_show_no_error_on_the_step_by_step_form(client, fake_back):
    lookup(fake_back)

    bodies = [
        client.get(url).content.decode() for url in ("/selfshop/?offer=RG_INT500", "/selfshop/?q=20+rue")
    ]

    assert ["errorlist" in body for body in bodies] == [False, False]


def test_a_malformed_offer_code_is_ignored(client, fake_back):
    lookup(fake_back)

    body = client.get("/selfshop/?offer=<script>").content.decode()

    assert "You chose the offer" not in body


def test_choosing_an_address_opens_a_cart_there_and_keeps_only_its_id_and_secret(client, fake_back):
    opened = cart_json(step="offer") | {"cart_secret": SECRET, "offers": OFFERS}
    fake_back.add("POST", "/api/v1/orders/carts/", status=201, json=opened)

    response = client.post("/selfshop/", {"address_id": "1", "offer": "RG_INT100_TVBAS"})

    assert response.status_code == 302
    assert response["Location"] == "/selfshop/equipment/"
    business = {key: value for key, value in client.session.items() if key != SLID_AT_KEY}
    assert business == {CART_KEY: {"id": CART_ID, "secret": SECRET}}
    create = fake_back.calls("POST", "/api/v1/orders/carts/")[0]
    assert json.loads(create.content) == {
        "channel": "selfshop",
        "sale_type": "new",
        "language": "en",
        "address_id": 1,
        "offer_code": "RG_INT100_TVBAS",
    }
    assert create.headers["Idempotency-Key"]
    assert [(r.method, r.url.path) for r in fake_back.requests] == [("POST", "/api/v1/orders/carts/")]


def test_a_second_address_of_the_same_visitor_is_set_on_the_cart_already_open(client, fake_back):
    opened = cart_json(step="offer") | {"cart_secret": SECRET, "offers": OFFERS}
    fake_back.add("POST", "/api/v1/orders/carts/", status=201, json=opened)
    fake_back.add("PUT", f"{CART_URL}address/", json={"cart": cart_json(step="address"), "offers": OFFERS})
    client.post("/selfshop/", {"address_id": "1"})

    response = client.post("/selfshop/", {"address_id": "2"})

    assert response["Location"] == "/selfshop/offers/"
    assert len(fake_back.calls("POST", "/api/v1/orders/carts/")) == 1
    put = fake_back.calls("PUT", f"{CART_URL}address/")[0]
    assert put.headers["X-Cart-Secret"] == SECRET
    assert json.loads(put.content) == {"address_id": 2}


def test_without_an_offer_the_next_page_is_the_offer_list(client, fake_back):
    opened = cart_json(step="address") | {"cart_secret": SECRET, "offers": OFFERS}
    fake_back.add("POST", "/api/v1/orders/carts/", status=201, json=opened)

    response = client.post("/selfshop/", {"address_id": "1"})

    assert response["Location"] == "/selfshop/offers/"


def test_the_offer_page_after_the_address_shows_the_offers_it_answered_with_once(client, fake_back):
    opened = cart_json(step="address") | {"cart_secret": SECRET, "offers": OFFERS}
    fake_back.add("POST", "/api/v1/orders/carts/", status=201, json=opened)
    fake_back.add("GET", "/api/v1/procable/addresses/1/", json=ADDRESS)
    fake_back.add("GET", CART_URL, json=cart_json(step="address"))
    fake_back.add("GET", f"{CART_URL}offers/", json={"offers": OFFERS})
    client.post("/selfshop/", {"address_id": "1"})

    shown = client.get("/selfshop/offers/")
    reloaded = client.get("/selfshop/offers/")

    assert shown.status_code == reloaded.status_code == 200
    assert OFFERS[0]["name"] in shown.content.decode()
    assert len(fake_back.calls("GET", f"{CART_URL}offers/")) == 1  # the reload only
    assert len(fake_back.calls("GET", CART_URL)) == 1


def test_an_address_the_network_does_not_reach_is_answered_clearly(client, fake_back):
    fake_back.add(
        "POST",
        "/api/v1/orders/carts/",
        status=422,
        json=problem(422, "address_not_serviceable") | {"available_domains": [], "offers": []},
    )
    fake_back.add("GET", "/api/v1/procable/addresses/6/", json=ADDRESS | {"id": 6, "serviceable": False})

    response = client.post("/selfshop/", {"address_id": "6"})

    assert response.status_code == 422
    assert "Sorry, our network does not reach this address yet" in response.content.decode()
    assert CART_KEY not in client.session


def test_an_offer_not_sold_at_the_address_shows_the_offers_available_instead(client, fake_back):
    fake_back.add(
        "POST",
        "/api/v1/orders/carts/",
        status=422,
        json=problem(422, "address_not_serviceable") | {"available_domains": ["INT"], "offers": OFFERS[:1]},
    )
    fake_back.add("GET", "/api/v1/procable/addresses/1/", json=ADDRESS)

    body = client.post("/selfshop/", {"address_id": "1", "offer": "RG_TVPLUS"}).content.decode()

    assert "The offer RG_TVPLUS is not available at this address." in body
    assert "What our network brings here: Internet." in body
    assert "<h3>Internet 100 Mbps</h3>" in body
    assert '<input type="hidden" name="any_offer" value="1">' in body


def test_an_address_not_in_the_list_is_refused_with_the_input_kept(client, fake_back):
    lookup(fake_back)

    response = client.post("/selfshop/", {"address_id": "abc"})

    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    assert CART_KEY not in client.session
