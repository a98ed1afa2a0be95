"""The Reports page: an event's or a period's totals and charts as the report service counts them, the few families
of a commune shown as "< 5", hidden from a volunteer, and saved as a PDF or an Excel file."""

import datetime as dt
import subprocess

import openpyxl
import pytest
from PySide6.QtCore import QDate

from fieldapp.reports.model import ReportScope
from fieldapp.rules import parse_item
from fieldapp.services import accounts, distributions, events, households
from fieldapp.services.reports import build_report
from ui.shell import translations
from ui.shell.app import build_window

WINTER = dt.date(2025, 1, 10)
KHOURIBGA, OUED_ZEM = "05.311.01.07", "05.311.01.09"


@pytest.fixture
def page(qtbot, window):
    window.show_page("reports")
    page = window.page("reports")
    wait_loaded(qtbot, page)
    return page


def wait_loaded(qtbot, page) -> None:
    """The page shows the report of what is chosen now (an answer for an older choice is dropped)."""
    qtbot.waitUntil(lambda: not page.loading and page.ctx.tasks.idle and page.shown is not None)


def totals_shown(page) -> dict[str, str]:
    return {key: label.text().replace("\u202f", "").replace("\xa0", "") for key, label in page.total_values.items()}


def choose_period(qtbot, page, first: dt.date, last: dt.date) -> None:
    page.by_dates.setChecked(True)
    page.date_from.setDate(QDate(first))
    page.date_to.setDate(QDate(last))
    wait_loaded(qtbot, page)


def winter_event(db) -> str:
    """An event of January 2025 where 6 families of Khouribga and 2 of Oued Zem were served."""
    kit = parse_item("KIT:Couverture:2:ar=غطاء")
    event = events.create_event(db, "Hiver 2025", WINTER, [kit], WINTER, "Salle communale", KHOURIBGA).value
    served_at = dt.datetime(2025, 1, 10, 10, 0, tzinfo=dt.UTC)
    for number, commune in enumerate([KHOURIBGA] * 6 + [OUED_ZEM] * 2):
        family = households.HouseholdInput(consent=True, head_name=f"Famille Hiver {number}", commune=commune, size=3)
        household = households.register_household(db, family).value
        distributions.record_distribution(db, event.id, household.id, served_at=served_at)
    return event.id


def test_the_year_shows_the_totals_and_bars_the_report_service_counts(qtbot, page, demo_db):
    choose_period(qtbot, page, dt.date(2026, 1, 1), dt.date(2026, 12, 31))

    report = build_report(demo_db, ReportScope(date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 12, 31)))
    totals = report.totals
    assert totals_shown(page) == {
        "families": str(totals.families),
        "people": str(totals.people),
        "items": str(sum(item.given for item in report.items)),
        "volunteers": str(totals.volunteers),
        "hours": f"{totals.hours:.1f}".replace(".", ","),
        "voided": str(totals.voided),
        "served_twice": str(totals.served_twice_families),
    }
    assert totals.families > 0 and totals.voided == 1  # the demo voids one receipt
    assert page.event_chart.texts() == [(e.name, str(e.families)) for e in report.served_by_event]
    assert [name for name, _ in page.event_chart.texts()] == ["Panier Ramadan 2026", "Recharges internet"]
    shown = dict(page.commune_chart.texts())
    assert sorted(shown) == sorted(p.commune_fr for p in report.places if p.count.families)
    for place in report.places:
        expected = "< 5" if place.count.masked else str(place.count.families)
        assert shown[place.commune_fr] == expected


def test_a_commune_with_fewer_than_five_families_shows_less_than_five(qtbot, page, demo_db):
    event_id = winter_event(demo_db)
    page.refresh()  # the events list, as after the event was created in the window
    qtbot.waitUntil(lambda: page.event.findData(event_id) >= 0)
    page.by_event.setChecked(True)
    page.event.choose(event_id)
    wait_loaded(qtbot, page)

    assert page.commune_chart.texts() == [("Khouribga", "6"), ("Oued Zem", "< 5")]
    assert "Oued Zem: 2" not in page.commune_chart.accessibleDescription()
    assert page.event_chart.texts() == [("Hiver 2025", "8")]
    assert totals_shown(page)["families"] == "8" and totals_shown(page)["people"] == "24"
    assert totals_shown(page)["items"] == "16"


