"""Roles and what each may do: a coordinator everything, a volunteer the desk's work; checked by every use case."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from fieldapp import i18n
from fieldapp.errors import NotAllowed


class Role(StrEnum):
    COORDINATOR = "coordinator"
    VOLUNTEER = "volunteer"


class Action(StrEnum):
    """Everything a use case may ask permission for. Reading and searching need no permission beyond a login."""

    SERVE = "serve"  # record a distribution at the desk
    PRINT = "print"  # receipts and sign-off sheets
    ATTENDANCE = "attendance"  # check volunteers in and out
    SYNC = "sync"  # run a sync (background sync runs whoever is logged in)
    REGISTER = "register"  # a new household
    EDIT_IDENTITY = "edit_identity"  # a household's names, CIN, phone, members
    EDIT_HOUSEHOLD = "edit_household"  # a household's other fields (notes, vulnerabilities, douar)
    DELETE = "delete"
    VOID = "void"
    OVERRIDE = "override"  # serve again a household already served for the event, with a reason
    EDIT_EVENTS = "edit_events"
    EDIT_VOLUNTEERS = "edit_volunteers"
    EXPORT = "export"
    IMPORT = "import"
    SETTINGS = "settings"
    SYNC_SETTINGS = "sync_settings"  # enrolment with HQ, HQ's address
    SETTLE = "settle"  # conflicts and review items that sync found
    MANAGE_USERS = "manage_users"
    BACKUP = "backup"  # backups and restores
    RETENTION = "retention"
    AUDIT = "audit"  # verify and read the audit trail


VOLUNTEER_MAY = frozenset({Action.SERVE, Action.PRINT, Action.ATTENDANCE, Action.SYNC, Action.EDIT_HOUSEHOLD})
ALLOWED: dict[Role, frozenset[Action]] = {Role.COORDINATOR: frozenset(Action), Role.VOLUNTEER: VOLUNTEER_MAY}


@dataclass(frozen=True)
class Account:
    """Who is logged in: their name (as the audit trail records it) and role."""

    name: str
    role: Role

    def may(self, action: Action) -> bool:
        return action in ALLOWED[self.role]

    def require(self, action: Action) -> None:
        if not self.may(action):
            raise NotAllowed(
                "error.role_forbids", role=i18n.t(f"role.{self.role.value}"), action=i18n.t(f"action.{action.value}")
            )
