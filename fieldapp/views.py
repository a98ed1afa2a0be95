"""Plain, read-only row objects that services return: safe to hand to the CLI, table models and other threads."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from fieldapp import geo, i18n
from fieldapp.models import Attendance, Distribution, Event, EventItem, Household, Member, Volunteer


class View:
    def as_dict(self) -> dict:
        def plain(value):
            if isinstance(value, dt.datetime | dt.date):
                return value.isoformat()
            if isinstance(value, list | tuple):
                return [plain(v) for v in value]
            if isinstance(value, View):
                return value.as_dict()
            return value

        return {f.name: plain(getattr(self, f.name)) for f in dataclasses.fields(self)}  # type: ignore[arg-type]


@dataclass(frozen=True)
class MemberView(View):
    id: str
    name: str
    name_ar: str | None
    sex: str | None
    birth_year: int | None
    relation: str | None


@dataclass(frozen=True)
class HouseholdView(View):
    id: str
    head_name: str
    head_name_ar: str | None
    cin: str | None
    phone: str | None
    province_code: str
    commune_code: str
    commune: str
    commune_ar: str
    province: str
    douar: str | None
    size: int
    flags: list
    consent_at: dt.datetime | None
    consent_by: str | None
    consent_version: str | None
    anonymised_at: dt.datetime | None
    notes: str | None
    members: list
    created_at: dt.datetime
    updated_at: dt.datetime
    deleted_at: dt.datetime | None

    @property
    def shown_name(self) -> str:
        """The head's name as people see it: a word saying so once retention erased it (law 09-08)."""
        return i18n.t("label.anonymised_name") if self.anonymised_at else self.head_name


@dataclass(frozen=True)
class VolunteerView(View):
    id: str
    name: str
    name_ar: str | None
    phone: str | None
    cin: str | None
    active: bool = True  # False once deactivated: off the roster, not offered for check-in, past shifts kept


@dataclass(frozen=True)
class ItemView(View):
    code: str
    label: str
    label_ar: str | None
    quantity: int
    rule: str
    bands: list | None
    only_flag: str | None
    stock: int | None


@dataclass(frozen=True)
class EventView(View):
    id: str
    name: str
    starts_on: dt.date
    ends_on: dt.date
    site: str | None
    commune_code: str | None
    items: list


@dataclass(frozen=True)
class DistributionView(View):
    id: str
    receipt: str
    event_id: str
    event_name: str
    household_id: str
    household_name: str
    household_name_ar: str | None
    items: list
    collector_name: str | None
    handed_out_by: str | None
    served_at: dt.datetime
    override_reason: str | None
    deviation_reason: str | None
    voided_at: dt.datetime | None
    void_reason: str | None
    device_id: str


@dataclass(frozen=True)
class AttendanceView(View):
    id: str
    volunteer_id: str
    volunteer_name: str
    volunteer_phone: str | None
    event_id: str
    check_in: dt.datetime
    check_out: dt.datetime | None
    hours: float | None


def member_view(m: Member) -> MemberView:
    return MemberView(m.id, m.name, m.name_ar, m.sex, m.birth_year, m.relation)


def household_view(h: Household, members: list[Member] | None = None) -> HouseholdView:
    commune = geo.commune(h.commune_code)
    return HouseholdView(
        id=h.id,
        head_name=h.head_name,
        head_name_ar=h.head_name_ar,
        cin=h.cin,
        phone=h.phone,
        province_code=h.province_code,
        commune_code=h.commune_code,
        commune=commune.name_fr if commune else h.commune_code,
        commune_ar=commune.name_ar if commune else "",
        province=commune.province_fr if commune else h.province_code,
        douar=h.douar,
        size=h.size,
        flags=list(h.flags or []),
        consent_at=h.consent_at,
        consent_by=h.consent_by,
        consent_version=h.consent_version,
        anonymised_at=h.anonymised_at,
        notes=h.notes,
        members=[member_view(m) for m in (members if members is not None else [])],
        created_at=h.created_at,
        updated_at=h.updated_at,
        deleted_at=h.deleted_at,
    )


def volunteer_view(v: Volunteer) -> VolunteerView:
    return VolunteerView(v.id, v.name, v.name_ar, v.phone, v.cin, v.deleted_at is None)


def item_view(i: EventItem) -> ItemView:
    return ItemView(i.code, i.label, i.label_ar, i.quantity, i.rule, i.bands, i.only_flag, i.stock)


def event_view(e: Event, items: list[EventItem]) -> EventView:
    return EventView(e.id, e.name, e.starts_on, e.ends_on, e.site, e.commune_code, [item_view(i) for i in items])


def distribution_view(d: Distribution, event: Event, household: Household) -> DistributionView:
    void = d.void
    return DistributionView(
        id=d.id,
        receipt=d.receipt,
        event_id=d.event_id,
        event_name=event.name,
        household_id=d.household_id,
        household_name=household.head_name,
        household_name_ar=household.head_name_ar,
        items=list(d.items),
        collector_name=d.collector_name,
        handed_out_by=d.handed_out_by,
        served_at=d.served_at,
        override_reason=d.override_reason,
        deviation_reason=d.deviation_reason,
        voided_at=void.voided_at if void else None,
        void_reason=void.reason if void else None,
        device_id=d.device_id,
    )


def attendance_view(a: Attendance, v: Volunteer) -> AttendanceView:
    return AttendanceView(a.id, a.volunteer_id, v.name, v.phone, a.event_id, a.check_in, a.check_out, a.hours)
