"""Reprinting a receipt from the window, from the desk's last hand-outs and from a family's history: a real PDF
marked DUPLICATA with the same receipt number, its QR code still verifying, the reprint in the audit trail; in
French and in Arabic."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import unicodedata

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from fieldapp.rules import parse_item
from fieldapp.services import audit, distributions, households, receipts
from fieldapp.services.events import create_event
from fieldapp.services.households import HouseholdInput, register_household
from ui.desk.page import DeskPage
from ui.desk.reprint import HandoutsModel
from ui.shell import translations
from ui.shell.change_bus import ChangeBus
from ui.shell.context import AppContext
from ui.shell.tasks import TaskRunner

NAME, NAME_AR, CIN = "Rkia Bennani", "رقية بناني", "EE112233"
BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def run(*args) -> str:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, check=True, timeout=60).stdout


def pdf_text(path) -> str:
    return BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", run("pdftotext", "-layout", path, "-")))


def qr_codes(path, folder) -> list[str]:
    run("pdftoppm", "-r", "200", "-png", path, folder / "page")
    return run("zbarimg", "--raw", "-q", *sorted(folder.glob("page-*.png"))).splitlines()


@pytest.fixture
def today_event(demo_db):
    items = [parse_item("KIT:Panier alimentaire:1:ar=قفة")]
    return create_event(demo_db, "Distribution du jour", dt.date.today(), items, site="Maison des jeunes").value


@pytest.fixture
def handed_out(demo_db, today_event):
    """Two families served today; the one shown last (Rkia) was served last."""
    first = households.list_households(demo_db, limit=1)[0]
    distributions.record_distribution(demo_db, today_event.id, first.id)
    data = HouseholdInput(head_name=NAME, head_name_ar=NAME_AR, cin=CIN, commune="05.311.01.07", size=3, consent=True)
    family = register_household(demo_db, data).value
    return distributions.record_distribution(demo_db, today_event.id, family.id).value


@pytest.fixture
def desk(qtbot, french, demo_db, today_event, handed_out, viewer):
    page = DeskPage(AppContext(db=demo_db, tasks=TaskRunner(), changes=ChangeBus()))
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    page.refresh()
    qtbot.waitUntil(lambda: page.counters.stats is not None and page.counters.stats.event_id == today_event.id)
    yield page
    page.ctx.tasks.close()


def reprint_from_desk(qtbot, desk, receipt: str):
    """Open the last hand-outs, choose `receipt`, press Reprint; the path of the copy written."""
    assert desk.reprint_button.isEnabled()
    qtbot.mouseClick(desk.reprint_button, Qt.MouseButton.LeftButton)
    dialog = desk._reprint
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.model.rowCount() >= 2)
    dialog.select_receipt(receipt)
    with qtbot.waitSignal(dialog.printer.ready, timeout=20_000) as written:
        qtbot.mouseClick(dialog.reprint_button, Qt.MouseButton.LeftButton)
    return dialog, written.args[0]


def reprints_in_trail(db, receipt: str) -> int:
    return sum(1 for e in audit.show(db) if e.action == "receipt.reprint" and e.detail.get("receipt") == receipt)


def test_the_desks_last_hand_out_is_reprinted_marked_duplicata_and_its_qr_still_verifies(
    qtbot, desk, demo_db, handed_out, viewer, tmp_path
):
    dialog, path = reprint_from_desk(qtbot, desk, handed_out.receipt)

    assert dialog.model.rows[0].receipt == handed_out.receipt  # newest first
    assert path.endswith(f"{handed_out.receipt}-copy.pdf")
    text = pdf_text(path)
    assert "DUPLICATA" in text and "نسخة مكررة" in text and handed_out.receipt in text
    [code] = qr_codes(path, tmp_path)
    assert receipts.verify_receipt(demo_db, code).distribution.receipt == handed_out.receipt
    qtbot.waitUntil(lambda: viewer.opened == [path])
    assert reprints_in_trail(demo_db, handed_out.receipt) == 1
    assert len(distributions.list_distributions(demo_db, handed_out.event_id)) == 2  # no second hand-out


def test_a_cancelled_receipt_is_listed_as_cancelled_and_reprints_marked_cancelled(qtbot, desk, demo_db, handed_out):
    distributions.void_distribution(demo_db, handed_out.receipt, "Erreur de foyer")

    dialog, path = reprint_from_desk(qtbot, desk, handed_out.receipt)

    row = dialog.model.row_of(handed_out.receipt)
    assert dialog.model.data(dialog.model.index(row, HandoutsModel.STATE)) == "Annulé : Erreur de foyer"
    text = pdf_text(path)
    assert "ANNULÉ" in text and "DUPLICATA" in text


def test_in_arabic_the_last_hand_outs_read_right_to_left_and_reprint(qtbot, desk, french, demo_db, handed_out):
    translations.install(french, "ar")
    qtbot.waitUntil(lambda: desk.layoutDirection() == Qt.LayoutDirection.RightToLeft)
    assert desk.reprint_button.text().replace("&", "") == "إعادة طبع وصل…"

    dialog, path = reprint_from_desk(qtbot, desk, handed_out.receipt)

    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert dialog.reprint_button.text().replace("&", "") == "إعادة الطبع"
    assert dialog.model.headerData(0, Qt.Orientation.Horizontal) == "الوصل"
    assert "نسخة مكررة" in pdf_text(path)


def open_history(qtbot, window, family_id):
    from ui.households.history import HistoryDialog

    window.show_page("households")
    page = window.page("households")
    qtbot.waitUntil(lambda: not page.model.loading and page.model.rowCount() > 0)
    page.open_household(family_id)
    qtbot.waitUntil(lambda: page.form is not None and page.form.household is not None)
    qtbot.mouseClick(page.form.history_button, Qt.MouseButton.LeftButton)
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, HistoryDialog))
    qtbot.waitUntil(lambda: dialog.model.rowCount() >= 2)
    return dialog


def reprint_from_history(qtbot, dialog, served_word: str):
    from ui.shared.table_view import select_row

    assert not dialog.reprint_button.isEnabled()  # nothing chosen yet
    served_row = next(n for n, row in enumerate(dialog.model.rows) if dialog.model.cells(row)[3] == served_word)
    select_row(dialog.table, served_row)
    assert dialog.reprint_button.isEnabled()
    with qtbot.waitSignal(dialog.printer.ready, timeout=20_000) as written:
        qtbot.mouseClick(dialog.reprint_button, Qt.MouseButton.LeftButton)
    return written.args[0]


@pytest.mark.parametrize(
    ("language", "served_word", "reprinted_word"),
    [("fr", "Servi", "Reçu réimprimé"), ("ar", "صُرف لها", "أعيد طبع الوصل")],
)
def test_a_receipt_is_reprinted_from_the_familys_history(
    qtbot, window, french, demo_db, handed_out, viewer, language, served_word, reprinted_word
):
    translations.install(french, language)
    dialog = open_history(qtbot, window, handed_out.household_id)
    rows = dialog.model.rowCount()

    path = reprint_from_history(qtbot, dialog, served_word)

    text = pdf_text(path)
    assert "DUPLICATA" in text and handed_out.receipt in text
    qtbot.waitUntil(lambda: dialog.model.rowCount() == rows + 1)
    assert dialog.model.cells(dialog.model.rows[0])[3] == reprinted_word  # the reprint, newest, in the history
    assert reprints_in_trail(demo_db, handed_out.receipt) == 1
    dialog.close()
