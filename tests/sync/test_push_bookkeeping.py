"""The push side on the laptop: contiguous journal batches, marking them pushed, HQ's capped stamps rewritten."""

from __future__ import annotations

from replicas import KHOURIBGA, last_seq
from sqlalchemy import select

from fieldapp.clock import Stamp
from fieldapp.models import Household, JournalEntry
from fieldapp.services import outbox, replication
from fieldapp.services.households import HouseholdInput, register_household, update_household


def test_batches_are_contiguous_ranges_of_the_journal(laptop_a):
    for n in range(5):
        register_household(laptop_a, HouseholdInput(consent=True, head_name=f"Famille {n}", commune=KHOURIBGA))
    last = last_seq(laptop_a)

    batch = replication.journal_batch(laptop_a, 2, 3)

    assert [r.seq for r in batch] == [2, 3, 4]
    assert replication.journal_batch(laptop_a, last + 1, 10) == []
    assert [r.seq for r in replication.journal_batch(laptop_a, last, 10)] == [last]


def test_marking_a_range_pushed_empties_the_outbox_by_that_much(laptop_a):
    for n in range(4):
        register_household(laptop_a, HouseholdInput(consent=True, head_name=f"Famille {n}", commune=KHOURIBGA))

    assert replication.mark_pushed(laptop_a, 1, 3) == 3
    assert replication.mark_pushed(laptop_a, 1, 3) == 0  # a duplicate answer marks nothing twice
    assert outbox.pending_count(laptop_a) == 1


def test_a_stamp_hq_capped_is_rewritten_in_the_row_the_journal_and_what_later_edits_saw(laptop_a):
    made = register_household(
        laptop_a, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)
    ).value
    pushed_through = last_seq(laptop_a)
    update_household(laptop_a, made.id, HouseholdInput(phone="0612345678"))  # not pushed yet: saw the insert stamp
    with laptop_a.read() as session:
        original = session.get(Household, made.id).field_hlc["*"]
    ahead = Stamp.parse(original)
    capped_to = str(Stamp(ahead.wall_ms - 365 * 86_400_000, ahead.counter, ahead.node))

    replication.mark_pushed(
        laptop_a, 1, pushed_through, [{"t": "households", "i": made.id, "from": original, "to": capped_to}]
    )

    with laptop_a.read() as session:
        row = session.get(Household, made.id)
        journal = session.scalars(select(JournalEntry).order_by(JournalEntry.seq)).all()
    assert row.field_hlc["*"] == capped_to and row.hlc == row.field_hlc["phone"]
    assert journal[0].hlc == capped_to and journal[0].pushed_at is not None
    assert journal[-1].payload["_prev"] == {"phone": capped_to} and journal[-1].pushed_at is None
