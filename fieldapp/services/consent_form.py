"""The consent form printed for a family to read and sign: the current text version, in French and Arabic."""

from __future__ import annotations

import os
from pathlib import Path

from fieldapp import i18n, settings
from fieldapp.consent import CONSENT_VERSION, PRINTED_LANGUAGES
from fieldapp.db import Database
from fieldapp.errors import BadData
from fieldapp.files import atomic_path
from fieldapp.permissions import Action


def write_consent_form(db: Database, path: str | os.PathLike, language: str | None = None) -> Path:
    """One page at `path`: A5 in `language` alone, or A4 with French then Arabic when no language is given."""
    from fieldapp.printing.consent_form import ConsentDocument, render_consent

    db.require(Action.PRINT)
    if language is not None and language not in i18n.LANGUAGES:
        raise BadData("error.language_unknown", language=language, choices=", ".join(i18n.LANGUAGES))
    with db.read() as session:
        association = settings.get(session, "association_name") or ""
    languages = (language,) if language else PRINTED_LANGUAGES
    with atomic_path(path) as temp:
        render_consent(ConsentDocument(association, CONSENT_VERSION, languages), temp)
    return Path(path)
