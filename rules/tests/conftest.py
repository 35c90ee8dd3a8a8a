import copy
import io

import pytest
from openpyxl import Workbook

from rules import demo, selectors
from rules.schema import TABLES


@pytest.fixture(autouse=True)
def _fresh_rules_cache():
    # Test databases reuse version numbers across tests; the compiled cache is keyed by number.
    selectors.ruleset_cache_clear()
    yield
    selectors.ruleset_cache_clear()


@pytest.fixture
def demo_param(db):
    from back.param import demo as param_demo

    param_demo.seed(seed=1, customers=0, addresses=0, stdout=io.StringIO())


@pytest.fixture
def demo_rules(demo_param):
    demo.seed(seed=1, customers=0, addresses=0, stdout=io.StringIO())


@pytest.fixture
def demo_tables():
    """A deep copy of the demo tables to modify."""
    return copy.deepcopy(demo.DEMO_TABLES)


def workbook_bytes(tables: dict[str, list[dict]], *, drop_columns: dict[str, str] | None = None) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in TABLES:
        if table.name not in tables:
            continue
        columns = [c for c in table.columns if (drop_columns or {}).get(table.name) != c]
        sheet = workbook.create_sheet(table.name)
        sheet.append(columns)
        for row in tables[table.name]:
            sheet.append([row.get(column, "") for column in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
