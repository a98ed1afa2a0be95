"""HQ's dashboard figures equal counts made by raw SQL over `records`, after pushes, a void, a household moved, a
batch sent again and a late push; an association never sees another's numbers or receipts; rebuild() = ingest."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
import sqlalchemy as sa
from hq_http import Device, household

from fieldapp import geo
from fieldapp.figure_rules import NO_FLAG, size_band
from hq import figures, figures_ingest, schema
from hq.db import Database
from hq.errors import HQError
from sync import protocol

DAY1, DAY2, DAY3, DAY0 = "2026-03-01", "2026-03-02", "2026-03-05", "2026-02-20"
HOME = "06.304.14.6"  # the household default of hq_http
FAR = next(c for c in sorted(geo.all_communes().values(), key=lambda c: c.code) if c.region_code != "06")


# --- the independent count: raw SQL over records --------------------------------------------------------------------


def _j(conn, name: str) -> str:
    return f"json_extract(data, '$.{name}')" if conn.dialect.name == "sqlite" else f"(data->>'{name}')"


def served_households(conn, association: str | None, filters: figures.Filters) -> list[tuple]:
    """(association, household, commune code, province code, size, flags as JSON text) of every household with a
    valid receipt in scope: distributions not deleted, with no void (not deleted) pointing to them."""
    j = lambda name: _j(conn, name)  # noqa: E731
    where, params = ["1 = 1"], {}
    if association:
        where.append("d.association_id = :a")
        params["a"] = association
    if filters.event_ids:
        names = []
        for n, event_id in enumerate(filters.event_ids):
            names.append(f":e{n}")
            params[f"e{n}"] = event_id
        where.append(f"d.ev IN ({', '.join(names)})")
    if filters.date_from:
        where.append("d.day >= :start")
        params["start"] = filters.date_from.isoformat()
    if filters.date_to:
        where.append("d.day <= :end")
        params["end"] = filters.date_to.isoformat()
    if filters.commune_code:
        where.append(f"{j('commune_code').replace('data', 'h.data')} = :commune")
        params["commune"] = filters.commune_code
    sql = f"""
        SELECT DISTINCT d.association_id, h.id, {j("commune_code").replace("data", "h.data")},
               {j("province_code").replace("data", "h.data")}, {j("size").replace("data", "h.data")},
               {j("flags").replace("data", "h.data")}
        FROM (SELECT association_id, id, {j("household_id")} AS hh, {j("event_id")} AS ev,
                     substr({j("served_at")}, 1, 10) AS day
              FROM records WHERE tbl = 'distributions' AND refused IS NULL AND {j("deleted_at")} IS NULL) d
        JOIN records h ON h.tbl = 'households' AND h.association_id = d.association_id AND h.id = d.hh
        WHERE NOT EXISTS (SELECT 1 FROM records v WHERE v.tbl = 'distribution_voids' AND NOT v.deleted
                          AND v.association_id = d.association_id AND v.ref_id = d.id)
          AND {" AND ".join(where)}
    """
    return [tuple(row) for row in conn.execute(sa.text(sql), params)]


def receipt_counts(conn, association: str | None, filters: figures.Filters) -> tuple[int, int, dict[str, int]]:
    """(valid receipts, voided receipts, quantity per item code) by raw SQL (items read in Python from the rows)."""
    j = lambda name: _j(conn, name)  # noqa: E731
    rows = conn.execute(
        sa.text(
            f"""SELECT d.association_id, {j("event_id")}, substr({j("served_at")}, 1, 10), d.data,
                EXISTS (SELECT 1 FROM records v WHERE v.tbl = 'distribution_voids' AND NOT v.deleted
                        AND v.association_id = d.association_id AND v.ref_id = d.id),
                (SELECT {j("commune_code").replace("data", "h.data")} FROM records h WHERE h.tbl = 'households'
                 AND h.association_id = d.association_id AND h.id = {j("household_id").replace("data", "d.data")})
                FROM records d WHERE d.tbl = 'distributions' AND {j("deleted_at")} IS NULL"""
        )
    ).all()
    valid = voided = 0
    items: dict[str, int] = {}
    for owner, event_id, day, data, is_voided, commune in rows:
        if (association and owner != association) or filters.commune_code not in (None, commune):
            continue
        if filters.event_ids and event_id not in filters.event_ids:
            continue
        if (filters.date_from and day < filters.date_from.isoformat()) or (
            filters.date_to and day > filters.date_to.isoformat()
        ):
            continue
        if is_voided:
            voided += 1
            continue
        valid += 1
        data = data if isinstance(data, dict) else json.loads(data)
        for line in data["items"]:
            items[line["code"].upper()] = items.get(line["code"].upper(), 0) + line["quantity"]
    return valid, voided, items


def check(conn, scope: figures.Scope, filters: figures.Filters) -> figures.Overview:
    """Every figure of hq.figures equals the raw count, for this scope and these filters."""
    association = scope.association_id or filters.association_id
    if scope.association_id and filters.association_id not in (None, scope.association_id):
        served, valid, voided, given = [], 0, 0, {}
    else:
        served = served_households(conn, association, filters)
        valid, voided, given = receipt_counts(conn, association, filters)
    overview = figures.overview(conn, scope, filters)
    assert (overview.families, overview.people) == (len(served), sum(int(r[4]) for r in served))
    assert (overview.receipts, overview.voided) == (valid, voided)
    by_commune: dict[str, int] = {}
    by_band: dict[str, int] = {}
    by_flag: dict[str, int] = {}
    for _, _, commune, _, size, flags in served:
        by_commune[commune] = by_commune.get(commune, 0) + 1
        by_band[size_band(int(size))] = by_band.get(size_band(int(size)), 0) + 1
        for flag in (json.loads(flags) if flags else []) or [NO_FLAG]:
            by_flag[flag] = by_flag.get(flag, 0) + 1
    places = figures.by_place(conn, scope, filters, "commune").rows
    assert {r.code: r.count.families for r in places if r.count.families} == by_commune
    assert {r.band: r.count.families for r in figures.by_size(conn, scope, filters).rows if r.count.families} == by_band
    flags = figures.by_vulnerability(conn, scope, filters).rows
    assert {r.flag: r.count.families for r in flags if r.count.families} == by_flag
    assert {r.code: r.quantity for r in figures.items(conn, scope, filters).rows if r.quantity} == given
    regions = figures.by_place(conn, scope, filters, "region").rows
    assert sum(r.count.families for r in regions) == len(served)
    listed = figures.receipts(conn, scope, filters, page_size=500)
    assert len(listed.rows) == valid and not listed.more
    assert len(figures.receipts(conn, scope, filters, voided=True, page_size=500).rows) == voided
    return overview


FILTER_SETS = [
    figures.Filters(),
    figures.Filters(date_from=dt.date.fromisoformat(DAY2), date_to=dt.date.fromisoformat(DAY3)),
    figures.Filters(date_from=dt.date.fromisoformat(DAY1), date_to=dt.date.fromisoformat(DAY1)),
    figures.Filters(date_to=dt.date.fromisoformat(DAY1)),
    figures.Filters(commune_code=HOME),
]


def check_all(conn, a: str, b: str, events: list[str]) -> None:
    filter_sets = [
        *FILTER_SETS,
        figures.Filters(event_ids=(events[0],)),
        figures.Filters(event_ids=tuple(events)),
        figures.Filters(event_ids=(events[1],), date_from=dt.date.fromisoformat(DAY2)),
    ]
    for filters in filter_sets:
        check(conn, figures.Scope(None), filters)
        check(conn, figures.Scope(a), filters)
        check(conn, figures.Scope(None), dataclasses.replace(filters, association_id=b))


def snapshot(conn) -> dict[str, list]:
    """Every row of the figures' tables, sorted."""
    tables = (schema.fig_receipts, schema.fig_cells, schema.fig_days, schema.fig_events, schema.fig_presence)
    return {t.name: sorted(map(repr, conn.execute(sa.select(t)).all())) for t in tables}


