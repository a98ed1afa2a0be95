"""Names of the core's codes (vulnerability flags) in the window's language: one list for every page."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from fieldapp.models import VULNERABILITY_FLAGS


def flag_labels() -> dict[str, str]:
    """Vulnerability flags in the window's language, in the order of the core."""
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
