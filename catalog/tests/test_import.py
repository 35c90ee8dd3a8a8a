"""Import tools: workbook round trip, row-level refusals that change nothing, services import, verify."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import load_workbook

from catalog.errors import CatalogImportError
from catalog.models import Offer, Service, ServicePrice
from catalog.selectors import catalog_document
from catalog.services import catalog_load, offers_verify, service_rows_parse, services_import
from catalog.snapshot import revision_token
from catalog.workbook import RowErrors, workbook_read

pytestmark = pytest.mark.django_db(databases="__all__")


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _export(tmp_path) -> str:
    path = str(tmp_path / "catalog.xlsx")
    call_command("catalog_export", path, stdout=io.StringIO())
    return path


def _edit(path: str, sheet: str, row: int, column: str, value: object) -> None:
    book = load_workbook(path)
    ws = book[sheet]
    header = [cell.value for cell in ws[1]]
    ws.cell(row=row, column=header.index(column) + 1, value=value)
    book.save(path)


def _append(path: str, sheet: str, values: dict) -> int:
    book = load_workbook(path)
    ws = book[sheet]
    header = [cell.value for cell in ws[1]]
    ws.append([values.get(name) for name in header])
    book.save(path)
    return ws.max_row


def _refused(path: str) -> list[dict]:
    with pytest.raises(CatalogImportError) as refused:
        catalog_load(raw=workbook_read(path, RowErrors()))
    return refused.value.rows


def test_an_exported_catalog_reloads_unchanged_with_the_same_versions(demo_catalog, tmp_path):
    before = catalog_document()
    path = _export(tmp_path)

    call_command("catalog_import", path, stdout=io.StringIO())

    assert catalog_document() == before
    assert set(Offer.objects.values_list("version", flat=True)) == {1}


def test_an_edited_offer_gets_a_new_version_and_the_others_keep_theirs(demo_catalog, tmp_path):
    path = _export(tmp_path)
    row = next(i for i, o in enumerate(catalog_document()["offers"], start=2) if o["code"] == "RG_INT100")
    _edit(path, "offers", row, "name_en", "Internet 100 (new name)")

    call_command("catalog_import", path, stdout=io.StringIO())

    assert Offer.objects.get(code="RG_INT100").name_en == "Internet 100 (new name)"
    assert Offer.objects.get(code="RG_INT100").version == 2
    assert Offer.objects.exclude(code="RG_INT100").filter(version__gt=1).count() == 0


def test_a_file_that_is_not_a_workbook_is_refused_and_changes_nothing(demo_catalog, tmp_path):
    before, token = catalog_document(), revision_token()
    path = tmp_path / "catalog.xlsx"
    path.write_text("code,domain\nTVBAS,TV\n")

    rows = _refused(str(path))

    assert len(rows) == 1
    assert rows[0]["sheet"] == "" and rows[0]["row"] is None
    assert rows[0]["message"].startswith("The file is not an Excel workbook (.xlsx)")
    assert (catalog_document(), revision_token()) == (before, token)


def test_unknown_codes_are_refused_row_by_row_and_nothing_is_loaded(demo_catalog, tmp_path):
    before, token = catalog_document(), revision_token()
    path = _export(tmp_path)
    equipment_row = _append(
        path,
        "offer_equipment",
        {
            "offer_code": "RG_INT100",
            "service_code": "NOPE",
            "is_required": "yes",
            "allows_rent": "yes",
            "allows_buy": "no",
        },
    )
    path_row = _append(
        path, "change_paths", {"from_offer": "RG_INT100", "to_offer": "RG_GHOST", "kind": "upsell"}
    )
    offer_row = _append(
        path,
        "offers",
        {
            "code": "RG_NEW",
            "name_en": "New",
            "name_fr": "Nouveau",
            "group_code": "RG",
            "basic_services": "INT100 MODEM",
            "is_active": "yes",
        },
    )

    rows = _refused(path)

    assert rows == [
        {
            "sheet": "offers",
            "row": offer_row,
            "column": "basic_services",
            "message": "MODEM is a equipment, not a basic.",
        },
        {
            "sheet": "offer_equipment",
            "row": equipment_row,
            "column": "service_code",
            "message": "Unknown service code NOPE.",
        },
        {
            "sheet": "change_paths",
            "row": path_row,
            "column": "to_offer",
            "message": "Unknown offer code RG_GHOST.",
        },
    ]
    assert (catalog_document(), revision_token()) == (before, token)


def test_duplicate_rows_are_refused_with_the_row_of_the_first_one(demo_catalog, tmp_path):
    before = catalog_document()
    path = _export(tmp_path)
    duplicate = _append(
        path,
        "services",
        {
            "code": "TVBAS",
            "domain": "TV",
            "kind": "basic",
            "label_en": "Again",
            "label_fr": "Encore",
            "is_active": "yes",
        },
    )
    same_combination = _append(
        path,
        "offers",
        {
            "code": "RG_INT100_BIS",
            "name_en": "Bis",
            "name_fr": "Bis",
            "group_code": "RG",
            "basic_services": "INT100",
            "is_active": "yes",
        },
    )

    rows = _refused(path)

    assert rows == [
        {
            "sheet": "services",
            "row": duplicate,
            "column": "code",
            "message": "Duplicate TVBAS (first on row 23).",
        },
        {
            "sheet": "offers",
            "row": same_combination,
            "column": "basic_services",
            "message": "Offer on row 4 already sells INT100 to group RG.",
        },
    ]
    assert catalog_document() == before


def test_bad_cells_and_missing_columns_are_reported_with_sheet_row_and_column(demo_catalog, tmp_path):
    path = _export(tmp_path)
    _edit(path, "prices", 3, "monthly_price", "twelve")
    _edit(path, "promotions", 2, "valid_from", "31/12/2026")
    book = load_workbook(path)
    book["restrictions"].delete_cols(4)
    book.save(path)

    with pytest.raises(CatalogImportError) as refused:
        workbook_read(path, RowErrors())
    missing = refused.value.rows
    book = load_workbook(path)
    book["restrictions"].cell(row=1, column=4, value="values")
    book.save(path)
    cells = _refused(path)

    assert missing == [
        {"sheet": "restrictions", "row": 1, "column": "values", "message": "The column is missing."}
    ]
    assert cells[:2] == [
        {"sheet": "prices", "row": 3, "column": "monthly_price", "message": "Not a number."},
        {"sheet": "promotions", "row": 2, "column": "valid_from", "message": "Not a date (YYYY-MM-DD)."},
    ]


def test_the_import_command_prints_every_row_error(demo_catalog, tmp_path):
    path = _export(tmp_path)
    row = _append(path, "offer_fees", {"offer_code": "RG_INT100", "service_code": "TVSPORT"})

    with pytest.raises(CommandError) as refused:
        call_command("catalog_import", path, stdout=io.StringIO())

    assert str(refused.value) == (
        "1 error(s) in the file; nothing was changed.\n"
        f"  sheet=offer_fees row={row} column=service_code: TVSPORT is a option, not a fee / deposit."
    )


def _service_row(code: str, monthly: str, valid_from: str) -> dict:
    return {
        "code": code,
        "domain": "INT",
        "kind": "basic",
        "label_en": "Internet 100 Mbps",
        "label_fr": "Internet 100 Mb/s",
        "monthly_price": monthly,
        "one_time_price": "0.00",
        "buy_price": "",
        "valid_from": valid_from,
    }


def test_a_new_pro_cable_price_closes_the_current_one_and_keeps_the_history(demo_catalog):
    report = services_import(rows=service_rows_parse([_service_row("INT100", "57.00", "2026-07-01")]))

    assert (report.created, report.updated, report.prices_added) == (0, 0, 1)
    assert list(
        ServicePrice.objects.filter(service__code="INT100").values_list(
            "monthly_price", "valid_from", "valid_to"
        )
    ) == [
        (Decimal("49.50"), date(2023, 1, 1), date(2025, 12, 31)),
        (Decimal("55.00"), date(2026, 1, 1), date(2026, 6, 30)),
        (Decimal("57.00"), date(2026, 7, 1), None),
    ]


def test_a_price_older_than_the_current_one_refuses_the_whole_services_file(demo_catalog):
    before = list(
        ServicePrice.objects.values_list("service__code", "monthly_price", "valid_from", "valid_to")
    )
    rows = service_rows_parse(
        [
            _service_row("NEWSVC", "10.00", "2026-02-01"),
            {**_service_row("INT100", "50.00", "2025-06-01"), "_row": 3},
        ]
    )

    with pytest.raises(CatalogImportError) as refused:
        services_import(rows=rows, sheet="prices.csv")

    assert refused.value.rows == [
        {
            "sheet": "prices.csv",
            "row": 3,
            "column": "valid_from",
            "message": "INT100 already has a price from 2026-01-01; this one starts earlier.",
        }
    ]
    assert not Service.objects.filter(code="NEWSVC").exists()
    assert (
        list(ServicePrice.objects.values_list("service__code", "monthly_price", "valid_from", "valid_to"))
        == before
    )


def test_the_services_command_reads_a_csv_and_reports_duplicates_by_row(db, tmp_path):
    path = tmp_path / "services.csv"
    path.write_text(
        "code,domain,kind,label_en,label_fr,monthly_price,one_time_price,buy_price,valid_from\n"
        "INT100,INT,basic,Internet 100,Internet 100,55.00,0,,2026-01-01\n"
        "INT100,INT,basic,Internet 100,Internet 100,55.00,0,,2026-01-01\n"
        "TVX,TV,basic,TV X,Télé X,abc,0,,2026-01-01\n"
    )
    services_before = Service.objects.count()

    with pytest.raises(CommandError) as refused:
        call_command("catalog_import_services", "--file", str(path), stdout=io.StringIO())

    assert str(refused.value).splitlines()[1:] == [
        "  sheet=services.csv row=3 column=code: Duplicate code INT100 (first on row 2).",
        "  sheet=services.csv row=4 column=monthly_price: Not a number.",
    ]
    assert Service.objects.count() == services_before
    assert not Service.objects.filter(code="TVX").exists()


def test_importing_the_embedded_pro_cable_services_gives_the_demo_catalog_services(demo_catalog):
    from back.procable import demo as procable_demo

    procable_demo.seed(seed=7, customers=3, addresses=10, stdout=io.StringIO())
    before = catalog_document()

    call_command("catalog_import_services", stdout=io.StringIO())

    after = catalog_document()
    assert after["services"] == before["services"]
    assert [p for p in after["prices"] if p["valid_to"] is None] == [
        p for p in before["prices"] if p["valid_to"] is None
    ]


def test_verification_reports_customers_matching_no_offer_and_can_create_the_offers(demo_catalog, gateway):
    gateway.add_customer("100001", "INT100", "MODEM")
    gateway.add_customer("100002", "TVBAS", "TELRES", "TERMHD")
    gateway.add_customer("100003", "TELRES", "TVBAS")
    gateway.add_customer("100004", "INT500", group_code="BUS")

    report = offers_verify(customer_numbers=["100001", "100002", "100003", "100004", "100009"], create=True)

    assert report.combinations == {("RG", "INT100"): 1, ("RG", "TELRES+TVBAS"): 2, ("BUS", "INT500"): 1}
    assert report.unmatched_customers == {"100002": ("RG", "TELRES+TVBAS"), "100003": ("RG", "TELRES+TVBAS")}
    assert report.not_found == ["100009"]
    assert report.offers_created == ["RG_TELRES_TVBAS"]
    created = Offer.objects.get(code="RG_TELRES_TVBAS")
    assert (created.combination_key, created.domains, created.version) == ("TELRES+TVBAS", "TEL TV", 1)
    assert offers_verify(customer_numbers=["100002"]).unmatched_customers == {}


def test_the_verify_command_walks_a_number_range(demo_catalog, gateway):
    gateway.add_customer("100001", "INT100")
    gateway.add_customer("100002", "TVPLUS", "MOB10")
    out = io.StringIO()

    call_command("catalog_verify_offers", "--numbers", "100001-100003", stdout=out)

    assert out.getvalue().splitlines() == [
        "Customers read: 2; combinations: 2; customers matching no offer: 1.",
        "  RG INT100: 1 customer(s)",
        "  RG MOB10+TVPLUS: 1 customer(s)",
        "  NO OFFER 100002: group RG, services MOB10+TVPLUS",
        "Unknown customer numbers skipped: 1",
    ]


def test_numbers_and_dates_typed_as_in_a_spreadsheet_are_read(demo_catalog, tmp_path):
    path = _export(tmp_path)
    row = next(
        i
        for i, p in enumerate(catalog_document()["prices"], start=2)
        if p["service_code"] == "INT100" and p["valid_to"] is None
    )
    _edit(path, "prices", row, "monthly_price", 10.8 * 5.5)  # 59.400000000000006 as a float cell
    _edit(path, "prices", row, "valid_from", date(2026, 2, 1))  # a date cell (a serial number in the file)

    call_command("catalog_import", path, stdout=io.StringIO())

    assert list(
        ServicePrice.objects.filter(service__code="INT100").values_list("monthly_price", "valid_from")
    )[-1] == (Decimal("59.40"), date(2026, 2, 1))


def test_a_workbook_with_a_doctype_is_refused(demo_catalog, tmp_path):
    import zipfile

    source = _export(tmp_path)
    target = tmp_path / "entities.xlsx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as forged:
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + data.split(b"?>", 1)[-1]
            forged.writestr(item, data)

    rows = _refused(str(target))

    assert rows[0]["message"].startswith("The file is not an Excel workbook (.xlsx)")
