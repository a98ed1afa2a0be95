"""PLACEHOLDER (the lead's stand-in until the mapping lands): which column is which field."""

from __future__ import annotations

import json
from collections.abc import Sequence

from fieldapp.normalize import fold_name

FIELDS = ("id", "head_name", "head_name_ar", "cin", "phone", "commune", "douar", "size", "flags", "consent", "notes",
          "members")  # fmt: skip
_WORDS = {"nom": "head_name", "الاسم": "head_name_ar", "cin": "cin", "telephone": "phone", "commune": "commune",
          "douar": "douar", "taille": "size", "vulnerabilites": "flags", "consentement": "consent", "notes": "notes",
          "membres": "members", "id": "id"}  # fmt: skip


def field_label(field: str) -> str:
    return field


def guess_mapping(headers: Sequence[str], saved: dict[str, str] | None = None) -> dict[int, str]:
    found: dict[int, str] = {}
    for index, header in enumerate(headers):
        key = fold_name(header)
        field = (saved or {}).get(key) or _WORDS.get(key)
        if field and field not in found.values():
            found[index] = field
    return found


def mapping_from_file(path, headers: Sequence[str]) -> dict[int, str]:
    with open(path, encoding="utf-8") as f:
        given = json.load(f)
    return {i: given[h] for i, h in enumerate(headers) if h in given}


def remembered(mapping: dict[int, str], headers: Sequence[str]) -> dict[str, str]:
    return {fold_name(headers[i]): field for i, field in mapping.items()}
