"""Use cases: each public function is one transaction, shared by the CLI, the desktop app and the tests."""

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
