"""Table models of the Sync page: changes not yet sent, conflicts, review items; no view needed."""

from __future__ import annotations

from fieldapp.i18n import left_to_right
from fieldapp.services.conflicts import ConflictView, ReviewView
from fieldapp.services.outbox import PendingChange
from fieldapp.timefmt import local_text
from ui.shared.labels import fill, flag_labels, paragraph
from ui.shared.table_model import RowsModel
from ui.sync import texts as sync_texts


class PendingChangesModel(RowsModel):
    """The journal rows not yet pushed, oldest first."""

    NUMBER, RECORD, CHANGE, WHEN, DETAILS = range(5)

    def _prepare(self) -> None:
        self.kind_names = {
            "households": self.tr("Household"),
            "members": self.tr("Member"),
            "volunteers": self.tr("Volunteer"),
            "events": self.tr("Event"),
            "event_items": self.tr("Event item"),
            "distributions": self.tr("Distribution"),
            "distribution_voids": self.tr("Void"),
            "attendance": self.tr("Attendance"),
        }
        self.operation_names = {"insert": self.tr("new"), "update": self.tr("changed"), "delete": self.tr("removed")}

    def headers(self) -> tuple[str, ...]:
        return (self.tr("No."), self.tr("Record"), self.tr("Change"), self.tr("When"), self.tr("Details"))

    def cells(self, row: PendingChange) -> tuple:
        return (
            row.seq,
            self.kind_names.get(row.entity, row.entity),
            self.operation_names.get(row.op, row.op),
            left_to_right(local_text(row.at)),
            row.summary,
        )


def record_label(row: ConflictView) -> str:
    """The household, or 'member (household)': what a person recognises the record by."""
    if row.entity == "households" or not row.household_name:
        return row.record
    return f"{row.record} ({row.household_name})"


def origin(device: str, moment) -> str:
    """'KHR1, 2026-02-20 14:05': which laptop made a value, and when."""
    return ", ".join(filter(None, (left_to_right(device), left_to_right(local_text(moment)))))


class ConflictsModel(RowsModel):
    """Open conflicts: the record, the field, the value kept and the other one, each with its laptop and time."""

    RECORD, FIELD, VALUE_KEPT, KEPT_FROM, OTHER_VALUE, OTHER_FROM = range(6)

    def _prepare(self) -> None:
        self.field_labels = sync_texts.field_names()
        self.flag_names = flag_labels()

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Household / member"),
            self.tr("Field"),
            self.tr("Value kept"),
            self.tr("Laptop, time"),
            self.tr("Other value"),
            self.tr("Laptop, time"),
        )

    def cells(self, row: ConflictView) -> tuple:
        return (
            record_label(row),
            sync_texts.field_name(row.entity, row.field, self.field_labels),
            sync_texts.field_value(row.field, row.current_value, self.flag_names),
            origin(row.current_device, row.current_at),
            sync_texts.field_value(row.field, row.other_value, self.flag_names),
            origin(row.other_device, row.other_at),
        )

    def tooltip(self, row: ConflictView) -> str:
        return self.describe(row)

    def describe(self, row: ConflictView) -> str:
        """One sentence for the row, read under the table and by screen readers."""
        return paragraph(
            fill(self.tr("%1 — %2: “%3” is kept (laptop %4); “%5” came from laptop %6."), *self.cells(row))
        )


def short_record(record: object) -> str:
    """A receipt number, a household's name (one CIN on two households), or what HQ refused and why."""
    if isinstance(record, dict) and "reason" in record:
        return sync_texts.refusal_reason(str(record["reason"]))
    if isinstance(record, dict):
        return str(record.get("head_name") or "?")
    return left_to_right(getattr(record, "receipt", None)) or "?"


class ReviewsModel(RowsModel):
    """Open review items: a household served twice for one event (both receipts), one CIN on two households, or a
    change HQ would not take (and why)."""

    WHAT, HOUSEHOLD, EVENT, RECORDS, FOUND = range(5)

    def headers(self) -> tuple[str, ...]:
        return (self.tr("What"), self.tr("Household"), self.tr("Event"), self.tr("Records"), self.tr("Found"))

    def cells(self, row: ReviewView) -> tuple:
        return (
            sync_texts.review_kind(row.kind),
            row.household_name or "",
            row.event_name or "",
            " · ".join(short_record(record) for record in row.records),  # who and when: below the table
            left_to_right(local_text(row.detected_at)),
        )

    def tooltip(self, row: ReviewView) -> str:
        return self.describe(row)

    def describe(self, row: ReviewView) -> str:
        head = " — ".join(filter(None, (sync_texts.review_kind(row.kind), row.household_name, row.event_name)))
        lines = [head, *(f"• {sync_texts.review_record(record)}" for record in row.records)]
        if row.kind == "refused_change":
            lines.append(self.tr("Correct the record if needed, then settle: it is sent to HQ again."))
        return "\n".join(paragraph(line) for line in lines)
