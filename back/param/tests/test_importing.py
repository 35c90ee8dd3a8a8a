import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from back.param import importing, selectors
from back.param.errors import CodeTableImportError
from back.param.models import Code

pytestmark = pytest.mark.django_db(databases=["param"])


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_a_csv_file_with_flags_is_read():
    content = b"code;label_en;label_fr;is_visible_in_weblys\nLA;A;A fr;yes\nLB;B;B fr;non\n"

    rows = importing.codes_from_file(content=content, filename="letters.csv")

    assert [(r.code, r.label_fr, r.is_active, r.is_visible_in_weblys) for r in rows] == [
        ("LA", "A fr", True, True),
        ("LB", "B fr", True, False),
    ]


def test_an_excel_file_is_read():
    content = _xlsx(
        [["code", "label_en", "label_fr"], ["WOINST", "Install", "Installation"], [None, None, None]]
    )

    rows = importing.codes_from_file(content=content, filename="wo.xlsx")

    assert [(r.code, r.label_en) for r in rows] == [("WOINST", "Install")]


def test_every_bad_row_is_reported_with_its_file_row_number():
    content = b"code,label_en,label_fr,is_active\nLA,A,A,maybe\n,B,B,yes\nLA,C,C,no\n"

    with pytest.raises(CodeTableImportError) as refused:
        importing.codes_from_file(content=content, filename="letters.csv")

    assert refused.value.errors == {
        "row 2 is_active": ["'maybe' is not yes or no."],
        "row 3 code": ["The code is empty."],
        "row 4 code": ["The code LA is already on row 2."],
    }


def test_a_missing_column_is_reported():
    with pytest.raises(CodeTableImportError) as refused:
        importing.codes_from_file(content=b"code,label_en\nLA,A\n", filename="letters.csv")

    assert refused.value.errors == {"header": ["Missing column: label_fr."]}


def test_a_broken_excel_file_is_reported():
    with pytest.raises(CodeTableImportError) as refused:
        importing.codes_from_file(content=b"PK\x03\x04 not really a workbook", filename="letters.xlsx")

    assert list(refused.value.errors) == ["file"]


def test_the_command_imports_a_file(tmp_path: Path):
    path = tmp_path / "channels.csv"
    path.write_text("code,label_en,label_fr\nstore,Store,Boutique\n")
    out = io.StringIO()

    call_command("param_import", "channel", str(path), "--label-en", "Channels", stdout=out)

    assert out.getvalue().strip() == "channel: 1 created, 0 updated, 0 deactivated."
    assert [c.code for c in selectors.codes(table="channel")] == ["store"]


def test_the_command_refuses_a_bad_file_and_imports_nothing(tmp_path: Path):
    path = tmp_path / "channels.csv"
    path.write_text("code,label_en,label_fr\nstore,Store,Boutique\n,Web,Web\n")

    with pytest.raises(CommandError, match=r"row 3 code: The code is empty\."):
        call_command("param_import", "channel", str(path))

    assert Code.objects.count() == 0
