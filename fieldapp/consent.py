"""The consent text a family agrees to (law 09-08): its version, kept with each household, and its paragraphs."""

from __future__ import annotations

from fieldapp import i18n

# Bump when any paragraph below changes meaning: households keep the version they agreed to (consent_version).
CONSENT_VERSION = "2026-12"
# The longest time the text promises identities are kept after the last aid; `fieldapp retention` erases them sooner
# when run with fewer months.
KEPT_AT_MOST_MONTHS = 24
# The paragraphs, in order: what is kept, why, who sees it, how long, the family's rights, whom to ask.
PARAGRAPH_KEYS = (
    "consent.what",
    "consent.why",
    "consent.who",
    "consent.how_long",
    "consent.rights",
    "consent.contact",
)
PRINTED_LANGUAGES = ("fr", "ar")  # the printed form shows both unless one language is asked for


def consent_paragraphs(association: str, language: str) -> list[str]:
    """The text of version CONSENT_VERSION in `language`, one string per paragraph."""
    return [i18n.t(key, language, association=association, months=KEPT_AT_MOST_MONTHS) for key in PARAGRAPH_KEYS]
