"""Retention reaches HQ through the ordinary sync: after `apply_retention` and a sync, HQ's stored households hold no
name, CIN or phone (its CIN column included) and keep commune, size and flags; another laptop receives the same."""

from __future__ import annotations

import sqlalchemy as sa
from ageing import age
from replicas import KHOURIBGA, enrolled_laptop, hq_copy

from fieldapp.rules import parse_item
from fieldapp.services.distributions import record_distribution
from fieldapp.services.events import create_event
from fieldapp.services.households import HouseholdInput, MemberInput, get_household, register_household
from fieldapp.services.retention import apply_retention
from sync import engine


def _hq_cin_column(hq, household_id: str) -> str | None:
    from hq import schema

    engine_ = sa.create_engine(hq.db_url)
    try:
        with engine_.connect() as conn:
            r = schema.records
            return conn.execute(sa.select(r.c.cin).where(r.c.tbl == "households", r.c.id == household_id)).scalar()
    finally:
        engine_.dispose()


def test_after_retention_and_a_sync_hq_holds_no_identity_and_keeps_the_statistics(hq, tmp_path):
    association = hq.new_association("Association Al Amal")
    laptop = enrolled_laptop(tmp_path, hq, association, "KHR1")
    other = enrolled_laptop(tmp_path, hq, association, "OUJ2")
    try:
        made = register_household(
            laptop,
            HouseholdInput(
                head_name="Fatima Benali",
                head_name_ar="فاطمة بن علي",
                cin="AB123456",
                phone="0612345678",
                commune=KHOURIBGA,
                douar="Ouled Said",
                flags=["widow", "infant"],
                consent=True,
                members=[MemberInput("Youssef Benali", sex="M", birth_year=2012)],
            ),
        ).value
        event = create_event(laptop, "Panier", "2025-01-10", [parse_item("KIT:Panier alimentaire:1")]).value
        served = record_distribution(laptop, event.id, made.id, collector="Aicha Benali").value
        engine.sync_now(laptop)
        assert hq_copy(hq, "households")[made.id][0]["cin"] == "AB123456"
        assert _hq_cin_column(hq, made.id) == "AB123456"

        age(laptop, made.id, 14)
        assert apply_retention(laptop, 12).value.households == [made.id]
        engine.sync_now(laptop)
        engine.sync_now(other)

        held, _ = hq_copy(hq, "households")[made.id]
        assert held["head_name"] == "—" and held.get("anonymised_at")
        for erased in ("head_name_ar", "cin", "phone", "douar", "consent_by"):
            assert erased not in held, erased  # hq_copy leaves out empty values
        assert (held["commune_code"], held["size"], sorted(held["flags"])) == (KHOURIBGA, 2, ["infant", "widow"])
        assert _hq_cin_column(hq, made.id) is None
        member = next(data for data, _ in hq_copy(hq, "members").values() if data["household_id"] == made.id)
        assert (member["name"], member["sex"], member["birth_year"]) == ("—", "M", 2012)
        assert "collector_name" not in hq_copy(hq, "distributions")[served.id][0]
        text = str(hq_copy(hq, "households")) + str(hq_copy(hq, "members")) + str(hq_copy(hq, "distributions"))
        for identity in ("Fatima", "فاطمة", "AB123456", "612345678", "Youssef", "Aicha", "Ouled Said"):
            assert identity not in text, identity

        on_other = get_household(other, made.id)
        assert (on_other.head_name, on_other.cin, on_other.phone) == ("—", None, None)
        assert on_other.anonymised_at is not None
    finally:
        laptop.dispose()
        other.dispose()
