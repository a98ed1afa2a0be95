"""The sheets page: a sign-off sheet printed in the background, reconciled from its real QR codes or ticked rows."""

import subprocess

import pytest
from PySide6.QtCore import Qt

from fieldapp import signing
from fieldapp.rules import parse_item
from fieldapp.services import distributions, events, households
from ui.sheets.page import CodeRole


@pytest.fixture
def blankets(demo_db):
    """An event with no commune: every demo household is expected on its sheet, nobody is served yet."""
    return events.create_event(demo_db, "Couvertures d'hiver", "2026-12-01", [parse_item("COUV:Couverture:1")]).value


@pytest.fixture
def page(qtbot, window, blankets):
    window.show_page("sheets")
    page = window.page("sheets")
    qtbot.waitUntil(lambda: page.event.count() == 3)
    page.event.choose(blankets.id)
    qtbot.waitUntil(lambda: page.checklist.count() == 30)
    return page


def pdf_pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def printed(qtbot, page, path, sort="name"):
    task = page.print_signoff(str(path), sort)
    assert task.isVisible() and task.bar.maximum() == 0  # no progress is reported: the bar just moves
    qtbot.waitUntil(lambda: path.exists() and not task.isVisible(), timeout=60_000)
    return path


def row_codes(path, tmp_path) -> list[str]:
    """What a scanner reads on the printed rows: the sheet rendered to images, every QR decoded."""
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(path), str(tmp_path / "page")], check=True)
    images = sorted(str(p) for p in tmp_path.glob("page*.png"))
    decoded = subprocess.run(["zbarimg", "-q", "--raw", *images], capture_output=True, text=True)
    return [line for line in decoded.stdout.splitlines() if line.startswith("FAS1:")]


def scan(qtbot, page, code: str) -> None:
    qtbot.keyClicks(page.scan, code)
    qtbot.keyClick(page.scan, Qt.Key.Key_Return)


def test_the_sign_off_sheet_is_printed_to_a_file_in_the_background(qtbot, page, tmp_path):
    target = printed(qtbot, page, tmp_path / "out" / "emargement.pdf", sort="douar")

    assert pdf_pages(target) >= 1
    assert [p.name for p in target.parent.iterdir()] == ["emargement.pdf"]
    assert "emargement.pdf" in page.print_status.text()


def test_a_cancelled_sign_off_sheet_leaves_no_file_and_an_older_one_untouched(qtbot, page, tmp_path):
    target = tmp_path / "out" / "emargement.pdf"
    target.parent.mkdir()
    target.write_bytes(b"the sheet printed this morning")

    task = page.print_signoff(str(target))
    qtbot.mouseClick(task.cancel_button, Qt.MouseButton.LeftButton)

    assert not task.isVisible()
    qtbot.waitUntil(lambda: not task.running, timeout=60_000)
    assert [p.name for p in target.parent.iterdir()] == ["emargement.pdf"]
    assert target.read_bytes() == b"the sheet printed this morning"
    assert page.print_status.text() == ""


def test_a_signed_sheet_is_reconciled_from_its_scanned_codes_and_ticked_rows(qtbot, page, demo_db, blankets, tmp_path):
    codes = row_codes(printed(qtbot, page, tmp_path / "emargement.pdf"), tmp_path)
    assert len(codes) == 30
    forged = codes[9][:-4] + "AAAA"
    for code in (*codes[:4], codes[0], forged):  # the first one scanned twice by mistake
        scan(qtbot, page, code)
    assert page.scanned.count() == 5 and page.scan.text() == ""
    for code in (codes[4], codes[5], codes[0]):  # ticking a row already scanned counts it once
        page.tick(code)
    assert page.reconcile_button.isEnabled()

    qtbot.mouseClick(page.reconcile_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.last_result is not None)
    result = page.last_result
    assert (len(result.served), len(result.already_served), len(result.rejected)) == (6, 0, 1)
    assert result.rejected[0].key == "error.sheet_code_forged" and page.result.count() == 7
    served_ids = {d.household_id for d in distributions.list_distributions(demo_db, blankets.id)}
    assert served_ids == {signing.decode(code).value for code in codes[:6]}
    assert page.scanned.count() == 0
    qtbot.waitUntil(lambda: page.ticked_codes() == [] and page.checklist.count() == 30)
    assert sum(not page.checklist.item(i).flags() & Qt.ItemFlag.ItemIsUserCheckable for i in range(30)) == 6

    scan(qtbot, page, codes[2])  # the same sheet scanned again the next day
    qtbot.mouseClick(page.reconcile_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: page.last_result is not result)
    assert (len(page.last_result.served), len(page.last_result.already_served)) == (0, 1)
    assert len(distributions.list_distributions(demo_db, blankets.id)) == 6


def test_the_checklist_finds_a_row_by_name_and_ticking_it_is_enough(qtbot, page, demo_db, blankets):
    item = page.checklist.item(7)
    household = households.get_household(demo_db, signing.decode(item.data(CodeRole)).value)

    page.filter.setText(household.head_name.split()[-1])  # names may hold letters QTest cannot type (ï, é)

    assert not item.isHidden()
    assert sum(page.checklist.item(i).isHidden() for i in range(30)) > 0
    item.setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(page.reconcile_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_result is not None)
    [served] = page.last_result.served
    assert served.household_id == household.id