# --- the story --------------------------------------------------------------------------------------------------------


def _served(device: Device, event: str, home: str, day: str, items: list | None = None, **extra) -> dict:
    fields = {"event_id": event, "household_id": home, "served_at": f"{day}T10:00:00+00:00", **extra}
    fields["items"] = items if items is not None else [{"code": "kit", "quantity": 1, "entitled": 1}]
    return device.insert("distributions", fields)


def _push(device: Device, changes: list[dict]) -> dict:
    response = device.push(changes)
    assert response.status_code == 200, response.text
    assert not response.json().get("refused"), response.json()
    return response.json()


def test_figures_equal_raw_counts_through_voids_moves_resends_and_late_pushes(hq):
    a, b = hq.new_association("Al Amal"), hq.new_association("Annour")
    desk, late, other = Device(hq, a, "AMA1"), Device(hq, a, "AMA2"), Device(hq, b, "NOR1")
    event1, event2 = desk.insert("events", {"name": "Ramadan 1"}), desk.insert("events", {"name": "Ramadan 2"})
    volunteer = desk.insert("volunteers", {"name": "Samira"})
    homes = [
        desk.insert("households", household(f"F{n}", size=n + 1, flags=["widow", "infant"][: n % 3])) for n in range(7)
    ]
    far = desk.insert("households", household("Far", size=9, commune_code=FAR.code, province_code=FAR.province_code))
    ids = [h["i"] for h in homes]
    e1, e2 = event1["i"], event2["i"]
    first = [
        _served(desk, e1, ids[0], DAY1),
        _served(desk, e1, ids[1], DAY1, [{"code": "LAIT", "quantity": 2, "entitled": 3}]),
        _served(desk, e1, ids[1], DAY1),  # served twice at one event: one family, two receipts
        _served(desk, e2, ids[0], DAY2),
        _served(desk, e2, ids[2], DAY3),
        _served(desk, e2, far["i"], DAY3),
        desk.insert(
            "attendance",
            {
                "volunteer_id": volunteer["i"],
                "event_id": e1,
                "check_in": f"{DAY1}T08:00:00+00:00",
                "check_out": f"{DAY1}T12:30:00+00:00",
            },
        ),
    ]
    batch = [event1, event2, volunteer, *homes, far, *first]
    _push(desk, batch)
    theirs = other.insert("events", {"name": "Hiver"})
    their_home = other.insert("households", household("B1", size=5))
    _push(other, [theirs, their_home, _served(other, theirs["i"], their_home["i"], DAY1)])

    db = Database.open(hq.db_url)
    try:
        with db.read() as conn:
            check_all(conn, a, b, [e1, e2])
            overview = check(conn, figures.Scope(a), figures.Filters())
            assert (overview.families, overview.receipts, overview.volunteers, overview.hours) == (4, 6, 1, 4.5)

        # a void, a household moved to another commune, the first batch sent again, then a late laptop's receipts
        void = desk.insert("distribution_voids", {"distribution_id": first[3]["i"], "reason": "erreur"})
        move = desk.update(
            "households",
            ids[2],
            {"commune_code": FAR.code, "province_code": FAR.province_code, "size": 8},
            {"commune_code": homes[2]["h"], "province_code": homes[2]["h"], "size": homes[2]["h"]},
        )
        _push(desk, [void, move])
        again = desk.post(protocol.PUSH, {"from": 1, "to": len(batch), "changes": batch})
        assert again.status_code == 200 and again.json().get("duplicate") is None
        _push(late, [_served(late, e1, ids[3], DAY0), _served(late, e2, ids[0], DAY0)])
        with db.read() as conn:
            check_all(conn, a, b, [e1, e2])
            overview = check(conn, figures.Scope(a), figures.Filters())
            assert (overview.families, overview.voided) == (5, 1)
            moved = figures.by_place(conn, figures.Scope(a), figures.Filters(), "commune").rows
            assert {r.code: r.count.families for r in moved} == {HOME: 3, FAR.code: 2}
            before = snapshot(conn)
        with db.write() as conn:
            figures_ingest.rebuild(conn)
        with db.read() as conn:
            assert snapshot(conn) == before
    finally:
        db.dispose()


