"""The SQLAlchemy models of the local record."""

from fieldapp.models.base import Base, Synced, utcnow
from fieldapp.models.events import RULES, Attendance, Distribution, DistributionVoid, Event, EventItem
from fieldapp.models.people import SEXES, VULNERABILITY_FLAGS, Household, Member, Volunteer
from fieldapp.models.records import AuditEntry, HouseholdCard, JournalEntry, Setting, SyncConflict, SyncReview, User

__all__ = [
    "Attendance",
    "AuditEntry",
    "Base",
    "Distribution",
    "DistributionVoid",
    "Event",
    "EventItem",
    "Household",
    "HouseholdCard",
    "JournalEntry",
    "Member",
    "RULES",
    "SEXES",
    "Setting",
    "Synced",
    "SyncConflict",
    "SyncReview",
    "User",
    "VULNERABILITY_FLAGS",
    "Volunteer",
    "utcnow",
]
