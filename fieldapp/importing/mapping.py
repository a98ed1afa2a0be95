"""Which column of a households list is which field: guessed from French, Arabic and English headers (misspellings
too), remembered per association, or given as a JSON file; and the XLSX template whose headers map back exactly."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from rapidfuzz import fuzz, process

from fieldapp import i18n
from fieldapp.errors import BadData
from fieldapp.normalize import fold_name

FIELDS: tuple[str, ...] = (
    "id", "head_name", "head_name_ar", "cin", "phone", "commune", "douar", "size", "flags", "consent", "notes",
    "members",
)  # fmt: skip

# How lists name each field, besides the field's own name and its translated labels (fieldapp.i18n "import.field.*").
# Compared folded (case, accents, punctuation, spaces, Arabic letter variants): "N° C.I.N" is "ncin".
VOCABULARY: dict[str, tuple[str, ...]] = {
    "id": ("Identifiant", "ID", "Id ménage", "Identifiant ménage", "Household id", "Code ménage", "المعرف"),
    "head_name": (
        "Nom", "Nom et prénom", "Nom prénom", "Prénom et nom", "Nom du chef de famille", "Nom du chef de ménage",
        "Chef de ménage", "Chef de famille", "Nom complet", "Nom (latin)", "Nom en français", "Bénéficiaire",
        "Nom du bénéficiaire", "Name", "Full name", "Head of household", "Head name", "Household head", "Beneficiary",
        "الاسم بالفرنسية", "الاسم بالحروف اللاتينية",
    ),
    "head_name_ar": (
        "الاسم", "الإسم", "اسم", "الاسم الكامل", "الاسم و النسب", "الاسم والنسب", "الاسم العائلي والشخصي",
        "اسم رب الأسرة", "رب الأسرة", "اسم المستفيد", "المستفيد", "الاسم بالعربية", "Nom en arabe", "Nom arabe",
        "Nom (arabe)", "Arabic name", "Name in Arabic", "Name (Arabic)",
    ),
    "cin": (
        "CIN", "C.I.N", "N° CIN", "Numéro CIN", "Num CIN", "CNIE", "N° CNIE", "Carte nationale",
        "Carte d'identité nationale", "N° carte nationale", "ID card", "National ID", "ID number", "Identity card",
        "البطاقة الوطنية", "رقم البطاقة الوطنية", "رقم البطاقة", "البطاقة الوطنية للتعريف",
        "رقم البطاقة الوطنية للتعريف", "ر.ب.و",
    ),
    "phone": (
        "Téléphone", "Telephone", "Téléfone", "Tel", "Tél", "Tél.", "N° de téléphone", "Numéro de téléphone", "GSM",
        "Portable", "Mobile", "N° Tél", "N° de Tél", "Num Tél", "N° GSM", "Phone", "Phone number", "Telephone number",
        "Contact", "الهاتف", "رقم الهاتف", "الهاتف المحمول", "الهاتف النقال", "هاتف",
    ),
    "commune": (
        "Commune", "Comune", "Collectivité", "Collectivité territoriale", "Municipalité", "Code commune",
        "Municipality", "Municipality code", "الجماعة", "الجماعة الترابية", "جماعة",
    ),
    "douar": (
        "Douar", "Douar / Quartier", "Quartier", "Village", "Hameau", "Lieu", "Localité", "Adresse", "Neighbourhood",
        "Neighborhood", "Address", "الدوار", "الحي", "دوار", "الدوار أو الحي", "العنوان", "القرية",
    ),
    "size": (
        "Taille du ménage", "Taille", "Nombre de personnes", "Nb personnes", "Nbre personnes", "Nombre de membres",
        "Nb membres", "Effectif", "Nombre d'individus", "Household size", "Size", "People", "Number of people",
        "عدد الأفراد", "عدد أفراد الأسرة", "حجم الأسرة", "عدد الأشخاص",
    ),
    "flags": (
        "Vulnérabilité", "Vulnérabilités", "Vulnerabilite", "Situation", "Situation sociale", "Catégorie",
        "Critères", "Type de vulnérabilité", "Critère de vulnérabilité", "Vulnerability", "Vulnerabilities", "Flags",
        "الهشاشة", "الوضعية", "الوضعية الاجتماعية", "الفئة",
    ),
    "consent": ("Consentement", "Consentement donné", "Accord", "Consent", "موافقة", "الموافقة", "موافقة المستفيد"),
    "notes": (
        "Remarques", "Remarque", "Observations", "Observation", "Commentaire", "Commentaires", "Notes", "Note",
        "Comments", "Remarks", "Obs", "ملاحظات", "ملاحظة", "الملاحظات",
    ),
    "members": (
        "Membres", "Membres du ménage", "Membres de la famille", "Composition", "Composition du ménage",
        "Liste des membres", "Members", "Household members", "Family members", "أفراد الأسرة", "الأفراد",
        "أفراد العائلة",
    ),
}  # fmt: skip

FUZZY_CUTOFF = 86  # rapidfuzz ratio (0-100) for a near miss such as "Telphone" or "Vulnerabilte"
_PREFIX_SCORE = 85  # a header that starts with a known name ("Téléphone du chef", "CIN (obligatoire)")
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_PARTS = re.compile(r"\s*(?:/|\||\n)\s*")


def field_label(field: str) -> str:
    """The field's name in the current language ("Nom du chef de famille", "اسم رب الأسرة", ...)."""
    return i18n.t(f"import.field.{field}")


