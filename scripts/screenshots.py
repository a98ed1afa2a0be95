"""Screenshots as a person sees them: every page of the app in French and Arabic under Xvfb, and the paper.

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python scripts/screenshots.py docs/screenshots

The app runs on a real X server (QT_QPA_PLATFORM=xcb) and the screen is grabbed from it; receipts and sheets are
real PDFs rendered to PNG with pdftoppm. Waiting is done in Qt event loops, never with processEvents() in a loop.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtCore import QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from fieldapp.db import Database  # noqa: E402
from fieldapp.services import distributions, events, households, receipts, sheets  # noqa: E402
from ui import translations  # noqa: E402
from ui.app import build_window, ensure_ready  # noqa: E402
from ui.main_window import PAGES  # noqa: E402

WIDTH, HEIGHT = 1280, 800


def settle(ms: int = 700) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def grab(app: QApplication, target: Path) -> None:
    app.primaryScreen().grabWindow(0, 0, 0, WIDTH, HEIGHT).save(str(target))
    print(target)


def app_pages(app: QApplication, db: Database, out: Path) -> None:
    for language in ("fr", "ar"):
        translations.install(app, language)
        window = build_window(db)
        window.setGeometry(0, 0, WIDTH, HEIGHT)
        window.show()
        settle(900)
        desk_event = window.page("desk").event_combo.currentData()
        served = distributions.list_distributions(db, desk_event, limit=1)[0]
        waiting = households.list_households(db, limit=1, not_served_at_event=desk_event)[0]
        for name, _ in PAGES:
            window.show_page(name)
            settle(600)
            if name == "desk":  # a family found at the desk: entitlement shown, ready to confirm
                desk = window.page("desk")
                desk.input.setText(waiting.cin or waiting.head_name)
                desk.input.returnPressed.emit()
                settle(900)
            grab(app, out / f"{name}-{language}.png")
        desk = window.page("desk")
        desk.input.setText(served.receipt)  # a family already served: the desk says so
        desk.input.returnPressed.emit()
        window.show_page("desk")
        settle(900)
        grab(app, out / f"desk-already-served-{language}.png")
        window.close()
        settle(200)


def paper(db: Database, out: Path, work: Path) -> None:
    served = distributions.list_distributions(db, limit=1)[0]
    for fmt in receipts.RECEIPT_FORMATS:
        pdf = receipts.write_receipt(db, served.receipt, work / f"receipt-{fmt}.pdf", fmt)
        _render(pdf, out / f"receipt-{fmt}", 80)
    event = events.list_events(db)[-1]
    _render(sheets.write_signoff_sheet(db, event.id, work / "sheet.pdf").path, out / "signoff-sheet", 60)
    _render(sheets.write_attendance_sheet(db, event.id, work / "attendance.pdf").path, out / "attendance-sheet", 60)


def _render(pdf: Path, stem: Path, dpi: int) -> None:
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(stem)], check=True
    )
    print(f"{stem}.png")


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    translations.load_fonts(app)
    with tempfile.TemporaryDirectory() as data:
        db = Database.open(data)
        ensure_ready(db, demo_households=200)
        app_pages(app, db, out)
        paper(db, out, Path(data))
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
