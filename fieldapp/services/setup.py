"""First run: the association this laptop works for, its device code, language, and the receipt signing key."""

from __future__ import annotations

import datetime as dt
import re
import secrets
from dataclasses import dataclass

from fieldapp import geo, i18n, preferences, settings
from fieldapp.db import Database
from fieldapp.errors import BadData, Refused
from fieldapp.ids import uuid7
from fieldapp.permissions import Action
from fieldapp.services import Outcome

_DEVICE_CODE = re.compile(r"^[A-Z0-9]{2,12}$")


@dataclass(frozen=True)
class Identity:
    association_id: str
    association_name: str
    device_code: str
    language: str


def normalize_device_code(code: str) -> str:
    """Device codes start every receipt number (CODE-YYYY-NNNNN): 2 to 12 letters or digits, upper case."""
    cleaned = re.sub(r"[\s\-_]", "", code or "").upper()
    if not _DEVICE_CODE.match(cleaned):
        raise BadData("error.device_code_invalid", code=code)
    return cleaned


def initialise(
    db: Database,
    association_name: str,
    device_code: str,
    language: str = "fr",
    operator: str | None = None,
    association_id: str | None = None,
    demo: bool = False,
    hq_url: str | None = None,
    default_commune: str | None = None,
) -> Outcome[Identity]:
    """Set this laptop up once; running it again with the same device only renames the association (and sets the
    default commune when one is given)."""
    db.require(Action.SETTINGS)
    name = " ".join((association_name or "").split())
    if not name:
        raise BadData("error.name_required")
    code = normalize_device_code(device_code)
    commune_code = default_commune_code(default_commune)
    if language not in i18n.LANGUAGES:
        raise BadData("error.setting_choice", key="language", choices=", ".join(i18n.LANGUAGES))
    with db.write(operator) as uow:
        session = uow.session
        existing_code = settings.get(session, "device_code")
        if existing_code and existing_code != code:
            raise Refused("error.already_initialised", code=existing_code)
        assoc_id = settings.get(session, "association_id") or association_id or uuid7()
        settings.put(session, "association_id", assoc_id)
        settings.put(session, "association_name", name)
        settings.put(session, "device_code", code)
        settings.put(session, "language", language)
        settings.put(session, "demo", demo)
        if operator:
            settings.put(session, "operator_name", operator)
        if hq_url and hq_url.strip():
            settings.put(session, "hq_url", hq_url.strip())
        if commune_code:
            settings.put(session, "default_commune", commune_code)
        if not settings.get(session, "receipt_key"):
            settings.put(session, "receipt_key", secrets.token_hex(32))
        uow.audit("setup.initialise", detail_name=name, device=code)
        uow.changed.add("settings")
    db.forget_identity()
    preferences.remember(db.path.parent, language=language)  # for the screens before login
    return Outcome(Identity(assoc_id, name, code, language), [], frozenset({"settings"}))


def default_commune_code(commune: str | None) -> str | None:
    """The HCP code of the commune named or coded as a person typed it (refused as `household add` refuses an unknown
    or ambiguous one); None for nothing typed (no default commune)."""
    text = " ".join((commune or "").split())
    return geo.find_commune(text).code if text else None


def current_identity(db: Database) -> Identity | None:
    with db.read() as session:
        values = settings.all_settings(session)
    if not values["association_id"]:
        return None
    return Identity(values["association_id"], values["association_name"], values["device_code"], values["language"])


def update_setting(db: Database, key: str, value, actor: str | None = None) -> Outcome[dict]:
    return update_settings(db, {key: value}, actor)


def update_settings(db: Database, values: dict, actor: str | None = None) -> Outcome[dict]:
    """Change several settings in one transaction; the identity and the signing key cannot be changed here."""
    _require_for_settings(db, values)
    locked = sorted(set(values) & {"association_id", "device_code", "receipt_key"})
    if locked:
        raise Refused("error.setting_locked", key=", ".join(locked))
    if "association_name" in values and not " ".join(str(values["association_name"] or "").split()):
        raise BadData("error.name_required")
    if "default_commune" in values:
        values = {**values, "default_commune": default_commune_code(values["default_commune"])}
    with db.write(actor) as uow:
        for key, value in values.items():
            settings.put(uow.session, key, value)
        uow.audit("setting.update", detail_keys=sorted(values))
        uow.changed.add("settings")
        result = settings.all_settings(uow.session)
    db.forget_identity()
    if "language" in values:
        preferences.remember(db.path.parent, language=result["language"])  # for the screens before login
    result.pop("receipt_key", None)
    return Outcome(result, [], frozenset({"settings"}))


# Settings anyone logged in may change (their own working language); the sync ones need Action.SYNC_SETTINGS.
PERSONAL_SETTINGS = frozenset({"language"})
SYNC_SETTINGS = frozenset({"hq_url"})


def _require_for_settings(db: Database, values: dict) -> None:
    keys = set(values) - PERSONAL_SETTINGS
    if keys & SYNC_SETTINGS:
        db.require(Action.SYNC_SETTINGS)
    if keys - SYNC_SETTINGS:
        db.require(Action.SETTINGS)


def remember_desk_event(db: Database, event_id: str | None, day: dt.date) -> Outcome[None]:
    """The event the desk shows today, so a restart after a power cut lands on it again: a preference of the desk
    alone, which no page shows (nothing to reload)."""
    with db.write() as uow:
        settings.put(uow.session, "desk_event", event_id)
        settings.put(uow.session, "desk_event_on", day.isoformat())
        uow.audit("setting.update", detail_keys=["desk_event", "desk_event_on"])
    return Outcome(None, [], frozenset())


def current_settings(db: Database) -> dict:
    """Every declared setting with its value (the signing key left out)."""
    with db.read() as session:
        result = settings.all_settings(session)
    result.pop("receipt_key", None)
    return result


DEMO_ASSOCIATION = "Association Al Amal (démo)"
DEMO_DEVICE = "DEMO"


def initialise_demo_if_new(db: Database) -> bool:
    """Set an empty database up as the demo association; returns True when it did."""
    if current_identity(db) is not None:
        return False
    initialise(db, DEMO_ASSOCIATION, DEMO_DEVICE, "fr", demo=True)
    return True