def header_key(header: str | None) -> str:
    """A header reduced to what identifies it: the key of a remembered mapping ("N° C.I.N." → "n c i n")."""
    return fold_name(header)


def _compact(text: str) -> str:
    return header_key(text).replace(" ", "")


@cache
def _names() -> tuple[dict[str, str], dict[str, list[tuple[str, ...]]]]:
    """({compact name: field}, {field: [name as words]}) from the vocabulary, the field names and their labels."""
    exact: dict[str, str] = {}
    words: dict[str, list[tuple[str, ...]]] = {field: [] for field in FIELDS}
    # the vocabulary first: where a label and a list's usual header collide, the usual meaning wins
    labels = [(field, i18n.t(f"import.field.{field}", language)) for field in FIELDS for language in i18n.LANGUAGES]
    named = [(field, name) for field in FIELDS for name in (field, *VOCABULARY[field])]
    for field, name in named + labels:
        folded = header_key(name)
        if folded:
            exact.setdefault(folded.replace(" ", ""), field)
            words[field].append(tuple(folded.split()))
    return exact, words


def _score_part(part: str) -> tuple[float, str] | None:
    """(score, field) of the best field for one part of a header, or None."""
    exact, words = _names()
    folded = header_key(_PARENTHESES.sub(" ", part)) or header_key(part)
    if not folded:
        return None
    compact = folded.replace(" ", "")
    if compact in exact:
        return 100.0, exact[compact]
    header_words = tuple(folded.split())
    best: tuple[float, str] | None = None
    for field, names in words.items():
        for name in names:
            if len(name) < len(header_words) and header_words[: len(name)] == name and len("".join(name)) >= 2:
                score = _PREFIX_SCORE + 10 * len("".join(name)) / len(compact)
                if best is None or score > best[0]:
                    best = (score, field)
    if best is not None:
        return best
    if len(compact) >= 5:
        found = process.extractOne(compact, list(exact), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if found:
            return float(found[1]) - 1, exact[found[0]]
    return None


def _score(header: str | None) -> tuple[float, str] | None:
    """(score, field) of the best field for a header, trying the whole and each part of a bilingual one."""
    if not header or len(header) > 200:
        return None
    parts = [header] + [part for part in _PARTS.split(header) if part and part != header]
    group, dash, sub = header.partition(" - ")
    if dash and _score_part(group) != (100.0, "members"):
        parts.append(sub)  # a sub-header under a group title: "Chef de ménage - CIN"
    scores = [found for found in (_score_part(part) for part in parts) if found]
    return max(scores, key=lambda found: found[0]) if scores else None


def recognised_field(header: str | None) -> str | None:
    """The field a header names, if the vocabulary recognises it (used to find the header row)."""
    found = _score(header)
    return found[1] if found else None


def guess_mapping(headers: Sequence[str], saved: dict[str, str] | None = None) -> dict[int, str]:
    """Column index → field; at most one column per field, unrecognised columns absent. `saved` ({header_key: field},
    from a previous import of this association) wins over guessing; then the best-scored column takes each field."""
    mapping: dict[int, str] = {}
    for index, header in enumerate(headers):
        field = (saved or {}).get(header_key(header))
        if field in FIELDS and field not in mapping.values():
            mapping[index] = field
    candidates = []
    for index, header in enumerate(headers):
        found = None if index in mapping else _score(header)
        if found:
            candidates.append((-found[0], index, found[1]))
    for _, index, field in sorted(candidates):
        if field not in mapping.values() and index not in mapping:
            mapping[index] = field
    return dict(sorted(mapping.items()))


def mapping_from_file(path: str | os.PathLike, headers: Sequence[str]) -> dict[int, str]:
    """The mapping given by a JSON file {"header text": "field"} (headers compared folded; a field of "" or null
    leaves that column out). BadData for an unreadable file, an unknown field, a header not in the list, or two
    columns for one field."""
    path = Path(path)
    try:
        given = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise BadData("import.mapping_unreadable", file=path.name) from None
    if not isinstance(given, dict):
        raise BadData("import.mapping_unreadable", file=path.name)
    columns = {header_key(header): index for index, header in reversed(list(enumerate(headers)))}
    mapping: dict[int, str] = {}
    for header, field in given.items():
        if not field:
            continue
        if field not in FIELDS:
            raise BadData("import.mapping_unknown_field", file=path.name, field=field, fields=", ".join(FIELDS))
        index = columns.get(header_key(header))
        if index is None:
            raise BadData("import.mapping_unknown_header", file=path.name, header=header, headers=" | ".join(headers))
        if field in mapping.values():
            raise BadData("import.mapping_field_twice", file=path.name, field=field)
        mapping[index] = field
    return dict(sorted(mapping.items()))


def remembered(mapping: dict[int, str], headers: Sequence[str]) -> dict[str, str]:
    """What to save for next time: {header_key: field} for each mapped column."""
    return {header_key(headers[index]): field for index, field in mapping.items() if header_key(headers[index])}


def template_header(field: str) -> str:
    """A column's header in the template: French / Arabic ("Nom du chef de famille / اسم رب الأسرة")."""
    return f"{i18n.t(f'import.field.{field}', 'fr')} / {i18n.t(f'import.field.{field}', 'ar')}"


def write_template(path: str | os.PathLike) -> None:
    """The XLSX template: both-script headers, an example row, an instructions sheet in French and Arabic."""
    from fieldapp.importing.template import write_template_file

    write_template_file(Path(path))
