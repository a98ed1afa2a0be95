"""Registering, updating, finding and listing households and their members."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fieldapp import geo, search
from fieldapp.consent import CONSENT_VERSION
from fieldapp.db import Database, UnitOfWork
from fieldapp.duplicates import Candidate, find_candidates
from fieldapp.errors import BadData, Notice, Refused
from fieldapp.models import SEXES, VULNERABILITY_FLAGS, Household, Member, utcnow
from fieldapp.normalize import cin_notices, normalize_cin, normalize_phone, phone_notices, western_digits
from fieldapp.permissions import Action
from fieldapp.services import Outcome, cin_reviews, household_query, lookup
from fieldapp.services.household_query import HouseholdQuery
from fieldapp.views import HouseholdView, household_view

MAX_SIZE = 40
_SEX_ALIASES = {"F": "F", "M": "M", "H": "M", "ذ": "M", "أ": "F", "ا": "F"}


@dataclass(frozen=True)
class MemberInput:
    name: str
    name_ar: str | None = None
    sex: str | None = None
    birth_year: int | None = None
    relation: str | None = None

    @classmethod
    def parse(cls, spec: str) -> MemberInput:
        """'NAME;SEX;BIRTH_YEAR;RELATION' (trailing parts optional), as typed on the command line."""
        parts = [p.strip() for p in spec.split(";")]
        parts += [""] * (4 - len(parts))
        name, sex, year, relation = parts[:4]
        year = western_digits(year)
        if not name or len(parts) > 4 or (year and not year.isdigit()):
            raise BadData("error.member_invalid", member=spec)
        return cls(name=name, sex=sex or None, birth_year=int(year) if year else None, relation=relation or None)


@dataclass(frozen=True)
class HouseholdInput:
    """What a form or the command line gives; None means 'not given' (kept as is on update)."""

    head_name: str | None = None
    head_name_ar: str | None = None
    cin: str | None = None
    phone: str | None = None
    commune: str | None = None
    douar: str | None = None
    size: int | None = None
    flags: list[str] | None = None
    consent: bool | None = None
    consent_by: str | None = None
    notes: str | None = None
    members: list[MemberInput] | None = None


# What identifies a family: a volunteer may not change these (fieldapp.permissions.Action.EDIT_IDENTITY).
IDENTITY_FIELDS = frozenset({"head_name", "head_name_ar", "cin", "phone"})


def clean_text(value: str | None) -> str | None:
    """Spaces as a person means them (none at the ends, one between words); None for nothing typed."""
    if value is None:
        return None
    return " ".join(value.split()) or None


def check_member(member: MemberInput) -> MemberInput:
    """A member as stored: sex from F/M or its Arabic or French initial, a birth year that can be true, a name."""
    sex = None
    if member.sex:
        sex = _SEX_ALIASES.get(member.sex.strip().upper()[:1])
        if sex not in SEXES:
            raise BadData("error.member_sex", sex=member.sex)
    year = member.birth_year
    if year is not None and not 1900 <= year <= dt.date.today().year:
        raise BadData("error.member_birth_year", year=year)
    name = clean_text(member.name)
    if not name:
        raise BadData("error.member_invalid", member=member.name)
    return replace(member, name=name, name_ar=clean_text(member.name_ar), sex=sex, relation=clean_text(member.relation))


def validated_fields(
    data: HouseholdInput, current: Household | None, members_checked: bool = False
) -> tuple[dict, list[MemberInput] | None, list[Notice]]:
    """Normalise every given field; raise BadData for what cannot be stored; return warnings alongside.
    `members_checked`: the members are already as `check_member` returns them (an import's rows), not checked twice."""
    values: dict = {}
    notices: list[Notice] = []
    if data.head_name is not None or current is None:
        name = clean_text(data.head_name)
        if not name:
            raise BadData("error.name_required")
        values["head_name"] = name
    if data.head_name_ar is not None:
        values["head_name_ar"] = clean_text(data.head_name_ar)
    if data.cin is not None:
        values["cin"] = normalize_cin(data.cin)
        notices += cin_notices(values["cin"])
    if data.phone is not None:
        values["phone"] = normalize_phone(data.phone)
        notices += phone_notices(values["phone"])
    if data.commune is not None or current is None:
        commune = geo.find_commune(data.commune or "")
        values["commune_code"], values["province_code"] = commune.code, commune.province_code
    if data.douar is not None:
        values["douar"] = clean_text(data.douar)
    if data.flags is not None:
        unknown = [f for f in data.flags if f not in VULNERABILITY_FLAGS]
        if unknown:
            raise BadData("error.flag_unknown", flag=", ".join(unknown), known=", ".join(VULNERABILITY_FLAGS))
        values["flags"] = sorted(set(data.flags))
    if data.notes is not None:
        values["notes"] = data.notes.strip() or None
    members = data.members if members_checked or data.members is None else [check_member(m) for m in data.members]
    # The head plus the listed members is the smallest the household can be; it may be larger (members not listed).
    listed = 1 + len(members if members is not None else (current.members if current is not None else []))
    if data.size is not None:
        if not 1 <= data.size <= MAX_SIZE:
            raise BadData("error.size_invalid", size=data.size, max=MAX_SIZE)
        if data.size < listed:
            raise BadData("error.size_below_members", size=data.size, listed=listed)
        values["size"] = data.size
    elif current is None or listed > current.size:
        values["size"] = listed
    return values, members, notices


def _ensure_cin_free(session: Session, cin: str | None, own_id: str | None) -> None:
    if not cin:
        return
    other = session.scalars(
        select(Household).where(Household.cin == cin, Household.deleted_at.is_(None), Household.id != (own_id or ""))
    ).first()
    if other is not None:
        raise Refused("error.cin_taken", cin=cin, name=other.head_name, id=other.id)


def _duplicate_notices(session: Session, household: Household) -> list[Notice]:
    candidates = find_candidates(
        session, household.head_name, household.head_name_ar, household.phone, household.commune_code, household.id
    )
    if not candidates:
        return []
    names = ", ".join(c.head_name for c in candidates[:5])
    return [
        Notice(
            "warning.possible_duplicates",
            {"count": len(candidates), "names": names},
            tuple(c.as_dict() for c in candidates),
        )
    ]


def consent_fields(uow: UnitOfWork, given: bool, taken_by: str | None) -> dict:
    """Consent given (now, the text version printed today, who took it: as typed, else the desk's operator, else the
    logged-in user) or withdrawn (all three cleared)."""
    if not given:
        return {"consent_at": None, "consent_by": None, "consent_version": None}
    who = clean_text(taken_by) or uow.actor or (uow.account.name if uow.account else None)
    return {"consent_at": utcnow(), "consent_by": who, "consent_version": CONSENT_VERSION}


def record_consent(uow: UnitOfWork, household: Household, given: bool, taken_by: str | None) -> None:
    for key, value in consent_fields(uow, given, taken_by).items():
        setattr(household, key, value)


def _replace_members(uow: UnitOfWork, household: Household, members: list[MemberInput]) -> None:
    now = utcnow()
    with uow.session.no_autoflush:  # the household's pending changes are flushed once, with its members
        old_members = uow.session.scalars(
            select(Member).where(Member.household_id == household.id, Member.deleted_at.is_(None))
        ).all()
    for old in old_members:
        old.deleted_at = now
    for m in members:
        uow.session.add(
            Member(
                household_id=household.id,
                name=m.name,
                name_ar=m.name_ar,
                sex=m.sex,
                birth_year=m.birth_year,
                relation=m.relation,
            )
        )


def _view(session: Session, household: Household) -> HouseholdView:
    members = session.scalars(
        select(Member).where(Member.household_id == household.id, Member.deleted_at.is_(None)).order_by(Member.id)
    ).all()
    return household_view(household, list(members))


def require_consent_choice(data: HouseholdInput) -> None:
    """A new family is registered only once someone said whether its head agreed (law 09-08): consent given (True),
    or not yet (False: registered, and listed among the families without consent until it is collected)."""
    if data.consent is None:
        raise BadData("error.consent_choice_required")


def check_new_household(data: HouseholdInput) -> tuple[dict, list[MemberInput] | None, list[Notice]]:
    """What register_household checks before it writes (no database needed): the fields, then the consent choice; a
    form runs it before looking for look-alikes, so the person hears about a missing field first."""
    checked = validated_fields(data, None)
    require_consent_choice(data)
    return checked


def register_household(db: Database, data: HouseholdInput, actor: str | None = None) -> Outcome[HouseholdView]:
    """A new household with its members; the consent choice required; duplicate CIN refused; possible duplicates come
    back as warnings."""
    db.require(Action.REGISTER)
    values, members, notices = check_new_household(data)
    with db.write(actor) as uow:
        uow.require_identity()
        _ensure_cin_free(uow.session, values.get("cin"), None)
        household = Household(**values)
        if data.consent:
            record_consent(uow, household, True, data.consent_by)
        uow.session.add(household)
        uow.session.flush()
        _replace_members(uow, household, members or [])
        uow.session.flush()
        notices += _duplicate_notices(uow.session, household)
        search.index_household(uow.session.connection(), household.id)
        uow.audit("household.register", "households", household.id)
        view = _view(uow.session, household)
    return Outcome(view, notices, frozenset({"households"}))


def update_household(db: Database, ref: str, data: HouseholdInput, actor: str | None = None) -> Outcome[HouseholdView]:
    """Change the given fields only; members are replaced when a member list is given."""
    with db.write(actor) as uow:
        household = lookup.household(uow.session, ref)
        notices = apply_update(uow, household, data)
        view = _view(uow.session, household)
    return Outcome(view, notices, frozenset({"households"}))


def apply_update(uow: UnitOfWork, household: Household, data: HouseholdInput, look_alikes: bool = True) -> list[Notice]:
    """One household's update inside the caller's transaction: the rules, the search entry, the audit entry.
    `look_alikes=False` skips the similar-households notices (an import has compared its rows already)."""
    values, members, notices = validated_fields(data, household)
    identity_changed = members is not None or any(
        values[k] != getattr(household, k) for k in IDENTITY_FIELDS & values.keys()
    )
    uow.require(Action.EDIT_IDENTITY if identity_changed else Action.EDIT_HOUSEHOLD)
    if "cin" in values and values["cin"] != household.cin:
        # Only a new CIN is checked: two households that came with one CIN from two laptops (a review item)
        # can still be edited while a person sorts them out.
        _ensure_cin_free(uow.session, values["cin"], household.id)
    before = {k: getattr(household, k) for k in values}
    for key, value in values.items():
        setattr(household, key, value)
    if data.consent is not None:
        record_consent(uow, household, data.consent, data.consent_by)
    if members is not None:
        _replace_members(uow, household, members)
    uow.session.flush()
    if before.get("cin", household.cin) != household.cin:  # items of a shared CIN this change ends are settled
        cin_reviews.reconsider(uow.session.connection(), household.id, before["cin"], household.cin, utcnow())
    if look_alikes and {"head_name", "phone", "commune_code"} & values.keys():
        notices += _duplicate_notices(uow.session, household)
    search.index_household(uow.session.connection(), household.id)
    changed = [k for k in values if before[k] != values[k]]
    uow.audit("household.update", "households", household.id, fields=changed)
    return notices


def delete_household(db: Database, ref: str, reason: str, actor: str | None = None) -> Outcome[HouseholdView]:
    """Soft delete (the row stays for sync and history); a reason is required."""
    db.require(Action.DELETE)
    if not (reason or "").strip():
        raise Refused("error.reason_required")
    with db.write(actor) as uow:
        household = lookup.household(uow.session, ref)
        held_cin, household.deleted_at = household.cin, utcnow()
        uow.session.flush()
        cin_reviews.reconsider(uow.session.connection(), household.id, held_cin, None, household.deleted_at)
        search.index_household(uow.session.connection(), household.id)
        uow.audit("household.delete", "households", household.id, reason=reason.strip())
        view = _view(uow.session, household)
    return Outcome(view, [], frozenset({"households"}))


def get_household(db: Database, ref: str) -> HouseholdView:
    with db.read() as session:
        return _view(session, lookup.household(session, ref))


def possible_duplicates(db: Database, data: HouseholdInput) -> list[Candidate]:
    """Candidates for a form not yet saved, so the desk can open one instead of registering again."""
    with db.read() as session:
        phone = normalize_phone(data.phone) if data.phone else None
        commune = geo.find_commune(data.commune or "") if data.commune else None
        return find_candidates(session, data.head_name or "", data.head_name_ar, phone, commune.code if commune else "")


def list_households(
    db: Database,
    limit: int = 50,
    offset: int = 0,
    commune: str | None = None,
    flag: str | None = None,
    served_at_event: str | None = None,
    not_served_at_event: str | None = None,
    consent: bool | None = None,
) -> list[HouseholdView]:
    """Households by name, with optional filters (commune, vulnerability flag, served or not at an event, consent
    recorded or not: `consent=False` is the register of families whose consent is still to be collected)."""
    return _listed(
        db,
        lambda session: household_query.conditions(
            session,
            commune=commune,
            flag=flag,
            served_at_event=served_at_event,
            not_served_at_event=not_served_at_event,
            consent=consent,
        ),
        limit,
        offset,
    )


def find_households(db: Database, query: HouseholdQuery, limit: int = 50, offset: int = 0) -> list[HouseholdView]:
    """One page of what the Households page shows for `query`: ranked matches for its text, else the filtered list."""
    if query.searching:
        return search_households(db, query.text.strip(), limit=limit, offset=offset)
    return _listed(db, query.conditions, limit, offset)


def _listed(db: Database, where, limit: int, offset: int) -> list[HouseholdView]:
    with db.read() as session:
        query = select(Household).where(*where(session)).order_by(Household.head_name, Household.id)
        return [household_view(h) for h in session.scalars(query.limit(limit).offset(offset))]


def count_households(db: Database) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(Household).where(Household.deleted_at.is_(None)))


def search_households(db: Database, query: str, limit: int = 20, offset: int = 0) -> list[HouseholdView]:
    """Ranked matches for a name (either script, prefix), CIN, phone or receipt number."""
    with db.read() as session:
        ids = search.search_ids(session.connection(), query, limit, offset)
        if not ids:
            return []
        rows = {h.id: h for h in session.scalars(select(Household).where(Household.id.in_(ids)))}
        return [household_view(rows[i]) for i in ids if i in rows]


INPUT_FIELDS = tuple(f.name for f in fields(HouseholdInput))
