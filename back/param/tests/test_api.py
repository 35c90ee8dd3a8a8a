import pytest

from back.param import services
from back.param.services import CodeInput

pytestmark = pytest.mark.django_db(databases="__all__")


def test_the_tables_are_listed_with_their_code_counts(api, demo_param, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = api.get("/api/v1/param/tables/")

    assert response.status_code == 200
    by_name = {row["name"]: row for row in response.json()}
    assert by_name["letter"] == {
        "name": "letter",
        "label_en": "Letter codes",
        "label_fr": "Codes de lettre",
        "code_count": 6,
    }
    assert len(by_name) == 11


def test_the_codes_of_a_table_are_the_visible_active_ones(api):
    services.code_table_import(
        table="channel",
        label_en="C",
        label_fr="C",
        codes=[
            CodeInput("store", "Store", "Boutique"),
            CodeInput("web", "Web", "Web", is_visible_in_weblys=False),
        ],
    )

    response = api.get("/api/v1/param/tables/channel/codes/?all=true")

    assert response.status_code == 200
    assert response.json() == [
        {
            "code": "store",
            "label_en": "Store",
            "label_fr": "Boutique",
            "is_active": True,
            "is_visible_in_weblys": True,
        }
    ]


def test_staff_with_the_params_right_see_hidden_codes(staff_api):
    services.code_table_import(
        table="channel",
        label_en="C",
        label_fr="C",
        codes=[
            CodeInput("store", "Store", "Boutique"),
            CodeInput("web", "Web", "Web", is_visible_in_weblys=False),
        ],
    )
    client = staff_api(rights=["weconfig", "weconfig.params"], code="conf")

    response = client.get("/api/v1/param/tables/channel/codes/?all=true")

    assert [row["code"] for row in response.json()] == ["store", "web"]


def test_an_unknown_table_is_a_problem_404(api):
    response = api.get("/api/v1/param/tables/nothing/codes/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "code_table_not_found"
