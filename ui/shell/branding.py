"""The app's name, version and icon on the QApplication, so every window shows them (scripts/make_icon.py draws it)."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QIcon

from fieldapp import __version__
from fieldapp.paths import resource_path

APP_NAME = "fieldapp"
ICON_FILE = "fieldapp.png"


def display_name() -> str:
    """What window titles end with on Windows and Linux desktops: "fieldapp 0.1.0"."""
    return f"{APP_NAME} {__version__}"


def app_icon() -> QIcon:
    """The icon shipped in resources/icons (an empty icon if the file is missing: never a reason not to start)."""
    icon = QIcon()
    path = resource_path("icons", ICON_FILE)
    if path.exists():
        icon.addFile(str(path))
    return icon


def apply_branding(app: QGuiApplication) -> None:
    """Name, version and window icon for the whole app; call once, right after the QApplication is made."""
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    # Qt appends the display name to every top-level window's title on Windows and X11/Wayland.
    app.setApplicationDisplayName(display_name())
    # Lets Linux desktops match the windows to a fieldapp.desktop entry (docs/install.md).
    app.setDesktopFileName(APP_NAME)
    app.setWindowIcon(app_icon())
