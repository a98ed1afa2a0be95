"""A signed sign-off sheet comes back: each scanned row code or household reference becomes one distribution."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldapp import i18n, settings, signing
from fieldapp.db import Database
from fieldapp.errors import FieldappError, Refused
from fieldapp.models import Event
from fieldapp.permissions import Action
from fieldapp.services import lookup
from fieldapp.services.distributions import record_distribution
from fieldapp.views import DistributionView


@dataclass(frozen=True)
class AlreadyServed:
    """An entry whose household had already been served at the event: reported, never served twice."""

    entry: str
    name: str
    receipt: str

    def as_dict(self) -> dict:
        return {"entry": self.entry, "name": self.name, "receipt": self.receipt}


@dataclass(frozen=True)
class Rejected:
    """An entry that could not be recorded: its text, the message key and the message in the current language."""

    text: str
    key: str
    message: str

    def as_dict(self) -> dict:
        return {"text": self.text, "key": self.key, "message": self.message}


@dataclass
class ReconcileResult:
    served: list[DistributionView] = field(default_factory=list)
    already_served: list[AlreadyServed] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    changed: set[str] = field(default_factory=set)  # what the servings recorded changed (nothing when none was)

    @property
    def complete(self) -> bool:
        """Every entry was served (nothing refused, nothing rejected)."""
        return not self.already_served and not self.rejected

    def as_dict(self) -> dict:
        return {
            "served": [d.as_dict() for d in self.served],
            "already_served": [a.as_dict() for a in self.already_served],
            "rejected": [r.as_dict() for r in self.rejected],
        }


def _rejected(entry: str, key: str, **params: object) -> Rejected:
    return Rejected(entry, key, i18n.t(key, **params))


def _from_code(session: Session, event: Event, entry: str, key: str, association_id: str) -> str | Rejected:
    """The household id of a scanned row code, once it is known to be genuine and from this event's sheet."""
    decoded = signing.decode(entry)
    if decoded is not None and decoded.kind == "receipt":
        return _rejected(entry, "error.sheet_code_receipt")
    if decoded is None:
        return _rejected(entry, "error.sheet_code_unreadable", text=entry)
    if signing.row_is_genuine(key, association_id, event.id, decoded):
        return decoded.value
    others = session.scalars(select(Event).where(Event.id != event.id)).all()
    other = next((e for e in others if signing.row_is_genuine(key, association_id, e.id, decoded)), None)
    if other is not None:
        return _rejected(entry, "error.sheet_code_other_event", event=other.name)
    return _rejected(entry, "error.sheet_code_forged")


class CodeRefused(Refused):
    """A scanned row code that cannot be used, with the reason already worded (it may name another event)."""

    def __init__(self, rejected: Rejected) -> None:
        super().__init__(rejected.key)
        self.text = rejected.message

    def message(self, language: str | None = None) -> str:
        return self.text


def household_for_row_code(db: Database, event_ref: str, code: str) -> str:
    """The household id a scanned sign-off sheet row code names, once it is genuine and from this event's sheet."""
    with db.read() as session:
        event = lookup.event(session, event_ref)
        key, association_id = settings.get(session, "receipt_key"), settings.signing_association_id(session)
        found = (
            _from_code(session, event, code, key, association_id) if key else _rejected(code, "error.sheet_code_forged")
        )
    if isinstance(found, Rejected):
        raise CodeRefused(found)
    return found


def _is_code(entry: str) -> bool:
    prefix = entry.split(":", 1)[0].upper()
    return ":" in entry and prefix in (signing.ROW_PREFIX, signing.RECEIPT_PREFIX)


def _resolve(db: Database, event_ref: str, entries: list[str]) -> tuple[str, list[tuple[str, str | Rejected]]]:
    """The event id, and for each entry the household id it names or why it was rejected (one read transaction)."""
    resolved: list[tuple[str, str | Rejected]] = []
    with db.read() as session:
        event = lookup.event(session, event_ref)
        key, association_id = settings.get(session, "receipt_key"), settings.signing_association_id(session)
        for entry in entries:
            if _is_code(entry):
                if not key:
                    resolved.append((entry, _rejected(entry, "error.sheet_code_forged")))
                else:
                    resolved.append((entry, _from_code(session, event, entry, key, association_id)))
                continue
            try:
                resolved.append((entry, lookup.household(session, entry).id))
            except FieldappError as error:
                resolved.append((entry, Rejected(entry, error.key, error.message())))
        return event.id, resolved


def reconcile(db: Database, event_ref: str, collected: list[str], actor: str | None = None) -> ReconcileResult:
    """Record one distribution per entry (scanned row code FAS1:… or household id, id prefix, CIN).

    Each entry is its own transaction through record_distribution, so one bad entry never stops the others and a
    household already served is refused (and reported) rather than served twice. The same household named twice in
    `collected` (the same code scanned twice, or its code and its CIN) counts once.
    """
    db.require(Action.SERVE)
    entries = list(dict.fromkeys(e.strip() for e in collected if e and e.strip()))
    event_id, resolved = _resolve(db, event_ref, entries)
    result = ReconcileResult()
    seen: set[str] = set()
    for entry, target in resolved:
        if isinstance(target, Rejected):
            result.rejected.append(target)
            continue
        if target in seen:
            continue
        seen.add(target)
        try:
            outcome = record_distribution(db, event_id, target, actor=actor)
            result.served.append(outcome.value)
            result.changed |= outcome.changed
        except FieldappError as error:
            if error.key == "error.already_served":
                result.already_served.append(
                    AlreadyServed(entry, str(error.params.get("name")), str(error.params.get("receipt")))
                )
            else:
                result.rejected.append(Rejected(entry, error.key, error.message()))
    return result
