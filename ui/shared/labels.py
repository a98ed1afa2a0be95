"""Words of the window: Qt's %1 placeholders filled, the core's codes (vulnerability flags) named in the window's
language for every page, a sentence kept right-to-left in an Arabic window."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from fieldapp import i18n
from fieldapp.i18n import RIGHT_TO_LEFT_MARK


def fill(template: str, *values: object) -> str:
    """Qt's %1, %2… placeholders filled in one pass (a value that itself holds "%2" stays as it is)."""

    def value(match: re.Match) -> str:
        number = int(match.group(1))
        return str(values[number - 1]) if 0 < number <= len(values) else match.group(0)

    return re.sub(r"%(\d)", value, template)


def paragraph(text: str) -> str:
    """A sentence that starts with a Latin name still reads right-to-left in an Arabic window (right-to-left mark):
    Qt takes a paragraph's direction from its first letter."""
    if text and QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        return RIGHT_TO_LEFT_MARK + text
    return text


def flag_labels() -> dict[str, str]:
    """Vulnerability flags in the window's language, in the order of the core: the same words as on paper."""
    from fieldapp.models import VULNERABILITY_FLAGS  # not at start-up: the desk shows before SQLAlchemy loads

    return {flag: i18n.flag_name(flag) for flag in VULNERABILITY_FLAGS}


def flag_label(flag: str) -> str:
    return flag_labels().get(flag, flag)
