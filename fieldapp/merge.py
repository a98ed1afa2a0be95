"""How two copies of a record combine: field by field, last writer by hybrid-logical-clock stamp, losers kept.

Pure functions over plain dicts, shared by the device (applying what it pulls) and by HQ (applying what it is pushed),
so that every replica decides the same winner whatever order the changes arrive in.

A record's field stamps (`field_hlc`) say when each field last changed: `{"*": <stamp of the insert>, "phone": <stamp
of the last phone edit>, ...}`; a field absent from the map carries the `"*"` stamp. A change carries one stamp for all
its fields, and for an update the stamps its author saw before editing (`prev`): when they equal what the receiver
holds, the edit follows the receiver's state (no conflict); otherwise both sides edited concurrently, the higher stamp
wins everywhere, and the losing value is reported as a conflict a person can settle.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

# Columns that are bookkeeping, not data a person edits: never merged field by field.
META_FIELDS = frozenset({"id", "association_id", "device_id", "hlc", "updated_at", "field_hlc"})
# The tables that travel, in the order a record's parents come before it.
SYNCED_TABLES = (
    "households",
    "members",
    "volunteers",
    "events",
    "event_items",
    "distributions",
    "distribution_voids",
    "attendance",
)
# Reference data HQ publishes to every association (a shared campaign) carries this association id.
EVERY_ASSOCIATION = "*"


@dataclass(frozen=True)
class Conflict:
    """One field where two edits met: the value that stays and the value that lost."""

    field: str
    winner_value: object
    winner_hlc: str
    loser_value: object
    loser_hlc: str


@dataclass
class MergeResult:
    values: dict  # the record's fields after the merge (data fields only)
    stamps: dict  # its field stamps after the merge
    changed: dict = field(default_factory=dict)  # fields whose value or stamp the change moved
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def hlc(self) -> str:
        """The record's newest stamp (what its `hlc` column holds)."""
        return max(self.stamps.values())


def stamp_of(stamps: dict | None, name: str, row_hlc: str | None = None) -> str:
    """The stamp of one field: its own entry, else the insert's, else (rows from before field stamps) the row's."""
    if stamps:
        return stamps.get(name) or stamps.get("*") or row_hlc or ""
    return row_hlc or ""


def data_fields(record: dict) -> dict:
    return {k: v for k, v in record.items() if k not in META_FIELDS}


def merge(
    values: dict | None,
    stamps: dict | None,
    change_fields: dict,
    change_hlc: str,
    prev: dict | None = None,
    row_hlc: str | None = None,
) -> MergeResult:
    """Apply one change (its fields, its stamp, what its author saw) to a record's values and field stamps.

    `values is None` means the receiver has never seen the record: the change creates it. Deterministic and
    order-independent: applying the same set of changes in any order gives the same values and stamps.
    """
    incoming = data_fields(change_fields)
    if values is None:
        return MergeResult(dict(incoming), {"*": change_hlc}, changed=dict(incoming))
    result_values = dict(values)
    result_stamps = dict(stamps) if stamps else {"*": row_hlc or ""}
    result = MergeResult(result_values, result_stamps)
    for name, value in incoming.items():
        held_hlc = stamp_of(result_stamps, name)
        held_value = result_values.get(name)
        if change_hlc == held_hlc:
            continue  # this very change was applied before (a resend)
        concurrent = prev is not None and name in prev and prev[name] != held_hlc
        if change_hlc > held_hlc:
            result_values[name] = value
            result_stamps[name] = change_hlc
            result.changed[name] = value
            if concurrent and _differs(value, held_value):
                result.conflicts.append(Conflict(name, value, change_hlc, held_value, held_hlc))
        elif _differs(value, held_value) and (prev is None or concurrent):
            # The change lost to a newer edit; it is kept as a conflict unless it was already superseded knowingly.
            # Without `prev` (journals written before field stamps) a late, older value is still worth showing.
            result.conflicts.append(Conflict(name, held_value, held_hlc, value, change_hlc))
    return result


def _differs(a: object, b: object) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return sorted(map(str, a)) != sorted(map(str, b))
    return a != b


def conflict_key(table: str, record_id: str, conflict: Conflict) -> str:
    """The same conflict seen on several replicas gets the same key, so settling it is recognisable everywhere."""
    text = f"{table}|{record_id}|{conflict.field}|{conflict.loser_hlc}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


# A stamp further ahead of HQ's clock than this is brought back to HQ's clock on arrival (docs/sync-protocol.md), so a
# laptop whose clock says 2027 cannot win every later edit; a device's clock does not follow a stamp that far ahead.
MAX_CLOCK_AHEAD_MS = 60_000

DOUBLE_DISTRIBUTION = "double_distribution"  # one household served twice for one event (review kind)
DUPLICATE_CIN = "duplicate_cin"  # two active households with one CIN, registered on two devices (review kind)
REFUSED_CHANGE = "refused_change"  # a change of this laptop HQ acknowledged but would not store (laptop-only kind)


def served_key(event_id: str, household_id: str) -> str:
    """What makes two distributions the same serving: one household, one event."""
    return f"{event_id}|{household_id}"


def review_key(kind: str, event_id: str, household_id: str) -> str:
    """The same review item gets the same key on every replica and at HQ."""
    return hashlib.sha256(f"{kind}|{event_id}|{household_id}".encode()).hexdigest()[:32]


# Who "settled" a double serving the rule no longer sees (a receipt voided, or at the upgrade an override): it opens
# again if that changes.
SETTLED_BY_RULE = "sync:rule"


@dataclass(frozen=True)
class Serving:
    """One distribution of an (event, household) pair, as the double-serving rule sees it."""

    id: str
    voided: bool  # pointed to by a void that is not itself deleted
    override: bool  # served again on purpose, with a coordinator's reason, knowing the earlier serving


def needs_review(servings: list[Serving]) -> bool:
    """A pair is a double serving to review when two of its active servings were made without an override: an
    override is already a coordinator's decision. It depends only on the records, not on the order a replica
    received them, so every laptop and HQ agree once they hold the same records."""
    return sum(1 for s in servings if not s.voided and not s.override) >= 2


@dataclass(frozen=True)
class ReviewChange:
    """What to do to a double-serving review item: its record ids, and whether it is open (None: leave it)."""

    record_ids: list[str]
    open: bool


def double_serving_review(
    servings: list[Serving], held_ids: list[str] | None, held_open: bool, held_settled_by: str | None
) -> ReviewChange | None:
    """The review item of one pair after its servings changed, from what the replica holds (None: no item).

    A new double serving opens an item naming every serving of the pair; a void that ends it settles the item
    (`SETTLED_BY_RULE`); a person's settlement stands until another serving joins the item."""
    ids = sorted({s.id for s in servings} | set(held_ids or ()))
    if not needs_review(servings):
        if held_ids is not None and held_open:
            return ReviewChange(sorted(held_ids), open=False)
        return None
    if held_ids is None:
        return ReviewChange(ids, open=True)
    if ids != sorted(held_ids) or (not held_open and held_settled_by == SETTLED_BY_RULE):
        return ReviewChange(ids, open=True)
    return None
