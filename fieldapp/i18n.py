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


@cache
def catalog(language: str) -> dict[str, str]:
    path = resource_path("translations", f"messages.{language}.json")
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def t(key: str, language: str | None = None, **params: object) -> str:
    """The message for `key` in the language, with its placeholders filled; French, then the key, as fallbacks."""
    language = language or current_language()
    text = catalog(language).get(key) or catalog(DEFAULT_LANGUAGE).get(key) or key
    if language in RIGHT_TO_LEFT and catalog(language).get(key):
        # A Latin value (a CIN, "1-3/1", a receipt number) inside Arabic keeps its own order: first-strong isolate.
        params = {name: f"\u2068{value}\u2069" for name, value in params.items()}
    try:
        return text.format_map(_KeepMissing(params))
    except (IndexError, ValueError):
        # A broken translation must never hide the message: fall back to French.
        return catalog(DEFAULT_LANGUAGE).get(key, key).format_map(_KeepMissing(params))


class _KeepMissing(dict):
    """A placeholder nobody filled shows as {name} instead of failing the whole message."""

    def __missing__(self, name: str) -> str:
        return "{" + name + "}"
