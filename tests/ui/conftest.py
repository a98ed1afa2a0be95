"""Qt tests run offscreen, with the shipped fonts, in French unless a test switches language."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QObject, QUrl, Slot  # noqa: E402
from PySide6.QtGui import QDesktopServices  # noqa: E402

from ui.shell import translations  # noqa: E402
from ui.shell.app import build_window, ensure_ready  # noqa: E402


@pytest.fixture
def french(qapp):
    translations.load_fonts(qapp)
    translations.install(qapp, "fr")
    yield qapp
    translations.install(qapp, "fr")


@pytest.fixture
def demo_db(blank_db):
    """A database after `make app` on a fresh machine: the demo association with 30 households."""
    ensure_ready(blank_db, demo_households=30)
    return blank_db


@pytest.fixture
def window(qtbot, french, demo_db):
    main = build_window(demo_db)
    qtbot.addWidget(main)
    main.show()
    yield main
    main.close()


class Viewer(QObject):
    """Stands in for the PDF viewer: Qt hands it every file URL QDesktopServices.openUrl is asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toLocalFile())


@pytest.fixture
def viewer():
    """Receipts the desk opens are recorded here instead of opening a real PDF viewer."""
    handler = Viewer()
    QDesktopServices.setUrlHandler("file", handler, "open")
    yield handler
    QDesktopServices.unsetUrlHandler("file")
