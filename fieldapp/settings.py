"""Settings declared once with their types and defaults, stored in the `settings` table."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from fieldapp.errors import BadData
from fieldapp.i18n import DEFAULT_LANGUAGE, LANGUAGES
from fieldapp.models import Setting
from fieldapp.printing import RECEIPT_FORMATS


@dataclass(frozen=True)
class Declared:
    key: str
    type: type
    default: object
    choices: tuple = ()
    secret: bool = False  # never listed by all_settings (read it with get)


# The settings the write clock reads (db.Database.clock), once per transaction unless one of them is put meanwhile
CLOCK_SETTINGS = frozenset({"hq_clock_offset_ms", "sync_clock_floor"})
CLOCK_READ = "clock_read"  # the session.info key of the clock read in the session's transaction

DECLARED = {
    d.key: d
    for d in (
        Declared("association_id", str, None),
        Declared("association_name", str, None),
        Declared("device_code", str, None),
        Declared("language", str, DEFAULT_LANGUAGE, LANGUAGES),
        Declared("receipt_format", str, "a6", RECEIPT_FORMATS),
        Declared("printer", str, None),
        Declared("logo_path", str, None),
        Declared("print_directly", bool, False),
        Declared("operator_name", str, None),
        Declared("hq_url", str, None),
        Declared("receipt_key", str, None),
        Declared("demo", bool, False),
        # The commune a new household starts with (the form pre-fills it, `household add` uses it without --commune):
        # its HCP code, set at set-up (`fieldapp init --commune`) or on the settings page.
        Declared("default_commune", str, None),
        # Which spreadsheet header meant which household field at this association's imports ({folded header: field}).
        Declared("import_mapping", dict, None),
        # The window covers itself with a lock screen after this long without a key or a click (0: never).
        Declared("lock_after_minutes", int, 10),
        # A second folder for the automatic backups (a USB stick), besides the data folder's backups/.
        Declared("backup_folder", str, None),
        # The record's state at the last automatic backup ([journal seq, sync cursor, audit seq]) and its day.
        Declared("auto_backup_mark", list, None),
        Declared("auto_backup_on", str, None),
        # The desk remembers the event chosen today, so a restart after a power cut lands on it again.
        Declared("desk_event", str, None),
        Declared("desk_event_on", str, None),
        # Sync with HQ (fieldapp.services.enrollment, .replication): set by enrollment and by each sync.
        Declared("hq_token", str, None, secret=True),
        Declared("hq_device_id", str, None),
        # HQ's clock minus this laptop's, measured at each hello; stamps use the corrected time beyond 5 s.
        Declared("hq_clock_offset_ms", int, None),
        Declared("sync_cursor", int, 0),  # the last HQ change applied here
        Declared("sync_clock_floor", str, None),  # the newest stamp pulled: the clock never stamps below it
        Declared("sync_last_success", str, None),  # ISO time of the last complete sync
        Declared("sync_last_error", str, None),  # message key of the last failed sync, None after a success
        Declared("sync_last_error_params", dict, None),  # its details (HQ's status, the refusal), for the sentence
        Declared("sync_unreported_settlements", list, ()),  # review items settled here that HQ has not heard of
        # The push batch whose answer has not come back yet ({"from", "to", "sent_ms", "offset_ms"}): when HQ turns
        # out to have it, the laptop asks for that very batch's stored answer (the stamps HQ capped in it).
        Declared("sync_push_in_flight", dict, None),
        # The audit chain's head HQ last acknowledged ({"count", "hash", "at"}): `fieldapp audit verify` checks that
        # the chain still reaches it, so deleting the newest entries is caught (fieldapp.services.audit).
        Declared("audit_head_acked", dict, None),
        # The association id receipts and sheets were signed with before enrollment relabelled the records.
        Declared("signing_association_id", str, None),
        # The association's key for household cards, from HQ at each hello: a card scans on every desk of it.
        Declared("association_card_key", str, None, secret=True),
    )
}


def get(session: Session, key: str):
    declared = DECLARED[key]
    row = session.get(Setting, key)
    return declared.default if row is None else row.value


def put(session: Session, key: str, value) -> None:
    declared = DECLARED.get(key)
    if declared is None:
        raise BadData("error.setting_unknown", key=key)
    if value is not None and not isinstance(value, declared.type):
        raise BadData("error.setting_type", key=key)
    if declared.choices and value not in declared.choices:
        raise BadData("error.setting_choice", key=key, choices=", ".join(declared.choices))
    if key in CLOCK_SETTINGS:
        session.info.pop(CLOCK_READ, None)  # the clock reads them again at its next stamp in this transaction
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value


def all_settings(session: Session) -> dict:
    """Every declared setting but the secret ones."""
    return {key: get(session, key) for key, declared in DECLARED.items() if not declared.secret}


def signing_association_id(session: Session) -> str | None:
    """The association id that receipts and sheets are signed with: the one this laptop started with.

    Enrollment relabels the records to HQ's association id; codes printed before it must stay verifiable.
    """
    return get(session, "signing_association_id") or get(session, "association_id")


def card_signers(session: Session) -> list[tuple[str, str]]:
    """The (key, association id) pairs a household card may be signed with, the one to sign new cards first: the
    association's card key HQ gives every enrolled laptop (so a card printed on one desk scans on every desk of the
    association), then this laptop's own receipt key (cards printed before it was enrolled)."""
    shared, association_id = get(session, "association_card_key"), get(session, "association_id")
    own, signed_as = get(session, "receipt_key"), signing_association_id(session)
    pairs = [(shared, association_id), (own, signed_as)]
    return [(key, assoc) for key, assoc in pairs if key and assoc]


def next_counter(session: Session, name: str) -> int:
    """The next value of a named counter kept in the settings table (receipt numbers per device and year)."""
    key = f"counter:{name}"
    row = session.get(Setting, key)
    if row is None:
        row = Setting(key=key, value=0)
        session.add(row)
    row.value = int(row.value) + 1
    return row.value
