"""Figures kept in memory per association, keyed by that association's figures version (fig_versions).

A figure over several associations is the sum of each one's (a family is a record of one association), so each
association's part is computed once and served again until its version grows (a push that moved its figures, a
rebuild). The versions are read in the caller's transaction before anything else: a part is never older than what
that transaction would count. Parts missing are computed in one query for all the associations that miss them.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from hq import schema as s
from hq.figures_scope import Filters, Scope

MAX_PARTS = 100_000  # entries (one association's part of one figure under one set of filters)
_parts: OrderedDict[tuple, dict] = OrderedDict()
_lock = threading.Lock()


def clear() -> None:
    """Forget every part (tests, benchmarks)."""
    with _lock:
        _parts.clear()


def owners_of(scope: Scope, filters: Filters) -> list[str] | None:
    """The associations whose rows the scope and filters cover: a list, or None for every association."""
    if scope.association_id is not None:
        return [scope.association_id] if filters.association_id in (None, scope.association_id) else []
    return [filters.association_id] if filters.association_id else None


def per_association(
    conn: Connection, scope: Scope, filters: Filters, name: tuple, compute: Callable[[list[str] | None], dict]
) -> dict[tuple, tuple]:
    """{(association id, *key): sums} of the figure `name` for the associations in scope. `compute(owners)` gives the
    same for the associations listed (None: all of them) straight from the tables."""
    owners = owners_of(scope, filters)
    if owners == []:
        return {}
    v = s.fig_versions
    query = sa.select(v.c.association_id, v.c.version)
    versions = dict(conn.execute(query if owners is None else query.where(v.c.association_id.in_(owners))).all())
    general = (name, dataclasses.replace(filters, association_id=None))
    found: dict[tuple, tuple] = {}
    missing = []
    with _lock:
        for owner, version in versions.items():
            part = _parts.get((general, owner, version))
            if part is None:
                missing.append(owner)
            else:
                _parts.move_to_end((general, owner, version))
                found.update(part)
    if not missing:
        return found
    computed = compute(None if owners is None and len(missing) == len(versions) else sorted(missing))
    parts: dict[str, dict] = {owner: {} for owner in missing}
    for key, sums in computed.items():
        if key[0] in parts:
            parts[key[0]][key] = sums
    with _lock:
        for owner, part in parts.items():
            _parts[(general, owner, versions[owner])] = part
            found.update(part)
        while len(_parts) > MAX_PARTS:
            _parts.popitem(last=False)
    return found
