"""Screenshots of the app as a person sees it: run under Xvfb (xvfb-run), grab the real X screen, French and Arabic.

    xvfb-run -a -s "-screen 0 1100x700x24" .venv/bin/python scripts/screenshots.py docs/screenshots
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from fieldapp import i18n
from fieldapp.db import Database
from ui.app import MainWindow, ensure_ready


def shoot(app: QApplication, db: Database, language: str, query: str, target: Path) -> None:
    i18n.set_language(language)
    rtl = i18n.is_right_to_left(language)
    app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
    window = MainWindow(db, ensure_ready(db))
    window.setGeometry(0, 0, 1100, 700)
    window.show()
    if query:
        window.search.setText(query)

    def grab_and_quit() -> None:
        # Grab the X server's screen (what a person would see), from inside the running event loop.
        app.primaryScreen().grabWindow(0).save(str(target))
        app.quit()

    QTimer.singleShot(1200, grab_and_quit)
    app.exec()
    window.close()
    print(target)


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as data:
        db = Database.open(data)
        ensure_ready(db, demo_households=200)
        shoot(app, db, "fr", "", out / "households-fr.png")
        shoot(app, db, "ar", "محمد", out / "households-ar.png")
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