def test_in_arabic_the_communes_are_named_in_arabic(qtbot, page, demo_db, french):
    event_id = winter_event(demo_db)
    page.refresh()
    qtbot.waitUntil(lambda: page.event.findData(event_id) >= 0)
    page.event.choose(event_id)
    wait_loaded(qtbot, page)

    translations.install(french, "ar")

    assert [name for name, _ in page.commune_chart.texts()] == ["خريبكة", "وادي زم"]
    assert page.commune_chart.texts()[1][1] != "2"


def test_a_distribution_recorded_elsewhere_updates_the_totals(qtbot, window, page, demo_db):
    event_id = winter_event(demo_db)
    page.refresh()
    qtbot.waitUntil(lambda: page.event.findData(event_id) >= 0)
    page.event.choose(event_id)
    wait_loaded(qtbot, page)
    family = households.HouseholdInput(consent=True, head_name="Famille Tardive", commune=KHOURIBGA, size=5)
    household = households.register_household(demo_db, family).value

    distributions.record_distribution(
        demo_db, event_id, household.id, served_at=dt.datetime(2025, 1, 10, 15, tzinfo=dt.UTC)
    )
    window.ctx.changes.publish({"distributions"})  # what the desk's operation announces

    qtbot.waitUntil(lambda: totals_shown(page)["families"] == "9")
    assert page.commune_chart.texts()[0] == ("Khouribga", "7")


def test_a_period_ending_before_it_starts_shows_nothing_and_saves_nothing(qtbot, page):
    page.by_dates.setChecked(True)
    page.date_from.setDate(QDate(2026, 6, 1))
    page.date_to.setDate(QDate(2026, 5, 1))
    qtbot.waitUntil(lambda: not page.loading and page.ctx.tasks.idle)

    assert page.shown is None and page.event_chart.texts() == []
    assert set(totals_shown(page).values()) == {"—"}
    assert page.status.text() == "Le premier jour est après le dernier."
    assert not page.pdf_button.isEnabled() and not page.xlsx_button.isEnabled()


def test_a_volunteer_is_not_offered_the_reports(qtbot, french, demo_db, data_dir):
    accounts.add_user(demo_db, "Youssef", "volunteer", "mot-de-passe-benevole")
    db = accounts.login(data_dir, "Youssef", "mot-de-passe-benevole")
    window = build_window(db, str(data_dir))
    qtbot.addWidget(window)
    window.show()

    row = window._names.index("reports")
    assert window.navigation.item(row).isHidden()
    window.show_page("reports")
    assert "reports" not in window.pages and window.stack.currentIndex() != row
    window.close()


def test_the_report_is_saved_as_a_pdf_that_reads_the_totals(qtbot, page, demo_db, tmp_path):
    choose_period(qtbot, page, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    target = tmp_path / "rapport.pdf"

    task = page.save(str(target), "pdf")
    qtbot.waitUntil(lambda: not task.running and "rapport.pdf" in page.status.text(), timeout=20_000)

    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert "Panier Ramadan 2026" in text and "Recharges internet" in text
    assert page.total_values["families"].text() in text
    assert not list(tmp_path.glob(".*"))  # no half-written file left beside it
    assert page.pdf_button.isEnabled()


def test_the_report_is_saved_as_an_excel_workbook(qtbot, page, demo_db, tmp_path):
    event_id = winter_event(demo_db)
    page.refresh()
    qtbot.waitUntil(lambda: page.event.findData(event_id) >= 0)
    page.event.choose(event_id)
    wait_loaded(qtbot, page)
    target = tmp_path / "rapport.xlsx"

    task = page.save(str(target), "xlsx")
    qtbot.waitUntil(lambda: not task.running and "rapport.xlsx" in page.status.text(), timeout=20_000)

    book = openpyxl.load_workbook(target, read_only=True)
    cells = [str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert "Hiver 2025" in cells
    assert sum(1 for c in cells if c.startswith("Famille Hiver")) == 0  # a funder gets no names
    book.close()
