"""Funder reports: the totals a funder reads, checked against a count by hand on the database file."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from raw_db import connect

from fieldapp.errors import BadData, NotAllowed, NotFound
from fieldapp.permissions import Account, Role
from fieldapp.rules import ItemSpec
from fieldapp.services import distributions as ds
from fieldapp.services import events as ev
from fieldapp.services import volunteers as vol
from fieldapp.services.bulk import import_households
from fieldapp.services.households import HouseholdInput
from fieldapp.services.reports import ReportScope, build_report, receipts_behind

TAHANNAOUT, OUED_ZEM = "07.041.01.09", "05.311.01.09"
DAY = dt.date(2026, 3, 10)


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), dt.UTC)


@pytest.fixture
def served(db):
    """Eight families of Tahannaout and two of Oued Zem; an event with a stocked kit; nine families served on DAY,
    one receipt voided, one family served again with a reason; two volunteers, one checked out after 4 h 30."""
    families = [
        HouseholdInput(
            head_name=f"Famille Tah {i}",
            commune=TAHANNAOUT,
            size=i + 1,
            flags=["widow"] if i < 3 else ["infant", "elderly"] if i < 7 else [],
            consent=True,
        )
        for i in range(8)
    ] + [
        HouseholdInput(head_name=f"Famille Oz {i}", commune=OUED_ZEM, size=4, flags=["orphan"], consent=True)
        for i in range(2)
    ]
    ids = import_households(db, families).household_ids
    assert len(ids) == 10
    kit = ItemSpec("KIT", "Panier", 1, label_ar="سلة", stock=20)
    ev.create_event(db, "Panier Ramadan", DAY, [kit], site="Maison des jeunes", commune=TAHANNAOUT)
    receipts = [ds.record_distribution(db, "Panier Ramadan", hid, served_at=_at(DAY, 9)).value.receipt for hid in ids]
    ds.void_distribution(db, receipts[8], "Erreur de saisie")  # Famille Oz 0: voided, so not served
    ds.record_distribution(db, "Panier Ramadan", ids[0], override_reason="Sac déchiré", served_at=_at(DAY, 11))
    vol.register_volunteer(db, "Karim")
    vol.register_volunteer(db, "Nadia")
    vol.check_in(db, "Karim", "Panier Ramadan", at=_at(DAY, 8))
    vol.check_out(db, "Karim", "Panier Ramadan", at=_at(DAY, 8) + dt.timedelta(hours=4, minutes=30))
    vol.check_in(db, "Nadia", "Panier Ramadan", at=_at(DAY, 9))
    return db


def test_an_event_report_counts_families_people_and_what_was_handed_out(served):
    report = build_report(served, ReportScope(event="Panier Ramadan"))

    totals = report.totals
    # Nine families served (ten, less the voided one); the one served twice counts once.
    assert totals.families == 9
    assert totals.people == sum(range(1, 9)) + 4
    assert totals.receipts == 10
    assert totals.voided == 1
    assert (totals.served_twice_families, totals.served_twice_receipts, totals.served_twice_authorised) == (1, 1, 1)
    assert (totals.volunteers, totals.hours, totals.open_attendance) == (2, 4.5, 1)
    [kit] = report.items
    assert (kit.code, kit.given, kit.stock, kit.left) == ("KIT", 10, 20, 10)
    [event] = report.served_by_event
    assert (event.name, event.families, event.receipts, event.volunteers) == ("Panier Ramadan", 9, 10, 2)
    assert (report.date_from, report.date_to) == (DAY, DAY)


def test_totals_match_a_count_by_hand_on_the_database_file(served, data_dir):
    report = build_report(served, ReportScope(date_from=DAY, date_to=DAY))

    with contextlib.closing(connect(data_dir)) as conn:
        active = (
            "SELECT * FROM distributions d WHERE d.served_at >= '2026-03-10' AND d.served_at < '2026-03-11' AND NOT "
            "EXISTS (SELECT 1 FROM distribution_voids v WHERE v.distribution_id = d.id)"
        )
        families, people = conn.execute(
            f"SELECT count(*), sum(size) FROM households WHERE id IN (SELECT household_id FROM ({active}))"
        ).fetchone()
        by_commune = dict(
            conn.execute(
                f"SELECT commune_code, count(*) FROM households WHERE id IN (SELECT household_id FROM ({active})) "
                "GROUP BY commune_code"
            ).fetchall()
        )
        widows = conn.execute(
            f"SELECT count(*) FROM households h, json_each(h.flags) f WHERE f.value = 'widow' "
            f"AND h.id IN (SELECT household_id FROM ({active}))"
        ).fetchone()[0]

    assert (report.totals.families, report.totals.people) == (families, people) == (9, 40)
    assert {p.commune_code: p.count.families for p in report.places} == by_commune == {TAHANNAOUT: 8, OUED_ZEM: 1}
    assert {f.flag: f.count.families for f in report.flags}["widow"] == widows == 3


def test_cells_under_five_families_are_masked_by_place_and_vulnerability(served):
    report = build_report(served, ReportScope(event="Panier Ramadan"))
    shown = report.as_dict()

    places = {p["commune_code"]: p for p in shown["places"]}
    assert places[TAHANNAOUT]["families"] == 8
    assert places[OUED_ZEM] == places[OUED_ZEM] | {"families": "< 5", "people": "< 5"}
    flags = {f["flag"]: f["families"] for f in shown["vulnerabilities"]}
    assert flags["infant"] == flags["elderly"] == "< 5"  # four families each
    assert flags["widow"] == "< 5" and flags["orphan"] == "< 5"
    # the chart of communes leaves out a commune under five families
    assert [name for name, _, _ in report.served_by_commune] == ["Tahannaout"]
    # sizes are not masked
    assert sum(b.count.families for b in report.bands) == 9


def test_the_receipts_behind_a_report_add_up_to_its_totals(served):
    scope = ReportScope(event="Panier Ramadan")
    report = build_report(served, scope)
    lines = list(receipts_behind(served, scope))

    assert len(lines) == 11
    counted = [line for line in lines if line.counted]
    assert len({line.household_id for line in counted}) == report.totals.families
    assert sum(line.voided for line in lines) == report.totals.voided == 1
    assert sum(line.served_twice for line in lines) == report.totals.served_twice_receipts == 1
    tah = {line.household_id for line in counted if line.commune_code == TAHANNAOUT}
    assert len(tah) == 8
    assert all(line.commune_fr and line.size_band for line in lines)


def test_a_period_outside_any_serving_counts_nothing(served):
    report = build_report(served, ReportScope(date_from=DAY + dt.timedelta(days=1), date_to=DAY + dt.timedelta(days=9)))

    assert report.totals.families == 0 and report.totals.receipts == 0 and report.totals.volunteers == 0
    assert list(receipts_behind(served, ReportScope(date_from=dt.date(2020, 1, 1), date_to=dt.date(2020, 1, 2)))) == []
    # an event with dates keeps that event's receipts on those dates
    later = DAY + dt.timedelta(days=1)
    assert build_report(served, ReportScope("Panier Ramadan", later, later)).totals.receipts == 0
    assert build_report(served, ReportScope("Panier Ramadan", DAY, DAY)).totals.families == 9


def test_a_bad_scope_is_refused_with_a_sentence(served):
    with pytest.raises(BadData) as missing:
        build_report(served, ReportScope())
    assert "période" in missing.value.message()
    with pytest.raises(BadData):
        build_report(served, ReportScope(date_from=DAY, date_to=DAY - dt.timedelta(days=1)))
    with pytest.raises(BadData):
        build_report(served, ReportScope(event="Panier Ramadan", date_from=DAY))
    with pytest.raises(NotFound):
        build_report(served, ReportScope(event="Inconnu"))


def test_a_volunteer_may_not_take_a_report_out(served):
    served.account = Account("Karim", Role.VOLUNTEER)

    with pytest.raises(NotAllowed):
        build_report(served, ReportScope(event="Panier Ramadan"))


def test_a_name_that_looks_like_a_formula_stays_text_in_the_xlsx(served, tmp_path):
    from openpyxl import load_workbook

    from fieldapp.services.reports import write_report

    kit = ItemSpec("KIT", "Panier", 1)
    ev.create_event(served, '=HYPERLINK("http://x","Aide")', DAY, [kit])
    some = import_households(served, [HouseholdInput(head_name="Famille F", commune=TAHANNAOUT, size=2, consent=True)])
    ds.record_distribution(served, '=HYPERLINK("http://x","Aide")', some.household_ids[0], served_at=_at(DAY, 15))

    written = write_report(served, ReportScope(date_from=DAY, date_to=DAY), tmp_path / "r.xlsx")

    book = load_workbook(written.path)
    cells = [row[1] for row in book["Reçus"].iter_rows(min_row=2) if str(row[1].value).startswith("=")]
    assert len(cells) == 1 and cells[0].data_type == "s" and cells[0].quotePrefix  # still text once edited
    assert written.receipts == 12 and written.report.totals.families == 10


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_xlsx_reads_as_a_funder_needs_it(served, tmp_path, language):
    from openpyxl import load_workbook

    from fieldapp.services.reports import write_report

    written = write_report(served, ReportScope(event="Panier Ramadan"), tmp_path / "r.xlsx", language)

    book = load_workbook(written.path)
    assert [sheet.sheet_view.rightToLeft or False for sheet in book.worksheets] == [language == "ar"] * 7
    receipts = book.worksheets[5]
    assert receipts.freeze_panes == "A2"  # the header stays in view while a funder scrolls 200,000 receipts
    assert all(c.font.b and c.fill.fgColor.rgb.endswith("DDDDDD") for c in receipts[1])
    rows = list(receipts.iter_rows(min_row=2, values_only=True))
    assert len(rows) == written.receipts == 11
    assert all(isinstance(r[2], dt.datetime) and isinstance(r[7], int) for r in rows)  # real times, sizes as numbers
    assert min(r[2] for r in rows) == dt.datetime.combine(DAY, dt.time(9))  # UTC, as the column says
    places = {r[2]: r[4:6] for r in book.worksheets[1].iter_rows(min_row=2, values_only=True)}
    assert places == {TAHANNAOUT: (8, sum(range(1, 9))), OUED_ZEM: ("< 5", "< 5")}  # counts add up, few hidden
    assert book.worksheets[0]["A1"].font.b and book.worksheets[0]["A1"].font.sz == 14


def test_a_campaign_of_two_events_counts_a_family_served_at_both_once(served):
    kit = ItemSpec("KIT", "Panier", 1, stock=5)
    second_day = DAY + dt.timedelta(days=7)
    ev.create_event(served, "Panier Ramadan Ait Ourir", second_day, [kit])
    with_ids = {h.head_name: h.id for h in _all_households(served)}
    for name in ("Famille Tah 0", "Famille Oz 1"):  # already served at the first event
        ds.record_distribution(served, "Panier Ramadan Ait Ourir", with_ids[name], served_at=_at(second_day, 10))

    report = build_report(served, ReportScope(event="Panier Ramadan", more_events=("Panier Ramadan Ait Ourir",)))

    assert report.totals.families == 9  # the two families served at both events count once
    assert report.totals.receipts == 12
    assert [(e.name, e.families) for e in report.served_by_event] == [
        ("Panier Ramadan", 9),
        ("Panier Ramadan Ait Ourir", 2),
    ]
    assert (report.date_from, report.date_to) == (DAY, second_day)
    assert [(i.event_name, i.given, i.left) for i in report.items] == [
        ("Panier Ramadan", 10, 10),
        ("Panier Ramadan Ait Ourir", 2, 3),
    ]


def _all_households(db):
    from fieldapp.services.households import list_households

    return list_households(db, limit=100)
