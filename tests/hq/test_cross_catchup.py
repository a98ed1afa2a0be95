"""Cross-association matching after pushes commit (hq.cross_catchup): real laptops sync with a real HQ (SQLite and
PostgreSQL); the server matches in the background, pages catch up before they read, and the change log replayed in
chunks of any size gives the pairs a rebuild from scratch finds."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa
from test_cross_serving import Platform, register, serve, two_served

from fieldapp.services import distributions
from fieldapp.services.households import HouseholdInput, update_household
from hq import cross_catchup, cross_serving
from hq import schema as s


@pytest.fixture
def platform(hq, tmp_path):
    made = Platform(hq, tmp_path)
    yield made
    made.close()


def _pairs(db) -> set[tuple]:
    with db.read() as conn:
        rows = conn.execute(sa.select(s.cross_servings)).all()
    return {(r.event_id, r.a_distribution_id, r.b_distribution_id, r.reason) for r in rows}


def _behind(db) -> int:
    with db.read() as conn:
        return cross_catchup.behind(conn)


def test_the_server_matches_a_push_in_the_background_without_anyone_opening_a_page(platform):
    event, *_ = two_served(platform)
    waited = 0.0
    while (_behind(platform.db) or not _pairs(platform.db)) and waited < 60:  # a bound for a broken server only
        time.sleep(0.1)
        waited += 0.1
    assert _behind(platform.db) == 0
    assert [(e, why) for e, _, _, why in _pairs(platform.db)] == [(event, "cin")]


def _history(platform):
    """Two associations, one campaign: a pair by CIN from the start, a pair made by a CIN corrected afterwards, a pair
    unmade by a void, and a household of the second association edited with no matching field moved."""
    event, (_, laptop_a, home_a, _), (_, laptop_b, home_b, _) = two_served(platform)
    second_a = register(laptop_a, "Khadija Alaoui", cin="JB445566")
    second_b = register(laptop_b, "Khadija Alaoui", cin="JB445500")  # a typo
    serve(laptop_a, event, second_a), serve(laptop_b, event, second_b)
    third_a = register(laptop_a, "Rachida Idrissi", cin="EE112233")
    voided = serve(laptop_a, event, third_a)
    serve(laptop_b, event, register(laptop_b, "Rachida Idrissi", cin="EE112233"))
    platform.sync()
    update_household(laptop_b, second_b, HouseholdInput(cin="JB445566"))
    distributions.void_distribution(laptop_a, voided.receipt, "erreur de saisie")
    update_household(laptop_b, home_b, HouseholdInput(size=4))
    platform.sync()
    return event


def test_the_change_log_replayed_one_change_at_a_time_gives_the_pairs_a_rebuild_finds(platform):
    event = _history(platform)
    assert len(cross_serving.platform_pairs(platform.db, event).pairs) == 2
    platform.hq.stop()  # nothing else matches while the log is replayed here
    with platform.db.write() as conn:  # matching forgets everything and starts from the first change
        conn.execute(s.cross_servings.delete())
        conn.execute(s.match_keys.delete().where(s.match_keys.c.kind != "check"))
        cross_catchup.set_counter(conn, 0)
    chunks = 0
    while True:
        with platform.db.write() as conn:
            matched, more = cross_catchup.catch_up_chunk(conn, size=1)
        chunks += matched
        if not more:
            break
    replayed = _pairs(platform.db)

    rebuilt = platform.hq.cli("cross-serving", "--rebuild", "--json")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert chunks > 10 and _behind(platform.db) == 0
    assert len(replayed) == 2 and {p[3] for p in replayed} == {"cin"}
    assert replayed == _pairs(platform.db)


def test_a_rebuild_leaves_matching_at_the_end_of_the_change_log(platform):
    event, *_ = two_served(platform)
    platform.hq.stop()
    rebuilt = platform.hq.cli("cross-serving", "--rebuild", "--json")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert _behind(platform.db) == 0
    with platform.db.read() as conn:
        last = conn.execute(sa.select(s.counters.c.value).where(s.counters.c.name == "cursor")).scalar_one()
    assert last > 0
    assert cross_serving.platform_pairs(platform.db, event).total == 1
