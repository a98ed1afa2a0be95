"""Use cases: each public function is one transaction, shared by the CLI, the desktop app and the tests.

Every use case that writes returns what it changed (`changed`, kinds of record such as "households" or "settings"):
the window's operation runner (ui/shell/operations.py) publishes it, and each page reloads only what it shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from fieldapp.errors import Notice

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a service did: the resulting record, the warnings to show, and which kinds of record changed."""

    value: T
    notices: list[Notice] = field(default_factory=list)
    changed: frozenset[str] = frozenset()