def test_an_association_never_sees_another_associations_numbers_or_receipts(hq):
    a, b = hq.new_association("Al Amal"), hq.new_association("Annour")
    mine, theirs = Device(hq, a, "AMA1"), Device(hq, b, "NOR1")
    for device, count in ((mine, 2), (theirs, 3)):
        event = device.insert("events", {"name": "Hiver"})
        homes = [device.insert("households", household(f"F{n}")) for n in range(count)]
        _push(device, [event, *homes, *(_served(device, event["i"], h["i"], DAY1) for h in homes)])
    db = Database.open(hq.db_url)
    try:
        with db.read() as conn:
            scope = figures.Scope(a)
            for filters in (figures.Filters(), figures.Filters(association_id=b), figures.Filters(commune_code=HOME)):
                assert figures.overview(conn, scope, filters).families == (0 if filters.association_id else 2)
                listed = figures.receipts(conn, scope, filters, voided=None)
                assert {r.association_id for r in listed.rows} <= {a}
                places = figures.by_place(conn, scope, filters, "province").rows
                assert sum(r.receipts for r in places) == (0 if filters.association_id else 2)
            assert {r.device_code for r in figures.receipts(conn, scope, figures.Filters()).rows} == {"AMA1"}
            with pytest.raises(HQError):
                figures.by_association(conn, scope, figures.Filters())
            platform = figures.by_association(conn, figures.Scope(None), figures.Filters()).rows
            assert [(r.name, r.count.families) for r in platform] == [("Annour", 3), ("Al Amal", 2)]
            assert figures.overview(conn, figures.Scope(None), figures.Filters()).families == 5
            with pytest.raises(HQError):
                figures.overview(conn, scope, figures.Filters(commune_code="x' OR 1=1 --"))
    finally:
        db.dispose()
