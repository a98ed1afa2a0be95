"""Normalising what people type: CIN, phone numbers, and names in Latin and Arabic script for search and matching."""

from __future__ import annotations

import functools
import re
import unicodedata

import phonenumbers

from fieldapp.errors import BadData, Notice

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_CIN_SHAPE = re.compile(r"^[A-Z]{1,2}[0-9]{3,6}$")

# Arabic: harakat, superscript alef, Quranic marks and tatweel carry no identity for matching.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ى": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ک": "ك",
        "ی": "ي",
        "ڭ": "ك",
        "گ": "ك",
    }
)
_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)
_DOUBLED_LATIN = re.compile(r"([b-df-hj-np-tv-z])\1")


def western_digits(text: str) -> str:
    return text.translate(_DIGITS)


def normalize_cin(raw: str | None) -> str | None:
    """Upper case, no spaces or dashes, Arabic-Indic digits made western; None when empty."""
    if raw is None:
        return None
    cin = re.sub(r"[\s\-_.]", "", western_digits(unicodedata.normalize("NFKC", raw))).upper()
    return cin or None


def cin_notices(cin: str | None) -> list[Notice]:
    """A warning, never a block, when a CIN does not have the usual shape (1-2 letters then digits)."""
    if cin and not _CIN_SHAPE.match(cin):
        return [Notice("warning.cin_shape", {"cin": cin})]
    return []


def phone_text(e164: str | None) -> str | None:
    """+212612345678 → '06 12 34 56 78', as people write it (lists, paper, the CLI's text); foreign numbers in
    international form. The data and the CLI's JSON keep E.164."""
    if not e164:
        return None
    try:
        number = phonenumbers.parse(e164)
    except phonenumbers.NumberParseException:
        return e164
    style = phonenumbers.PhoneNumberFormat
    national = phonenumbers.region_code_for_number(number) == "MA"
    return phonenumbers.format_number(number, style.NATIONAL if national else style.INTERNATIONAL)


def normalize_phone(raw: str | None, region: str = "MA") -> str | None:
    """E.164 (+2126…) or None when empty; BadData when it cannot be a phone number (wrong length, letters).

    A number of the right shape in a range the phone metadata does not list yet is kept (see phone_notices):
    refusing a family's real number at the desk would lose it.
    """
    if raw is None or not raw.strip():
        return None
    e164 = _e164(western_digits(raw.strip()), region)
    if e164 is None:
        raise BadData("error.phone_invalid", phone=raw)
    return e164


# Moroccan numbers as they are almost always written (06 12 34 56 78, 0612-345678, +212 6…, 00212…, 612345678):
# their E.164 form is known without the phone library's general parse (~30 µs each, 50,000 in an import)
_MOROCCAN_SEPARATORS = str.maketrans("", "", " .-\u00a0")
_MOROCCAN_SHAPE = re.compile(r"(?:\+212|00212|0)?([5-7][0-9]{8})")
_MOROCCAN_E164 = re.compile(r"\+212[5-7][0-9]{8}")


@functools.lru_cache(maxsize=1 << 16)  # an import reads each number more than once (its row, then the rules)
def _e164(text: str, region: str) -> str | None:
    if region == "MA" and (usual := _MOROCCAN_SHAPE.fullmatch(text.translate(_MOROCCAN_SEPARATORS))):
        return "+212" + usual.group(1)
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_notices(e164: str | None) -> list[Notice]:
    """A warning, not a block, for a number of the right length in a range not known to be in service."""
    if e164 and not _in_service(e164):
        return [Notice("warning.phone_unusual", {"phone": e164})]
    return []


@functools.lru_cache(maxsize=1 << 16)
def _in_service(e164: str) -> bool:
    if _MOROCCAN_E164.fullmatch(e164):
        return _moroccan_range_in_service(e164[4:9])
    return phonenumbers.is_valid_number(phonenumbers.parse(e164))


@functools.cache
def _moroccan_range_in_service(first_five: str) -> bool:
    """Morocco's ranges in service are told by the first five digits of its 9-digit national numbers (the phone
    library's patterns: mobile 3 digits, fixed 4, VoIP 5, then any digits), so each range is checked once: the same
    answer as the library's for the whole number (tests/fieldapp/test_phone_reading.py checks every range)."""
    number = phonenumbers.PhoneNumber(country_code=212, national_number=int(first_five + "0000"))
    return phonenumbers.is_valid_number(number)


def phone_search_tokens(e164: str | None) -> list[str]:
    """Forms people type: +212612345678 is found as 212612…, 0612… and 612…."""
    if not e164:
        return []
    digits = e164.lstrip("+")
    tokens = [digits]
    if digits.startswith("212"):
        national = digits[3:]
        tokens += ["0" + national, national]
    return tokens


def fold_arabic(text: str) -> str:
    """Arabic spelling variants made equal: alef forms, ta marbuta, alef maqsura, hamza seats, diacritics, tatweel."""
    return _ARABIC_MARKS.sub("", text).translate(_ARABIC_FOLD)


def fold_latin(text: str) -> str:
    """Accents removed, lower case, doubled consonants collapsed (Mohammed → mohamed)."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch) or _is_arabic(ch))
    return _DOUBLED_LATIN.sub(r"\1", stripped.casefold())


def _is_arabic(ch: str) -> bool:
    return "\u0600" <= ch <= "\u06ff"


@functools.lru_cache(maxsize=1 << 17)  # names come back: the register's, a file's rows, search words
def fold_name(text: str | None) -> str:
    """A name reduced to comparable words, whatever the script: used by search and by duplicate matching."""
    if not text:
        return ""
    # NFKC first turns Arabic presentation forms (ﻣﺤﻤﺪ) back into plain letters.
    text = western_digits(unicodedata.normalize("NFKC", text))
    text = fold_latin(fold_arabic(text))
    return " ".join(_NON_WORD.sub(" ", text).split())


@functools.lru_cache(maxsize=1 << 17)  # a register's names come back: a common name, the file's rows
def name_key(name: str | None) -> str:
    """A folded name with its words in order: what duplicate matching compares (token_sort_ratio of two names is the
    ratio of these; HQ's cross-association matching hashes it)."""
    return " ".join(sorted(fold_name(name).split()))


def has_arabic(text: str | None) -> bool:
    return bool(text) and any(_is_arabic(ch) for ch in text)
