import pytest

from back.param import selectors, services
from back.param.errors import CodeTableImportError
from back.param.models import Code, CodeTable
from back.param.services import CodeInput

pytestmark = pytest.mark.django_db(databases=["param"])


def test_importing_a_table_creates_its_codes_in_file_order():
    result = services.code_table_import(
        table="letter",
        label_en="Letters",
        label_fr="Lettres",
        codes=[CodeInput("LB", "B", "B fr"), CodeInput("LA", "A", "A fr", is_visible_in_weblys=False)],
    )

    assert result == services.ImportResult(table="letter", created=2, updated=0, deactivated=0)
    assert [c.code for c in selectors.codes(table="letter", visible_only=False)] == ["LB", "LA"]
    assert [c.code for c in selectors.codes(table="letter")] == ["LB"]


def test_reimporting_deactivates_codes_missing_from_the_file_and_updates_labels():
    services.code_table_import(
        table="letter",
        label_en="L",
        label_fr="L",
        codes=[CodeInput("LA", "A", "A"), CodeInput("LB", "B", "B")],
    )

    result = services.code_table_import(
        table="letter", label_en="L", label_fr="L", codes=[CodeInput("LA", "A new", "A")]
    )

    assert result == services.ImportResult(table="letter", created=0, updated=1, deactivated=1)
    assert selectors.code_exists(table="letter", code="LA") is True
    assert selectors.code_exists(table="letter", code="LB") is False
    assert Code.objects.get(code="LA").label_en == "A new"


def test_a_repeated_code_refuses_the_whole_import_and_changes_nothing():
    services.code_table_import(table="letter", label_en="L", label_fr="L", codes=[CodeInput("LA", "A", "A")])

    with pytest.raises(CodeTableImportError) as refused:
        services.code_table_import(
            table="letter",
            label_en="L",
            label_fr="L",
            codes=[CodeInput("LC", "C", "C"), CodeInput("LC", "C", "C"), CodeInput("", "D", "D")],
        )

    assert refused.value.errors == {"row 2": ["The code LC appears twice."], "row 3": ["The code is empty."]}
    assert list(Code.objects.values_list("code", "is_active")) == [("LA", True)]


def test_code_exists_is_false_for_an_unknown_table_or_code():
    services.code_table_import(table="letter", label_en="L", label_fr="L", codes=[CodeInput("LA", "A", "A")])

    assert selectors.code_exists(table="letter", code="LA") is True
    assert selectors.code_exists(table="letter", code="LZ") is False
    assert selectors.code_exists(table="channel", code="LA") is False


def test_code_sets_reads_several_tables_in_one_query(django_assert_num_queries):
    services.code_table_import(table="letter", label_en="L", label_fr="L", codes=[CodeInput("LA", "A", "A")])
    services.code_table_import(
        table="channel",
        label_en="C",
        label_fr="C",
        codes=[CodeInput("store", "S", "S"), CodeInput("web", "W", "W", is_visible_in_weblys=False)],
    )

    with django_assert_num_queries(1, using="param"):
        sets = selectors.code_sets(tables=["letter", "channel", "missing"])

    assert sets == {"letter": ["LA"], "channel": ["store", "web"], "missing": []}
    assert selectors.code_sets(tables=["channel"], visible_only=True) == {"channel": ["store"]}


def test_demo_seed_is_idempotent(demo_param):
    before = list(Code.objects.order_by("pk").values_list("table__name", "code", "label_en", "is_active"))

    import io

    from back.param import demo

    demo.seed(seed=1, customers=0, addresses=0, stdout=io.StringIO())

    assert (
        list(Code.objects.order_by("pk").values_list("table__name", "code", "label_en", "is_active"))
        == before
    )
    assert CodeTable.objects.count() == 11
    assert [c.code for c in selectors.codes(table="group_code")] == ["RG", "EMP", "BUS"]
