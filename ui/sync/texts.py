"""Words of the Sync page and the status bar: how long ago, field names and values of a conflict, error sentences."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QObject

from fieldapp import i18n
from fieldapp.errors import FieldappError
from fieldapp.i18n import left_to_right
from fieldapp.normalize import phone_text
from fieldapp.timefmt import local_text
from ui.shared.labels import fill

translate = QCoreApplication.translate  # lupdate reads translate("SyncTexts", "…") calls with a literal context


class SyncTexts(QObject):
    """Plural sentences: lupdate marks a message plural only in self.tr(…, n) calls (this class's context)."""

    def ago(self, seconds: int) -> str:
        if seconds < 3600:
            return self.tr("%n min ago", "", seconds // 60)
        return self.tr("%n hour(s) ago", "", seconds // 3600)


def ago(moment: dt.datetime | None, now: dt.datetime | None = None) -> str:
    """'just now', '5 min ago', '3 h ago', or the date and time when it was more than a day ago."""
    if moment is None:
        return translate("SyncTexts", "never")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    seconds = ((now or dt.datetime.now(dt.UTC)) - moment).total_seconds()
    if seconds < 60:
        return translate("SyncTexts", "just now")
    if seconds < 86_400:
        return SyncTexts().ago(int(seconds))
    return left_to_right(local_text(moment))


def field_names() -> dict[tuple[str, str], str]:
    """(table, field) → what a person calls the field, for the fields people edit on two laptops."""
    household = {
        "head_name": translate("SyncTexts", "Head of household"),
        "head_name_ar": translate("SyncTexts", "Head of household (Arabic)"),
        "cin": translate("SyncTexts", "CIN"),
        "phone": translate("SyncTexts", "Phone"),
        "province_code": translate("SyncTexts", "Province"),
        "commune_code": translate("SyncTexts", "Commune"),
        "douar": translate("SyncTexts", "Douar / neighbourhood"),
        "size": translate("SyncTexts", "Household size"),
        "flags": translate("SyncTexts", "Vulnerabilities"),
        "consent_at": translate("SyncTexts", "Consent"),
        "consent_by": translate("SyncTexts", "Consent recorded by"),
        "notes": translate("SyncTexts", "Notes"),
        "deleted_at": translate("SyncTexts", "Removed"),
    }
    member = {
        "name": translate("SyncTexts", "Name"),
        "name_ar": translate("SyncTexts", "Name (Arabic)"),
        "sex": translate("SyncTexts", "Sex"),
        "birth_year": translate("SyncTexts", "Birth year"),
        "relation": translate("SyncTexts", "Relation"),
        "deleted_at": translate("SyncTexts", "Removed"),
    }
    names = {("households", k): v for k, v in household.items()}
    names.update({("members", k): v for k, v in member.items()})
    names.update({("volunteers", k): v for k, v in member.items() if k in ("name", "name_ar", "deleted_at")})
    names[("volunteers", "phone")] = household["phone"]
    names[("volunteers", "cin")] = household["cin"]
    return names


def field_name(entity: str, field: str, names: dict[tuple[str, str], str] | None = None) -> str:
    return (names or field_names()).get((entity, field), field)


def field_value(field: str, value: object, flags: dict[str, str] | None = None) -> str:
    """A stored value as a person reads it: '(empty)', vulnerability names, a date, a phone kept left-to-right."""
    if value is None or value == "" or value == []:
        return translate("SyncTexts", "(empty)")
    if isinstance(value, bool):
        return translate("SyncTexts", "yes") if value else translate("SyncTexts", "no")
    if field == "flags" and isinstance(value, list):
        return ", ".join((flags or {}).get(str(code), str(code)) for code in value)
    if field.endswith("_at") and isinstance(value, str):
        try:
            return left_to_right(local_text(dt.datetime.fromisoformat(value)))
        except ValueError:
            return value
    if field == "phone" and isinstance(value, str):
        return left_to_right(phone_text(value))
    if field in ("phone", "cin", "province_code", "commune_code"):
        return left_to_right(str(value))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def review_kind(kind: str) -> str:
    return {
        "double_distribution": translate("SyncTexts", "Served twice for one event"),
        "duplicate_cin": translate("SyncTexts", "One CIN on two households"),
        "refused_change": translate("SyncTexts", "Not taken by HQ"),
    }.get(kind, kind)


def refusal_reason(reason: str) -> str:
    """Why HQ would not store a change of this laptop (sync.protocol.REFUSED_*), as a person reads it."""
    return {
        "reference_data": translate("SyncTexts", "data HQ publishes, not changed here"),
        "missing_parent": translate("SyncTexts", "the household, event or receipt it refers to is not known to HQ"),
        "unknown_record": translate("SyncTexts", "HQ does not know this record"),
        "too_large": translate("SyncTexts", "too large for HQ (shorten its notes)"),
        "bad_value": translate("SyncTexts", "a value the laptops cannot keep"),
        "taken": translate("SyncTexts", "a number another record of the association holds"),
    }.get(reason, reason)


def review_record(record: object) -> str:
    """One receipt of a double distribution (or one household of a shared CIN), with who and when."""
    if isinstance(record, dict) and "reason" in record:  # refused_change: the record and why
        return f"{record.get('label') or record.get('i') or '?'} : {refusal_reason(str(record['reason']))}"
    if isinstance(record, dict):  # duplicate_cin: the two households
        return fill(
            translate("SyncTexts", "%1 (CIN %2, laptop %3)"),
            str(record.get("head_name") or "?"),
            left_to_right(record.get("cin")) or "—",
            left_to_right(record.get("device")) or "?",
        )
    text = fill(
        translate("SyncTexts", "Receipt %1 — laptop %2, %3, handed out by %4"),
        left_to_right(getattr(record, "receipt", None)) or "?",
        left_to_right(getattr(record, "device", None)) or "?",
        left_to_right(local_text(getattr(record, "served_at", None))) or "?",
        getattr(record, "handed_out_by", None) or "?",
    )
    return text + (" " + translate("SyncTexts", "(voided)") if getattr(record, "voided", False) else "")


def error_sentence(
    error: BaseException | str | None,
    hq_url: str | None = None,
    data_dir: str | None = None,
    params: dict | None = None,
) -> str:
    """The translated sentence of a sync error: the error itself, or a message key remembered in the database with
    the details remembered beside it (`params`)."""
    if error is None:
        return ""
    if isinstance(error, FieldappError):
        return error.message()
    if isinstance(error, str):
        text = i18n.t(error, **{"url": hq_url or "HQ", **(params or {})})
        # A key remembered without its details (from before they were kept): no "{status}" shown to people.
        return text.replace("{status}", "").replace("{detail}", "").replace(" ()", "").replace("  ", " ")
    from ui.shell.context import error_text

    return error_text(error, data_dir)  # a bug: the details go to the log, the person reads where


def phase_text(phase: str, done: int, total: int) -> str:
    if phase == "connect":
        return translate("SyncTexts", "Connecting to HQ…")
    if phase == "push":
        return fill(translate("SyncTexts", "Sending changes: %1 of %2"), str(done), str(total))
    if phase == "pull":
        return translate("SyncTexts", "Receiving the other laptops' changes…")
    return translate("SyncTexts", "Finishing…")
