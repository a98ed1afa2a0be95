"""Household cards in the window: the desk serves a family from its scanned card (Enter, then F9) in French and Arabic,
and the household page writes the cards of the selected families, or of every one not yet carded, as a PDF."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from test_desk_page import card_shows, find, open_desk, press_confirm, served

from fieldapp.rules import parse_item
from fieldapp.services import cards, households
from fieldapp.services.events import create_event
from fieldapp.services.households import HouseholdInput, register_household
from ui.shell import translations

NAME, NAME_AR, CIN = "Rachida Bennani", "رشيدة بناني", "WA123987"


@pytest.fixture
def today_event(demo_db):
    items = [parse_item("KIT:Panier alimentaire:1:stock=40:ar=قفة")]
    return create_event(demo_db, "Distribution du jour", dt.date.today(), items).value


@pytest.fixture
def family(demo_db):
    data = HouseholdInput(head_name=NAME, head_name_ar=NAME_AR, cin=CIN, commune="05.311.01.07", size=4, consent=True)
    return register_household(demo_db, data).value


def scanned(path: Path) -> list[str]:
    """What a scanner reads from the printed cards: the PDF rendered at 200 dpi, its QR codes decoded by zbarimg."""
    prefix = path.parent / path.stem
    subprocess.run(["pdftoppm", "-r", "200", "-png", str(path), str(prefix)], check=True, timeout=60)
    images = sorted(str(image) for image in path.parent.glob(f"{path.stem}-*.png"))
    decoded = subprocess.run(["zbarimg", "--raw", "-q", *images], capture_output=True, text=True, timeout=60)
    return decoded.stdout.splitlines()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_scanned_card_then_enter_then_f9_serves_the_family(
    qtbot, french, demo_db, today_event, family, viewer, tmp_path, language
):
    cards.write_cards(demo_db, tmp_path / "carte.pdf", [family.id])
    [code] = scanned(tmp_path / "carte.pdf")
    translations.install(french, language)
    desk = open_desk(qtbot, demo_db)
    try:
        find(qtbot, desk, code)  # the scanner types the code and Enter
        card_shows(qtbot, desk, family.id)
        assert desk.card.name_ar_label.text() == NAME_AR and CIN not in desk.card.details_label.text()
        with qtbot.waitSignal(desk.receipt_ready, timeout=20_000):
            press_confirm(qtbot, desk)
        assert len(served(demo_db, today_event.id, family.id)) == 1
        if language == "ar":
            assert desk.layoutDirection() == Qt.LayoutDirection.RightToLeft

        find(qtbot, desk, code[:-1] + ("B" if code[-1] == "A" else "A"))  # a card altered by hand
        qtbot.waitUntil(lambda: desk.card.message.isVisible())
        assert desk.card.preview is None
        assert ("authentique" if language == "fr" else "أصلية") in desk.card.message.text()
    finally:
        desk.ctx.tasks.close()


@pytest.fixture
def page(qtbot, window):
    window.show_page("households")
    shown = window.page("households")
    qtbot.waitUntil(lambda: not shown.model.loading and shown.model.rowCount() > 3)
    return shown


def select_rows(page, rows: list[int]) -> None:
    """Ctrl+click on each row, as a person picks several families."""
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        page.table.selectionModel().select(page.model.index(row, 0), flags)


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_the_page_writes_the_cards_of_the_selected_families_then_of_those_not_yet_carded(
    qtbot, page, demo_db, french, tmp_path, language
):
    translations.install(french, language)
    select_rows(page, [0, 2])
    chosen = page.selected_ids()
    assert len(chosen) == 2
    page.cards._update_actions()
    wanted = "Cartes des 2 foyers sélectionnés" if language == "fr" else "بطاقتا الأسرتين المحددتين"  # Arabic's dual
    assert page.cards.for_selected.isEnabled() and page.cards.for_selected.text() == wanted

    target = tmp_path / "cartes.pdf"
    with qtbot.waitSignal(page.cards.printed, timeout=60_000) as printed:
        page.cards.print_cards(str(target), chosen)

    assert printed.args == [str(target), 2]
    assert sorted(scanned(target)) == sorted(cards.card_code(demo_db, household_id) for household_id in chosen)
    assert target.name in page.cards.status.text()
    total = households.count_households(demo_db)
    assert cards.not_carded_count(demo_db) == total - 2
    qtbot.waitUntil(lambda: page.cards.not_carded == total - 2)  # the menu says how many are left
    if language == "fr":
        assert page.cards.for_not_carded.text() == f"Cartes des {total - 2} foyers qui n'en ont pas encore"

    rest = tmp_path / "reste.pdf"
    with qtbot.waitSignal(page.cards.printed, timeout=60_000) as printed:
        page.cards.print_cards(str(rest), None)
    assert printed.args == [str(rest), total - 2]
    assert cards.not_carded_count(demo_db) == 0
    qtbot.waitUntil(lambda: page.cards.not_carded == 0)
    assert not page.cards.for_not_carded.isEnabled()


def test_a_cancelled_card_pdf_leaves_no_file_and_cards_nobody(qtbot, page, demo_db, tmp_path):
    target = tmp_path / "cartes.pdf"
    task = page.cards.print_cards(str(target), None)
    task.reject()
    qtbot.waitUntil(lambda: not task.running, timeout=60_000)
    page.ctx.tasks.wait()
    assert not target.exists() and cards.not_carded_count(demo_db) == households.count_households(demo_db)


def test_a_familys_history_says_its_card_was_printed(qtbot, page, demo_db, family, tmp_path):
    from ui.households.history import HistoryDialog

    with qtbot.waitSignal(page.cards.printed, timeout=60_000):
        page.cards.print_cards(str(tmp_path / "carte.pdf"), [family.id])

    dialog = HistoryDialog(page.ctx, family.id, NAME, page)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 2)
    assert dialog.model.cells(dialog.model.rows[0])[3] == "Carte de foyer imprimée"  # newest first
