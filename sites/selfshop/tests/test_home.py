"""SelfShop entry: the address step."""

from __future__ import annotations

from sites.selfshop.views import ADDRESS_KEY, OFFER_KEY

GOOD = {
    "street_number": "1200",
    "street_name": "rue Sainte-Catherine",
    "city": "Montréal",
    "postal_code": "h2x1y4",
}


def test_the_entry_page_shows_the_address_form_and_the_stepper(client):
    body = client.get("/selfshop/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert '<li aria-current="step">Address</li>' in body
    assert '<label for="id_postal_code">Postal code:</label>' in body
    assert 'aria-describedby="id_postal_code_helptext"' in body


def test_an_offer_chosen_on_the_portal_is_remembered(client):
    body = client.get("/selfshop/?offer=int500", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "You chose the offer <strong>INT500</strong>." in body
    assert client.session[OFFER_KEY] == "INT500"


def test_a_malformed_offer_code_is_ignored(client):
    client.get("/selfshop/?offer=<script>")

    assert OFFER_KEY not in client.session


def test_a_bad_postal_code_is_refused_and_every_typed_value_is_kept(client):
    response = client.post("/selfshop/", {**GOOD, "postal_code": "12345"}, HTTP_ACCEPT_LANGUAGE="en")

    body = response.content.decode()
    assert response.status_code == 400
    assert (
        '<ul class="errorlist" id="id_postal_code_error"><li>Enter a postal code such as H2X 1Y4.</li></ul>'
        in body
    )
    assert 'value="rue Sainte-Catherine"' in body
    assert 'value="12345"' in body
    assert ADDRESS_KEY not in client.session


def test_a_good_address_is_recorded_normalised(client):
    response = client.post("/selfshop/", GOOD, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302
    assert client.session[ADDRESS_KEY] == {**GOOD, "apartment": "", "postal_code": "H2X 1Y4"}
    assert 'value="H2X 1Y4"' in client.get("/selfshop/").content.decode()
