"""Names of the core's codes (vulnerability flags) in the window's language: one list for every page; text kept
left-to-right inside Arabic."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication

# Left-to-right embedding … pop: a leading "+" next to digits would otherwise resolve right-to-left.
LTR_EMBEDDING, POP_DIRECTION = "\u202a", "\u202c"


def left_to_right(text: str | None) -> str | None:
    """Phone numbers and CINs stay left-to-right inside an Arabic (right-to-left) layout: +212… not …212+."""
    return f"{LTR_EMBEDDING}{text}{POP_DIRECTION}" if text else text


def paragraph(text: str) -> str:
    """A sentence that starts with a Latin name still reads right-to-left in an Arabic window (right-to-left mark):
    Qt takes a paragraph's direction from its first letter."""
    if text and QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft:
        return "\u200f" + text
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
