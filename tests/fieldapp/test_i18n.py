"""Messages in French, Arabic and English: complete catalogs, matching placeholders, every key the code uses."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from fieldapp import i18n
from fieldapp.errors import BadData, Refused

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "fieldapp"
KEY = re.compile(r"^(?:error|warning|cli|label)\.[A-Za-z0-9_.]+$")
KEY_LITERAL = re.compile(r"""["']((?:error|warning|cli|label)\.[A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)["']""")
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
MESSAGE_CLASSES = {"Refused", "BadData", "NotFound", "DatabaseRefused", "FieldappError", "Notice"}


def catalogs() -> dict[str, dict[str, str]]:
    return {language: i18n.catalog(language) for language in i18n.LANGUAGES}


def source_files() -> list[Path]:
    return sorted(SOURCE.rglob("*.py"))


def keys_used_in_source() -> dict[str, list[str]]:
    """Every literal message key in fieldapp/, with where it appears."""
    used: dict[str, list[str]] = {}
    for path in source_files():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for key in KEY_LITERAL.findall(line):
                used.setdefault(key, []).append(f"{path.relative_to(ROOT)}:{number}")
    return used


def message_calls() -> list[tuple[str, str, set[str] | None]]:
    """(where, key, parameter names) for every error/notice/t() built with a literal key; None when **params."""
    calls = []
    for path in source_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            key = node.args[0].value
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if not isinstance(key, str) or not KEY.match(key) or name not in MESSAGE_CLASSES | {"t"}:
                continue
            params: set[str] | None = {k.arg for k in node.keywords if k.arg}
            if any(k.arg is None for k in node.keywords):
                params = None
            if name == "Notice" and len(node.args) > 1:
                mapping = node.args[1]
                literal = isinstance(mapping, ast.Dict) and all(isinstance(k, ast.Constant) for k in mapping.keys)
                params = {k.value for k in mapping.keys} if literal else None
            calls.append((f"{path.relative_to(ROOT)}:{node.lineno}", key, params))
    return calls


def test_the_three_catalogs_exist_and_are_not_empty():
    assert i18n.LANGUAGES == ("fr", "ar", "en")
    for language, catalog in catalogs().items():
        assert len(catalog) > 20, language


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_catalog_has_the_same_keys_as_french(language):
    french, other = set(i18n.catalog("fr")), set(i18n.catalog(language))

    assert sorted(french - other) == [], f"missing in {language}"
    assert sorted(other - french) == [], f"only in {language}"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_message_has_the_same_placeholders_as_french(language):
    french, other = i18n.catalog("fr"), i18n.catalog(language)

    different = {
        key: (sorted(i18n.placeholders(french[key])), sorted(i18n.placeholders(other[key])))
        for key in french.keys() & other.keys()
        if i18n.placeholders(french[key]) != i18n.placeholders(other[key])
    }
    assert different == {}


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_every_message_can_be_filled_with_its_placeholders(language):
    broken = {}
    for key, text in i18n.catalog(language).items():
        try:
            text.format(**{name: "X" for name in i18n.placeholders(text)})
        except (KeyError, IndexError, ValueError) as error:
            broken[key] = repr(error)
    assert broken == {}


def test_every_message_key_used_in_the_code_exists_in_french():
    french = i18n.catalog("fr")
    used = keys_used_in_source()
    assert len(used) > 20  # the scan finds the keys at all

    missing = {key: where for key, where in used.items() if key not in french}
    assert missing == {}


def test_every_placeholder_of_a_message_is_given_where_the_code_raises_it():
    """A missing parameter would make the message itself fail to show."""
    french = i18n.catalog("fr")
    calls = message_calls()
    assert len(calls) > 20

    unfilled = {
        where: (key, sorted(i18n.placeholders(french[key]) - params))
        for where, key, params in calls
        if params is not None and key in french and i18n.placeholders(french[key]) - params
    }
    assert unfilled == {}


def test_arabic_messages_are_written_in_arabic():
    not_arabic = {key: text for key, text in i18n.catalog("ar").items() if not ARABIC_LETTER.search(text)}

    assert not_arabic == {}


def test_french_and_english_messages_are_not_left_in_arabic():
    for language in ("fr", "en"):
        in_arabic = [key for key, text in i18n.catalog(language).items() if ARABIC_LETTER.search(text)]
        assert in_arabic == [], language


def test_english_is_translated_not_copied_from_french():
    french, english = i18n.catalog("fr"), i18n.catalog("en")
    long_messages = [key for key, text in french.items() if len(text) > 40]

    copied = [key for key in long_messages if english[key] == french[key]]
    assert copied == []


def test_an_error_is_shown_in_the_chosen_language_with_its_values():
    refused = Refused("error.cin_taken", cin="AB123456", name="Fatima Benali", id="01a2")

    for language in i18n.LANGUAGES:
        message = refused.message(language)
        assert "AB123456" in message and "Fatima Benali" in message
        assert "{" not in message
    assert ARABIC_LETTER.search(refused.message("ar"))
    assert refused.message("fr") != refused.message("en")


def test_the_current_language_is_used_when_none_is_given():
    error = BadData("error.phone_invalid", phone="123")

    i18n.set_language("ar")
    assert ARABIC_LETTER.search(str(error))
    i18n.set_language("en")
    english = str(error)
    i18n.set_language("fr")
    assert str(error) != english and "123" in english


def test_an_unknown_language_falls_back_to_french():
    assert i18n.set_language("de") == "fr"
    assert i18n.t("error.household_not_found", ref="X1") == i18n.catalog("fr")["error.household_not_found"].format(
        ref="X1"
    )


def test_arabic_is_right_to_left_and_the_others_are_not():
    assert i18n.is_right_to_left("ar")
    assert not i18n.is_right_to_left("fr") and not i18n.is_right_to_left("en")


def test_a_phone_or_cin_is_embedded_left_to_right_and_no_text_stays_empty():
    assert i18n.left_to_right("+212661000000") == "\u202a+212661000000\u202c"
    assert i18n.left_to_right(None) == "" and i18n.left_to_right("") == ""


def test_in_arabic_the_values_of_a_message_are_isolated_in_their_own_direction():
    message = i18n.t("error.cin_taken", "ar", cin="AB123456", name="Fatima Benali", id="01a2")
    assert i18n.isolated("AB123456") == "\u2068AB123456\u2069" and i18n.isolated("AB123456") in message
    assert "\u2068" not in i18n.t("error.cin_taken", "fr", cin="AB123456", name="Fatima Benali", id="01a2")
