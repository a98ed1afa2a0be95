"""Possible duplicate households on registration: same phone, or a similar name in the same commune (both scripts)."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp.models import Household
from fieldapp.normalize import fold_name, has_arabic, name_key

MAX_MATCHES = 5  # look-alikes named per row: enough to recognise the family, short enough to read
NAME_SIMILARITY = 88  # token_sort_ratio on folded names; Mohamed/Mohammed and محمد/مُحَمَّد fold to equal


@dataclass(frozen=True)
class Candidate:
    id: str
    head_name: str
    head_name_ar: str | None
    cin: str | None
    phone: str | None
    reason: str
    score: int

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def similar(a: str | None, b: str | None) -> int:
    fa, fb = fold_name(a), fold_name(b)
    if not fa or not fb:
        return 0
    return int(fuzz.token_sort_ratio(fa, fb))


def find_candidates(
    session: Session,
    name: str,
    name_ar: str | None,
    phone: str | None,
    commune_code: str,
    exclude_id: str | None = None,
) -> list[Candidate]:
    found: dict[str, Candidate] = {}
    active = Household.deleted_at.is_(None)
    if phone:
        for h in session.scalars(select(Household).where(active, Household.phone == phone)):
            if h.id != exclude_id:
                found[h.id] = Candidate(h.id, h.head_name, h.head_name_ar, h.cin, h.phone, "same_phone", 100)
    rows = session.execute(
        select(Household.id, Household.head_name, Household.head_name_ar, Household.cin, Household.phone).where(
            active, Household.commune_code == commune_code
        )
    )
    for row in rows:
        if row.id == exclude_id or row.id in found:
            continue
        score = max(similar(name, row.head_name), similar(name_ar, row.head_name_ar))
        if score >= NAME_SIMILARITY:
            found[row.id] = Candidate(
                row.id, row.head_name, row.head_name_ar, row.cin, row.phone, "similar_name", score
            )
    return sorted(found.values(), key=lambda c: -c.score)


class RegisterIndex:
    """The registration rule (same phone, or a similar name in the same commune, either script) for thousands of
    rows at once: names are folded once and grouped per commune, each distinct name compared once."""

    def __init__(self) -> None:
        self._phones: dict[str, list[str]] = {}
        self._names: dict[str, dict[str, list[str]]] = {}  # commune → folded name → refs
        # (commune, Arabic?) → its folded names, in a list rapidfuzz reads: a Latin name is never compared with an
        # Arabic one (folding keeps each script, so they could not reach the threshold anyway)
        self._keys: dict[tuple[str, bool], list[str]] = {}

    def add(self, ref: str, name: str | None, name_ar: str | None, phone: str | None, commune_code: str | None) -> None:
        if phone:
            self._phones.setdefault(phone, []).append(ref)
        names = self._names.setdefault(commune_code or "", {})
        for folded in {name_key(name), name_key(name_ar)} - {""}:
            refs = names.get(folded)
            if refs is None:
                names[folded] = refs = []
                self._keys.setdefault((commune_code or "", has_arabic(folded)), []).append(folded)
            refs.append(ref)

    def matches(
        self, name: str | None, name_ar: str | None, phone: str | None, commune_code: str | None, exclude: str = ""
    ) -> list[tuple[str, str]]:
        """(ref, reason) of what was added before that looks like this household, same phone first, at most 5."""
        found: dict[str, str] = {}
        for ref in self._phones.get(phone, []) if phone else []:
            if ref != exclude:
                found.setdefault(ref, "same_phone")
                if len(found) == MAX_MATCHES:
                    return list(found.items())
        names = self._names.get(commune_code or "", {})
        for folded in {name_key(name), name_key(name_ar)} - {""}:
            keys = self._keys.get((commune_code or "", has_arabic(folded)), [])
            similar = process.extract(folded, keys, scorer=fuzz.ratio, score_cutoff=NAME_SIMILARITY, limit=MAX_MATCHES)
            for key, _, _ in similar:
                for ref in names[key]:  # a common name may have hundreds of households: stop at five
                    if ref != exclude:
                        found.setdefault(ref, "similar_name")
                        if len(found) == MAX_MATCHES:
                            return list(found.items())
        return list(found.items())
