"""Names of the core's codes (vulnerability flags) in the window's language: one list for every page; a sentence
kept right-to-left in an Arabic window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication

from fieldapp.i18n import RIGHT_TO_LEFT_MARK


def paragraph(text: str) -> str:
    """A sentence that starts with a Latin name still reads right-to-left in an Arabic window (right-to-left mark):
    Qt takes a paragraph's direction from its first letter."""
    if text and QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        return RIGHT_TO_LEFT_MARK + text
    return text


def flag_labels() -> dict[str, str]:
    """Vulnerability flags in the window's language, in the order of the core."""
    from fieldapp.models import VULNERABILITY_FLAGS  # not at start-up: the desk shows before SQLAlchemy loads

    translate = QCoreApplication.translate
    labels = {
        "widow": translate("HouseholdForm", "Widow"),
        "disability": translate("HouseholdForm", "Disability"),
        "infant": translate("HouseholdForm", "Infant under 2"),
        "pregnant": translate("HouseholdForm", "Pregnant"),
        "elderly": translate("HouseholdForm", "Elderly"),
        "orphan": translate("HouseholdForm", "Orphan"),
        "chronic_illness": translate("HouseholdForm", "Chronic illness"),
        "no_income": translate("HouseholdForm", "No income"),
    }
    return {flag: labels.get(flag, flag) for flag in VULNERABILITY_FLAGS}


def flag_label(flag: str) -> str:
    return flag_labels().get(flag, flag)
