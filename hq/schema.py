"""HQ's tables (SQLAlchemy Core): associations, devices and their tokens, merged records, the change log, findings."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = sa.MetaData(naming_convention=NAMING)

ID = 36  # a UUIDv7 as text
STAMP = 64  # "<15 digits>-<5 digits>-<device code>"
CODE = 40  # a device code
CIN = 20  # a CIN as records.cin holds it (longer values are not extracted)
UNIQUE = 80  # records.unique_value: a receipt (40) or an event id and an item code (36 + 1 + 40)


class UTC(sa.TypeDecorator):
    """Stored as naive UTC (the same on SQLite and PostgreSQL), always read back timezone-aware."""

    impl = sa.DateTime
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(self, value, dialect):
        return None if value is None else value.replace(tzinfo=dt.UTC)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


associations = sa.Table(
    "associations",
    metadata,
    sa.Column("id", sa.String(ID), primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("created_at", UTC, nullable=False),
    # HMAC key of the association's household cards (64 hex digits), given to its laptops at hello (migration 0006)
    sa.Column("card_key", sa.String(64)),
)

enroll_codes = sa.Table(
    "enroll_codes",
    metadata,
    sa.Column("code_hash", sa.String(64), primary_key=True),  # SHA-256 of the normalised code; the code is not kept
    sa.Column("association_id", sa.String(ID), sa.ForeignKey("associations.id"), nullable=False),
    sa.Column("created_at", UTC, nullable=False),
    sa.Column("expires_at", UTC, nullable=False),
    sa.Column("used_at", UTC),
    sa.Column("device_id", sa.String(ID)),
)

devices = sa.Table(
    "devices",
    metadata,
    sa.Column("id", sa.String(ID), primary_key=True),
    sa.Column("association_id", sa.String(ID), sa.ForeignKey("associations.id"), nullable=False, index=True),
    sa.Column("code", sa.String(CODE), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),  # SHA-256 of the token; never the token
    sa.Column("enrolled_at", UTC, nullable=False),
    sa.Column("revoked_at", UTC),
    sa.Column("last_seen_at", UTC),
    sa.Column("next_seq", sa.BigInteger, nullable=False, server_default="1"),  # push_expected
    sa.Column("app_version", sa.String(40)),  # the fieldapp version its last hello named (User-Agent; migration 0007)
)

push_batches = sa.Table(
    "push_batches",
    metadata,
    sa.Column("device_id", sa.String(ID), primary_key=True),
    sa.Column("from_seq", sa.BigInteger, primary_key=True),
    sa.Column("to_seq", sa.BigInteger, primary_key=True),
    sa.Column("answer", sa.JSON, nullable=False),
    sa.Column("at", UTC, nullable=False),
)

# HQ's merged copy of every synced row, keyed by association: an id two associations use names two records.
# `data` holds the data fields, `field_hlc` their stamps (fieldapp.merge). event_id/household_id are the (event,
# household) of a distribution; ref_id the distribution a void points to; cin a household's CIN; unique_value what a
# laptop holds once (a distribution's receipt, an event item's "event_id|code"); refused why HQ keeps it but does not
# serve it (rows stored before 0003 that a laptop could not keep).
records = sa.Table(
    "records",
    metadata,
    sa.Column("id", sa.String(ID), nullable=False),
    sa.Column("tbl", sa.String(40), nullable=False),
    sa.Column("association_id", sa.String(ID), nullable=False),
    sa.Column("device_code", sa.String(CODE), nullable=False),  # who created it
    sa.Column("data", sa.JSON, nullable=False),
    sa.Column("field_hlc", sa.JSON, nullable=False),
    sa.Column("hlc", sa.String(STAMP), nullable=False),
    sa.Column("event_id", sa.String(ID)),
    sa.Column("household_id", sa.String(ID)),
    sa.Column("ref_id", sa.String(ID)),
    sa.Column("cin", sa.String(CIN)),  # a household's CIN (migration 0002): one CIN on two households is reviewed
    sa.Column("deleted", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("updated_at", UTC, nullable=False),
    sa.Column("unique_value", sa.String(UNIQUE)),
    sa.Column("refused", sa.String(20)),
    sa.PrimaryKeyConstraint("id", "tbl", "association_id"),
    sa.Index("ix_records_association_id_tbl", "association_id", "tbl"),
    sa.Index("ix_records_association_id_event_id_household_id", "association_id", "event_id", "household_id"),
    sa.Index("ix_records_association_id_ref_id", "association_id", "ref_id"),
    sa.Index("ix_records_association_id_cin", "association_id", "cin"),
    sa.Index("ix_records_association_id_tbl_unique_value", "association_id", "tbl", "unique_value"),
)

# The change log that pulls read: one row per change that moved HQ's copy, cursor in commit order.
changes = sa.Table(
    "changes",
    metadata,
    sa.Column("cursor", sa.BigInteger, primary_key=True, autoincrement=False),
    sa.Column("association_id", sa.String(ID), nullable=False),
    sa.Column("device_id", sa.String(ID), nullable=False),  # HQ's id of the origin device ("HQ" for HQ itself)
    sa.Column("device_code", sa.String(CODE), nullable=False),
    sa.Column("tbl", sa.String(40), nullable=False),
    sa.Column("id", sa.String(ID), nullable=False),
    sa.Column("hlc", sa.String(STAMP), nullable=False),
    sa.Column("op", sa.String(1), nullable=False),
    sa.Column("fields", sa.JSON, nullable=False),
    sa.Column("prev", sa.JSON),
    sa.Column("refused", sa.String(20)),  # set by migration 0003 on changes a laptop could not keep: never served
    sa.Index("ix_changes_association_id_cursor", "association_id", "cursor"),
)

# One row, "cursor": the last cursor handed out. Locked at the end of each push so cursor order is commit order.
counters = sa.Table(
    "counters",
    metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)

conflicts = sa.Table(
    "conflicts",
    metadata,
    sa.Column("key", sa.String(32), nullable=False),  # fieldapp.merge.conflict_key: the same on every replica
    sa.Column("association_id", sa.String(ID), nullable=False),
    sa.Column("tbl", sa.String(40), nullable=False),
    sa.Column("record_id", sa.String(ID), nullable=False),
    sa.Column("field", sa.String(60), nullable=False),
    sa.Column("winner_value", sa.JSON),
    sa.Column("winner_hlc", sa.String(STAMP), nullable=False),
    sa.Column("loser_value", sa.JSON),
    sa.Column("loser_hlc", sa.String(STAMP), nullable=False),
    sa.Column("detected_at", UTC, nullable=False),
    sa.Column("settled_at", UTC),
    sa.Column("settled_by", sa.String(200)),
    sa.Column("note", sa.Text),  # why it was settled (migration 0007; review items had one from the start)
    sa.Index("ix_conflicts_association_id_settled_at", "association_id", "settled_at"),
    sa.PrimaryKeyConstraint("association_id", "key"),
    sa.Index("ix_conflicts_association_id_record_id", "association_id", "record_id"),
)

reviews = sa.Table(
    "reviews",
    metadata,
    sa.Column("key", sa.String(32), nullable=False),  # sync.protocol.review_key: the same on the association's laptops
    sa.Column("association_id", sa.String(ID), nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("event_id", sa.String(ID)),
    sa.Column("household_id", sa.String(ID)),
    sa.Column("record_ids", sa.JSON, nullable=False),
    sa.Column("detected_at", UTC, nullable=False),
    sa.Column("settled_at", UTC),
    sa.Column("settled_by", sa.String(200)),
    sa.Column("note", sa.Text),
    sa.PrimaryKeyConstraint("association_id", "key"),
    sa.Index("ix_reviews_association_id_settled_at", "association_id", "settled_at"),
)

# Stamps HQ capped (too far ahead), so that a later change whose "p" still names the original stamp is read right.
stamp_caps = sa.Table(
    "stamp_caps",
    metadata,
    sa.Column("device_id", sa.String(ID), primary_key=True),
    sa.Column("from_hlc", sa.String(STAMP), primary_key=True),
    sa.Column("to_hlc", sa.String(STAMP), nullable=False),
)

# The audit chain's head each laptop sent at its last hello (migration 0004): HQ's word on how long the trail was.
audit_heads = sa.Table(
    "audit_heads",
    metadata,
    sa.Column("device_id", sa.String(ID), primary_key=True),
    sa.Column("association_id", sa.String(ID), nullable=False),
    sa.Column("entries", sa.BigInteger, nullable=False),  # the chain's length (its last seq)
    sa.Column("head_hash", sa.String(64), nullable=False),  # its last entry's hash ("" for an empty chain)
    sa.Column("at", UTC, nullable=False),
)

# A head that went backwards: fewer entries than HQ held, or another hash at the same length (entries deleted or
# rewritten on the laptop, or a restored backup). Listed by `fieldapp-hq audit-heads --backwards`.
audit_backwards = sa.Table(
    "audit_backwards",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("device_id", sa.String(ID), nullable=False, index=True),
    sa.Column("association_id", sa.String(ID), nullable=False),
    sa.Column("at", UTC, nullable=False),
    sa.Column("held_entries", sa.BigInteger, nullable=False),
    sa.Column("held_hash", sa.String(64), nullable=False),
    sa.Column("sent_entries", sa.BigInteger, nullable=False),
    sa.Column("sent_hash", sa.String(64), nullable=False),
)

# HQ's recovery public keys (X25519, base64); the newest is the one laptops wrap for. The private half is in a file
# HQ's administrator keeps offline (`fieldapp-hq recovery-key init`).
recovery_keys = sa.Table(
    "recovery_keys",
    metadata,
    sa.Column("public_key", sa.String(64), primary_key=True),
    sa.Column("created_at", UTC, nullable=False),
)

# Each laptop's data-key secret sealed to HQ's recovery key (fieldapp.keystore.wrap_for_hq), the latest it sent.
recovery_wraps = sa.Table(
    "recovery_wraps",
    metadata,
    sa.Column("device_id", sa.String(ID), primary_key=True),
    sa.Column("association_id", sa.String(ID), nullable=False),
    sa.Column("sealed", sa.Text, nullable=False),
    sa.Column("public_key", sa.String(64)),  # HQ's key current when the wrap came (the one it was most likely for)
    sa.Column("at", UTC, nullable=False),
    sa.Column("code_given_at", UTC),  # when `fieldapp-hq recovery-code` last read it
)

# People who use HQ's web pages (migration 0007). "platform" staff see every association; "association" staff only
# their own. The password is kept as an Argon2id hash; failed sign-ins lock the account for a while.
web_users = sa.Table(
    "web_users",
    metadata,
    sa.Column("id", sa.String(ID), primary_key=True),
    sa.Column("name", sa.String(80), nullable=False, unique=True),  # the sign-in name, lower-cased
    sa.Column("role", sa.String(20), nullable=False),  # "platform" or "association"
    sa.Column("association_id", sa.String(ID), sa.ForeignKey("associations.id")),  # set for "association" only
    sa.Column("password_hash", sa.String(200), nullable=False),
    sa.Column("language", sa.String(5), nullable=False, server_default="fr"),
    sa.Column("created_at", UTC, nullable=False),
    sa.Column("disabled_at", UTC),
    sa.Column("failed_logins", sa.Integer, nullable=False, server_default="0"),
    sa.Column("locked_until", UTC),
)

# Signed-in browsers: only the SHA-256 of the cookie's token is kept, with the form token (CSRF) of that session.
web_sessions = sa.Table(
    "web_sessions",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("user_id", sa.String(ID), sa.ForeignKey("web_users.id"), nullable=False, index=True),
    sa.Column("csrf_token", sa.String(64), nullable=False),
    sa.Column("created_at", UTC, nullable=False),
    sa.Column("expires_at", UTC, nullable=False),
    sa.Column("last_seen_at", UTC, nullable=False),
)

# --- The dashboard's figures (migration 0008), kept by hq.figures_ingest in the transaction of the records they sum.
# Every row belongs to one association; codes are the household's HCP region, province and commune; day is the UTC date
# of a receipt (YYYY-MM-DD); flags a household's criteria, sorted and joined by "," ("" for none).
PLACE = 16  # an HCP code
FLAGS = 200


def _place_columns() -> list[sa.Column]:
    return [
        sa.Column(name, sa.String(PLACE), nullable=False) for name in ("region_code", "province_code", "commune_code")
    ]


# One row per distribution: what it counts for, where its household lived at the last push, and the receipt to show.
fig_receipts = sa.Table(
    "fig_receipts",
    metadata,
    sa.Column("association_id", sa.String(ID), nullable=False),
    sa.Column("distribution_id", sa.String(ID), nullable=False),
    sa.Column("household_id", sa.String(ID), nullable=False),
    sa.Column("event_id", sa.String(ID), nullable=False),
    sa.Column("served_at", UTC, nullable=False),
    sa.Column("day", sa.String(10), nullable=False),
    sa.Column("receipt", sa.String(40), nullable=False),
    sa.Column("device_code", sa.String(CODE), nullable=False),
    sa.Column("voided", sa.Boolean, nullable=False),
    sa.Column("items", sa.JSON, nullable=False),  # [[code, quantity, entitled], …]
    *_place_columns(),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("flags", sa.String(FLAGS), nullable=False),
    sa.PrimaryKeyConstraint("association_id", "distribution_id"),
    sa.Index("ix_fig_receipts_association_id_household_id", "association_id", "household_id"),
    sa.Index("ix_fig_receipts_association_id_served_at", "association_id", "served_at"),
    sa.Index("ix_fig_receipts_served_at", "served_at"),
    sa.Index("ix_fig_receipts_event_id", "event_id"),
)

# Additive sums per (event, day, place): valid and voided receipts (item_code ""), items handed out (item_code set).
fig_cells = sa.Table(
    "fig_cells",
    metadata,
    sa.Column("association_id", sa.String(ID), nullable=False),
    sa.Column("event_id", sa.String(ID), nullable=False),
    sa.Column("day", sa.String(10), nullable=False),
    *_place_columns(),
    sa.Column("item_code", sa.String(40), nullable=False),
    sa.Column("receipts", sa.BigInteger, nullable=False),
    sa.Column("voided", sa.BigInteger, nullable=False),
    sa.Column("quantity", sa.BigInteger, nullable=False),
    sa.Column("entitled", sa.BigInteger, nullable=False),
    sa.PrimaryKeyConstraint(
        "association_id", "event_id", "day", "region_code", "province_code", "commune_code", "item_code"
    ),
)

# Families served over days, made additive: one count per household and day it was served (valid receipts, any event)
# with the day it was served before (prev_day, "" for its first). Families served from A to B = the sum over days in
# A..B whose prev_day is before A: each household counts once, on its first day in the period.
fig_days = sa.Table(
    "fig_days",
    metadata,
    sa.Column("association_id", sa.String(ID), nullable=False),
    sa.Column("day", sa.String(10), nullable=False),
    sa.Column("prev_day", sa.String(10), nullable=False),
    *_place_columns(),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("flags", sa.String(FLAGS), nullable=False),
    sa.Column("families", sa.BigInteger, nullable=False),
    sa.Column("people", sa.BigInteger, nullable=False),
    sa.PrimaryKeyConstraint(
        "association_id", "day", "prev_day", "region_code", "province_code", "commune_code", "size", "flags"
    ),
)

# Families served at one event (households with a valid receipt there), by place, size and criteria.
fig_events = sa.Table(
    "fig_events",
    metadata,
    sa.Column("association_id", sa.String(ID), nullable=False),
    sa.Column("event_id", sa.String(ID), nullable=False),
    *_place_columns(),
    sa.Column("size", sa.Integer, nullable=False),
    sa.Column("flags", sa.String(FLAGS), nullable=False),
    sa.Column("families", sa.BigInteger, nullable=False),
    sa.Column("people", sa.BigInteger, nullable=False),
    sa.PrimaryKeyConstraint(
        "association_id", "event_id", "region_code", "province_code", "commune_code", "size", "flags"
    ),
)

# One row per attendance (not deleted): the volunteer, the event, the day of arrival, the hours once checked out.
fig_presence = sa.Table(
    "fig_presence",
    metadata,
    sa.Column("association_id", sa.String(ID), nullable=False),
    sa.Column("attendance_id", sa.String(ID), nullable=False),
    sa.Column("volunteer_id", sa.String(ID), nullable=False),
    sa.Column("event_id", sa.String(ID), nullable=False),
    sa.Column("day", sa.String(10), nullable=False),
    sa.Column("hours", sa.Float),
    sa.PrimaryKeyConstraint("association_id", "attendance_id"),
    sa.Index("ix_fig_presence_event_id", "event_id"),
)

# One row per association with figures: a number that grows each time its figures move (hq.figures_cache keys the
# figures it keeps in memory by it, so what it serves is never older than the transaction that reads it).
fig_versions = sa.Table(
    "fig_versions",
    metadata,
    sa.Column("association_id", sa.String(ID), primary_key=True),
    sa.Column("version", sa.BigInteger, nullable=False),
)

# Cross-association matching (migration 0009): each active household's matching keys as HMAC-SHA256 under HQ's match
# key (a file outside the database, hq.match_key), never the CIN, phone or name in clear. kind is "cin", "phone" or
# "name" (a folded name, hq.cross_serving); one row kind "check" (association and household "") holds the key's
# fingerprint, so that another key is refused rather than matching nothing.
match_keys = sa.Table(
    "match_keys",
    metadata,
    sa.Column("association_id", sa.String(ID), nullable=False),
    sa.Column("household_id", sa.String(ID), nullable=False),
    sa.Column("kind", sa.String(8), nullable=False),
    sa.Column("key_hash", sa.String(64), nullable=False),
    sa.PrimaryKeyConstraint("association_id", "household_id", "kind", "key_hash"),
    sa.Index("ix_match_keys_key_hash_kind", "key_hash", "kind"),
)

# The same person served in the same event by two associations: one row per pair of active distributions, side "a"
# the one whose (association, distribution) sorts first. Kept at ingest by hq.cross_serving; reason "cin" or
# "phone_name". Listed to platform staff only; an association learns only that one of its own was served elsewhere.
cross_servings = sa.Table(
    "cross_servings",
    metadata,
    sa.Column("event_id", sa.String(ID), nullable=False),
    sa.Column("a_association_id", sa.String(ID), nullable=False),
    sa.Column("a_household_id", sa.String(ID), nullable=False),
    sa.Column("a_distribution_id", sa.String(ID), nullable=False),
    sa.Column("b_association_id", sa.String(ID), nullable=False),
    sa.Column("b_household_id", sa.String(ID), nullable=False),
    sa.Column("b_distribution_id", sa.String(ID), nullable=False),
    sa.Column("reason", sa.String(20), nullable=False),
    sa.Column("found_at", UTC, nullable=False),
    sa.PrimaryKeyConstraint("a_association_id", "a_distribution_id", "b_association_id", "b_distribution_id"),
    sa.Index("ix_cross_servings_event_id", "event_id"),
    sa.Index("ix_cross_servings_a_association_id_a_household_id", "a_association_id", "a_household_id"),
    sa.Index("ix_cross_servings_b_association_id_b_household_id", "b_association_id", "b_household_id"),
    sa.Index("ix_cross_servings_b_association_id_b_distribution_id", "b_association_id", "b_distribution_id"),
)
