"""MyShop: only for a customer logged in to MyAccount."""

from __future__ import annotations


def test_myshop_without_a_customer_goes_to_the_myaccount_login(client):
    response = client.get("/myshop/")

    assert response.status_code == 302
    assert response["Location"] == "/myaccount/login/?next=%2Fmyshop%2F"


def test_myshop_opens_for_a_logged_in_customer(client, customer_login_as):
    customer_login_as(client, "100042")

    response = client.get("/myshop/", HTTP_ACCEPT_LANGUAGE="en")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Customer 100042" in body
    assert '<li aria-current="step">Offers</li>' in body
