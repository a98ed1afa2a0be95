"""Translated messages for the core and the CLI: French by default, Arabic and English; placeholders checked."""

from __future__ import annotations

import json
import os
import string
from functools import cache

from fieldapp.paths import resource_path

LANGUAGES = ("fr", "ar", "en")
DEFAULT_LANGUAGE = "fr"
RIGHT_TO_LEFT = frozenset({"ar"})

# Direction marks. A left-to-right embedding … pop keeps a phone number, a CIN, a date or a receipt number in its order
# inside right-to-left text (a leading "+" next to digits would otherwise resolve right to left); a first-strong
# isolate lets a value of either script (a CIN, an Arabic name) keep its own direction inside a translated message.
LEFT_TO_RIGHT_EMBEDDING, POP_DIRECTIONAL_FORMATTING = "\u202a", "\u202c"
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"
RIGHT_TO_LEFT_MARK = "\u200f"

_current = os.environ.get("FIELDAPP_LANG", DEFAULT_LANGUAGE)


def set_language(language: str | None) -> str:
    """Choose the language of messages; unknown languages fall back to French."""
    global _current
    _current = language if language in LANGUAGES else DEFAULT_LANGUAGE
    return _current


def current_language() -> str:
    return _current if _current in LANGUAGES else DEFAULT_LANGUAGE


def is_right_to_left(language: str | None = None) -> bool:
    return (language or current_language()) in RIGHT_TO_LEFT


def left_to_right(text: str | None) -> str:
    """Phone numbers, CINs, dates and receipt numbers keep their order inside Arabic: +212… not …212+ ('' for none)."""
    return f"{LEFT_TO_RIGHT_EMBEDDING}{text}{POP_DIRECTIONAL_FORMATTING}" if text else ""


def isolated(value: object) -> str:
    """`value` in its own direction inside a message of the other direction (first-strong isolate)."""
    return f"{FIRST_STRONG_ISOLATE}{value}{POP_DIRECTIONAL_ISOLATE}"


@cache
def catalog(language: str) -> dict[str, str]:
    path = resource_path("translations", f"messages.{language}.json")
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def flag_name(flag: str, language: str | None = None) -> str:
    """A vulnerability flag (`widow`, `infant`…) as people say it: one word per language in the window and on paper."""
    found = t(f"flag.{flag}", language)
    return flag if found == f"flag.{flag}" else found


def t(key: str, language: str | None = None, **params: object) -> str:
    """The message for `key` in the language, with its placeholders filled; French, then the key, as fallbacks."""
    language = language or current_language()
    text = catalog(language).get(key) or catalog(DEFAULT_LANGUAGE).get(key) or key
    if language in RIGHT_TO_LEFT and catalog(language).get(key):
        # A Latin value (a CIN, "1-3/1", a receipt number) inside Arabic keeps its own order: first-strong isolate.
        params = {name: isolated(value) for name, value in params.items()}
    try:
        return text.format_map(_KeepMissing(params))
    except (IndexError, ValueError):
        # A broken translation must never hide the message: fall back to French.
        return catalog(DEFAULT_LANGUAGE).get(key, key).format_map(_KeepMissing(params))


class _KeepMissing(dict):
    """A placeholder nobody filled shows as {name} instead of failing the whole message."""

    def __missing__(self, name: str) -> str:
        return "{" + name + "}"
