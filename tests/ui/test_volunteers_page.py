"""The volunteers page: one click to check in, one to check out (hours shown), adding a volunteer, attendance sheet."""

import datetime as dt
import subprocess

import pytest
from PySide6.QtCore import Qt

from fieldapp.rules import parse_item
from fieldapp.services import events, volunteers
from fieldapp.services.sheets import hours_text
from ui.shell import translations
from ui.volunteers.roster_model import RosterModel


@pytest.fixture
def page(qtbot, window):
    window.show_page("volunteers")
    page = window.page("volunteers")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.event.event_id() is not None)
    return page


def row_of(page, volunteer_id):
    return page.model.rows[page.model.row_of(volunteer_id)]


def pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_a_volunteer_is_checked_in_then_out_with_one_click_each_and_the_hours_are_shown(qtbot, page, demo_db):
    absent = next(r for r in page.model.rows if not r.on_site and r.hours is None)
    page.select_volunteer(absent.volunteer.id)
    assert page.check_in_button.isEnabled() and not page.check_out_button.isEnabled()

    qtbot.mouseClick(page.check_in_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: row_of(page, absent.volunteer.id).on_site)
    assert page.selected().volunteer.id == absent.volunteer.id  # the selection survives the reload
    assert page.check_out_button.isEnabled() and not page.check_in_button.isEnabled()
    [shift] = [
        a for a in volunteers.list_attendance(demo_db, page.event.event_id()) if a.volunteer_id == absent.volunteer.id
    ]
    assert shift.check_out is None

    qtbot.mouseClick(page.check_out_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not row_of(page, absent.volunteer.id).on_site)
    row = page.model.row_of(absent.volunteer.id)
    assert row_of(page, absent.volunteer.id).hours is not None
    assert page.model.data(page.model.index(row, RosterModel.HOURS)) == hours_text(
        0.0
    )  # the sheet's way of writing hours
    assert page.check_in_button.isEnabled()
    [shift] = [
        a for a in volunteers.list_attendance(demo_db, page.event.event_id()) if a.volunteer_id == absent.volunteer.id
    ]
    assert shift.check_out is not None


def test_the_roster_shows_who_is_on_site_and_the_hours_of_each_event(qtbot, page, demo_db):
    for index in range(page.event.count()):
        page.event.setCurrentIndex(index)
        event_id = page.event.event_id()
        shifts = volunteers.list_attendance(demo_db, event_id)
        qtbot.waitUntil(lambda: sum(r.on_site for r in page.model.rows) == sum(s.check_out is None for s in shifts))  # noqa: B023
        worked = {s.volunteer_id: s.hours for s in shifts if s.hours is not None}
        assert {r.volunteer.id: r.hours for r in page.model.rows if r.hours is not None} == worked
    assert page.model.data(page.model.index(0, 0), RosterModel.RowRole) == page.model.rows[0]


def test_a_new_volunteer_is_added_and_refusals_stay_in_the_form_with_what_was_typed(qtbot, page, demo_db):
    before = len(volunteers.list_volunteers(demo_db))
    qtbot.keyClicks(page.name, "Youssef Amrani")
    qtbot.keyClicks(page.phone, "12")
    qtbot.keyClick(page.phone, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: page.form_message.text() != "")
    assert page.name.text() == "Youssef Amrani" and page.phone.text() == "12"
    assert len(volunteers.list_volunteers(demo_db)) == before

    page.phone.clear()
    qtbot.keyClicks(page.phone, "0612345678")
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.model.rowCount() == before + 1)
    added = next(v for v in volunteers.list_volunteers(demo_db) if v.name == "Youssef Amrani")
    assert added.phone == "+212612345678"
    assert page.name.text() == "" and page.phone.text() == ""
    qtbot.waitUntil(lambda: page.selected() is not None and page.selected().volunteer.id == added.id)


def test_the_attendance_sheet_is_written_in_the_background_with_a_progress_window(qtbot, page, tmp_path):
    target = tmp_path / "sheets" / "presence.pdf"

    task = page.print_attendance(str(target))

    assert task.isVisible() and task.findChild(type(page.print_button), "longTaskCancel").accessibleName()
    qtbot.waitUntil(lambda: target.exists() and not task.isVisible(), timeout=30_000)
    assert pdf_pages(target) >= 1
    assert [p.name for p in target.parent.iterdir()] == ["presence.pdf"]
    assert "presence.pdf" in page.status.text()


def test_a_cancelled_attendance_sheet_leaves_no_file(qtbot, page, tmp_path):
    target = tmp_path / "out" / "presence.pdf"

    task = page.print_attendance(str(target))
    qtbot.keyClick(task, Qt.Key.Key_Escape)

    assert not task.isVisible() and task.was_cancelled
    qtbot.waitUntil(lambda: not task.running, timeout=30_000)
    assert list(target.parent.iterdir()) == []  # neither the sheet nor a part of it


def test_in_arabic_the_right_to_left_roster_still_checks_in_with_one_click(qtbot, window, french, demo_db):
    translations.install(french, "ar")
    window.show_page("volunteers")
    page = window.page("volunteers")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0 and page.layoutDirection() == Qt.LayoutDirection.RightToLeft)
    absent = next(r for r in page.model.rows if not r.on_site)

    page.select_volunteer(absent.volunteer.id)  # QTableView.selectRow() would select nothing right to left
    qtbot.mouseClick(page.check_in_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: row_of(page, absent.volunteer.id).on_site)


def test_the_roster_model_adds_up_the_shifts_of_an_event_without_a_view(db):
    ramadan = events.create_event(db, "Ramadan", "2026-02-14", [parse_item("KIT:Panier:1")]).value
    other = events.create_event(db, "Hiver", "2026-12-01", [parse_item("COUV:Couverture:1")]).value
    hassan = volunteers.register_volunteer(db, "Hassan Idrissi", "حسن الإدريسي", "0661000000").value
    amina = volunteers.register_volunteer(db, "Amina Alaoui").value
    morning = dt.datetime(2026, 2, 14, 8, 0, tzinfo=dt.UTC)
    volunteers.check_in(db, hassan.id, ramadan.id, at=morning)
    volunteers.check_out(db, hassan.id, ramadan.id, at=morning + dt.timedelta(hours=3))
    volunteers.check_in(db, hassan.id, ramadan.id, at=morning + dt.timedelta(hours=4))
    volunteers.check_out(db, hassan.id, ramadan.id, at=morning + dt.timedelta(hours=5, minutes=30))
    volunteers.check_in(db, amina.id, ramadan.id, at=morning)
    volunteers.check_in(db, amina.id, other.id, at=morning)

    model = RosterModel()
    model.set_rows(volunteers.roster(db, ramadan.id))

    assert model.rowCount() == 2 and model.columnCount() == 5
    amina_row, hassan_row = model.rows
    assert (amina_row.on_site, amina_row.hours) == (True, None)
    assert (hassan_row.on_site, hassan_row.left, hassan_row.hours) == (False, morning + dt.timedelta(hours=5.5), 4.5)
    assert model.data(model.index(1, RosterModel.HOURS)) == hours_text(4.5)
    assert (
        model.data(model.index(1, RosterModel.PHONE)) == "\u202a06 61 00 00 00\u202c"
    )  # as people write it, left to right inside Arabic text
    assert [r.hours for r in volunteers.roster(db, None)] == [None, None]
