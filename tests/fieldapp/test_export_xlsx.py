"""Exports as a secretary opens them in Excel: XLSX read back with openpyxl (Arabic intact, a CIN stays text with its
zeros, real dates, frozen headers), the households the page shows for its filters, one event's distributions, and the
data-protection rules (a volunteer exports nothing, an anonymised family has no identity) in every format."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from ageing import age
from sqlalchemy import select

from fieldapp.errors import BadData, NotAllowed
from fieldapp.i18n import flag_name
from fieldapp.models import AuditEntry, utcnow
from fieldapp.rules import parse_item
from fieldapp.services import accounts
from fieldapp.services.distributions import record_distribution, void_distribution
from fieldapp.services.events import create_event
from fieldapp.services.export import export_records
from fieldapp.services.household_query import HouseholdQuery
from fieldapp.services.households import HouseholdInput, find_households, register_household
from fieldapp.services.retention import apply_retention
from fieldapp.services.volunteers import check_in, check_out, register_volunteer
from fieldapp.timefmt import local_moment

KHOURIBGA = "05.311.01.07"
OUED_ZEM = "05.311.05.03"
FORMATS = ("csv", "xlsx", "json")


def family(db, name: str, **fields):
    fields.setdefault("consent", True)
    fields.setdefault("commune", KHOURIBGA)
    return register_household(db, HouseholdInput(head_name=name, **fields)).value


@pytest.fixture
def town(db):
    """Four families, two events: Fatima served at Ramadan, Ahmed served there too but voided, Karim at the Aïd."""
    ramadan = create_event(db, "Ramadan", "2026-03-01", [parse_item("KIT:Panier:1")]).value
    aid = create_event(db, "Aïd", "2026-06-01", [parse_item("KIT:Panier:1")]).value
    fatima = family(
        db,
        "Fatima Benali",
        head_name_ar="فاطمة بن علي",
        cin="00123456",  # an odd CIN (only a warning): Excel must not make it 123456
        phone="0612345678",
        douar='=HYPERLINK("http://x")',
        flags=["widow", "infant"],
    )
    ahmed = family(db, "Ahmed Alaoui", cin="CD654321", flags=["widow"], commune=OUED_ZEM)
    karim = family(db, "Karim Idrissi", cin="EF111222", consent=False)
    nadia = family(db, "Nadia Tazi", cin="GH333444", flags=["elderly"])
    record_distribution(db, ramadan.id, fatima.id)
    void_distribution(db, record_distribution(db, ramadan.id, ahmed.id).value.receipt, "erreur")
    record_distribution(db, aid.id, karim.id)
    helper = register_volunteer(db, "Samira Alaoui", name_ar="سميرة العلوي", phone="0661000000").value
    check_in(db, helper.id, ramadan.id, at=utcnow() - dt.timedelta(hours=3))
    check_out(db, helper.id, ramadan.id)
    check_in(db, helper.id, aid.id)
    ids = {"fatima": fatima.id, "ahmed": ahmed.id, "karim": karim.id, "nadia": nadia.id}
    return {"ramadan": ramadan, "aid": aid, **ids}


def read_xlsx(path: Path) -> tuple[openpyxl.worksheet.worksheet.Worksheet, list[dict]]:
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    return sheet, [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def read_rows(path: Path, fmt: str) -> list[dict]:
    if fmt == "csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    if fmt == "json":
        return json.loads(path.read_text(encoding="utf-8"))
    return read_xlsx(path)[1]


def test_households_in_arabic_keep_their_script_the_cin_as_text_and_real_dates(db, town, tmp_path):
    path = tmp_path / "الأسر.xlsx"
    assert export_records(db, "households", "xlsx", path, language="ar").value == 4

    sheet, rows = read_xlsx(path)
    assert sheet.title == "الأسر" and sheet.sheet_view.rightToLeft
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:R5"
    fatima = next(row for row in rows if row["المعرف"] == town["fatima"])
    assert fatima["رب الأسرة"] == "Fatima Benali" and fatima["رب الأسرة بالعربية"] == "فاطمة بن علي"
    assert fatima["البطاقة الوطنية"] == "00123456" and fatima["الهاتف"] == "06 12 34 56 78"
    assert set(fatima["معايير الهشاشة"].split("، ")) == {flag_name("widow", "ar"), flag_name("infant", "ar")}
    assert fatima["عدد أفراد الأسرة"] == 1 and fatima["الموافقة"] is True
    registered = fatima["تاريخ التسجيل"]
    assert isinstance(registered, dt.datetime)  # a date Excel sorts and filters, in the laptop's time
    assert abs(registered - local_moment(dt.datetime.now(dt.UTC)).replace(tzinfo=None)) < dt.timedelta(minutes=5)
    cells = {cell.value: cell for cell in sheet[2 + rows.index(fatima)]}
    assert cells["00123456"].data_type == "s"
    douar = cells['=HYPERLINK("http://x")']  # text that looks like a formula stays text, even once edited
    assert douar.data_type == "s" and douar.quotePrefix


def test_headers_follow_the_language_and_french_is_left_to_right(db, town, tmp_path):
    for language, header, title in (("fr", "Chef de foyer", "Foyers"), ("en", "Head of household", "Households")):
        path = tmp_path / f"{language}.xlsx"
        export_records(db, "households", "xlsx", path, language=language)
        sheet, rows = read_xlsx(path)
        assert sheet.title == title and not sheet.sheet_view.rightToLeft
        assert {row[header] for row in rows} == {"Fatima Benali", "Ahmed Alaoui", "Karim Idrissi", "Nadia Tazi"}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (HouseholdQuery(flag="widow"), {"fatima", "ahmed"}),
        (HouseholdQuery(commune=OUED_ZEM), {"ahmed"}),
        (HouseholdQuery(flag="widow", event="Ramadan", served=True), {"fatima"}),  # Ahmed's was voided
        (HouseholdQuery(event="Ramadan"), {"ahmed", "karim", "nadia"}),  # not yet served there
        (HouseholdQuery(without_consent=True), {"karim"}),
        (HouseholdQuery(text="EF111222", flag="widow"), {"karim"}),  # a search: the filters do not apply
    ],
)
def test_the_households_exported_are_those_the_page_shows(db, town, tmp_path, fmt, query, expected):
    path = tmp_path / f"foyers.{fmt}"
    count = export_records(db, "households", fmt, path, households=query).value

    exported = {row.get("id") or row.get("Identifiant") for row in read_rows(path, fmt)}
    assert exported == {town[name] for name in expected} and count == len(expected)
    assert exported == {h.id for h in find_households(db, query, limit=1000)}


@pytest.mark.parametrize("fmt", FORMATS)
def test_distributions_and_attendance_of_one_event(db, town, tmp_path, fmt):
    path = tmp_path / f"ramadan.{fmt}"
    assert export_records(db, "distributions", fmt, path, event="Ramadan").value == 2
    rows = read_rows(path, fmt)
    names = {row.get("household_name") or row.get("Chef de foyer") for row in rows}
    assert names == {"Fatima Benali", "Ahmed Alaoui"}

    assert export_records(db, "attendance", fmt, tmp_path / f"aid.{fmt}", event=town["aid"].id).value == 1
    assert export_records(db, "attendance", fmt, tmp_path / f"all.{fmt}").value == 2


def test_distribution_dates_voids_and_hours_are_typed_in_excel(db, town, tmp_path):
    export_records(db, "distributions", "xlsx", tmp_path / "d.xlsx", event="Ramadan", language="fr")
    _, rows = read_xlsx(tmp_path / "d.xlsx")
    voided = next(row for row in rows if row["Chef de foyer"] == "Ahmed Alaoui")
    assert voided["Annulée"] is True and isinstance(voided["Annulée le"], dt.datetime)
    assert voided["Motif d'annulation"] == "erreur" and isinstance(voided["Servi le"], dt.datetime)
    export_records(db, "attendance", "xlsx", tmp_path / "a.xlsx", event="Ramadan", language="fr")
    _, [samira] = read_xlsx(tmp_path / "a.xlsx")
    assert samira["Bénévole (arabe)"] == "سميرة العلوي" and samira["Téléphone"] == "06 61 00 00 00"
    assert isinstance(samira["Heures"], int | float) and isinstance(samira["Départ"], dt.datetime)


def test_filters_that_do_not_fit_the_export_are_refused(db, town, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(BadData) as refused:
        export_records(db, "households", "xlsx", out / "x.xlsx", event="Ramadan")
    assert refused.value.key == "error.export_filter"
    with pytest.raises(BadData):
        export_records(db, "distributions", "csv", out / "x.csv", households=HouseholdQuery(flag="widow"))
    assert not out.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_volunteer_exports_nothing_in_any_format(db, data_dir, town, tmp_path, fmt):
    accounts.add_user(db, "Karim", "volunteer", "karim-secret")
    volunteer = accounts.login(data_dir, "Karim", "karim-secret")
    try:
        for kind, filters in (
            ("households", {}),
            ("households", {"households": HouseholdQuery(flag="widow")}),
            ("distributions", {"event": "Ramadan"}),
            ("attendance", {}),
        ):
            with pytest.raises(NotAllowed):
                export_records(volunteer, kind, fmt, tmp_path / "out" / f"{kind}.{fmt}", **filters)
    finally:
        volunteer.dispose()
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_anonymised_family_has_no_identity_in_any_export(db, town, tmp_path, fmt):
    age(db, town["nadia"], 30)
    assert apply_retention(db, 24).value.households == [town["nadia"]]

    export_records(db, "households", fmt, tmp_path / f"h.{fmt}")
    [nadia] = [
        row
        for row in read_rows(tmp_path / f"h.{fmt}", fmt)
        if (row.get("id") or row.get("Identifiant")) == town["nadia"]
    ]
    assert "Nadia" not in json.dumps(nadia, default=str, ensure_ascii=False)
    assert "GH333444" not in json.dumps(nadia, default=str)


def test_each_export_is_in_the_audit_trail_without_the_searched_text(db, town, tmp_path):
    export_records(db, "households", "xlsx", tmp_path / "h.xlsx", households=HouseholdQuery(text="Fatima"))
    export_records(db, "distributions", "csv", tmp_path / "d.csv", event="Ramadan")
    with db.read() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "records.export").order_by(AuditEntry.seq)
        )
        found = [(e.entity, e.detail, e.user_name) for e in entries]
    assert found[0][0] == "households" and found[0][1]["format"] == "xlsx" and found[0][1]["count"] == 1
    assert found[0][1]["filters"] == {"search": True} and "Fatima" not in json.dumps(found[0][1])
    assert found[1][:2] == ("distributions", {"format": "csv", "count": 2, "filters": {"event": "Ramadan"}})
