"""Field-by-field merge: the same winner on every replica whatever the order, losers kept as conflicts."""

from __future__ import annotations

import random

from fieldapp.merge import SETTLED_BY_RULE, ReviewChange, Serving, conflict_key, double_serving_review, merge


def stamp(ms: int, node: str) -> str:
    return f"{ms:015d}-00000-{node}"


BASE = {"head_name": "Fatima", "phone": "+212612345678", "douar": "Imlil"}


def apply_all(changes):
    values, stamps, conflicts = None, None, []
    for fields, hlc, prev in changes:
        result = merge(values, stamps, fields, hlc, prev)
        values, stamps = result.values, result.stamps
        conflicts += result.conflicts
    return values, stamps, conflicts


def test_a_new_record_takes_the_change_and_its_stamp():
    result = merge(None, None, {**BASE, "id": "x", "hlc": "h"}, stamp(1, "A"))
    assert result.values == BASE and result.stamps == {"*": stamp(1, "A")}


def test_edits_of_different_fields_are_both_kept_without_conflict():
    insert = (BASE, stamp(1, "A"), {})
    a = ({"phone": "+212600000001"}, stamp(5, "A"), {"phone": stamp(1, "A")})
    b = ({"douar": "Tafraout"}, stamp(6, "B"), {"douar": stamp(1, "A")})
    for order in ([insert, a, b], [insert, b, a]):
        values, _stamps, conflicts = apply_all(order)
        assert values["phone"] == "+212600000001" and values["douar"] == "Tafraout"
        assert conflicts == []


def test_concurrent_edits_of_one_field_pick_the_same_winner_and_report_the_same_conflict_in_any_order():
    insert = (BASE, stamp(1, "A"), {})
    a = ({"phone": "+212600000001"}, stamp(5, "A"), {"phone": stamp(1, "A")})
    b = ({"phone": "+212600000002"}, stamp(6, "B"), {"phone": stamp(1, "A")})
    outcomes = set()
    for order in ([insert, a, b], [insert, b, a]):
        values, stamps, conflicts = apply_all(order)
        [conflict] = conflicts
        key = conflict_key("households", "x", conflict)
        outcomes.add((values["phone"], stamps["phone"], conflict.loser_value, key))
    [outcome] = outcomes  # one outcome, whichever order the replica saw
    assert outcome[:3] == ("+212600000002", stamp(6, "B"), "+212600000001")


def test_an_edit_that_follows_another_is_not_a_conflict():
    insert = (BASE, stamp(1, "A"), {})
    a = ({"phone": "+212600000001"}, stamp(5, "A"), {"phone": stamp(1, "A")})
    b_after_seeing_a = ({"phone": "+212600000002"}, stamp(6, "B"), {"phone": stamp(5, "A")})
    values, _stamps, conflicts = apply_all([insert, a, b_after_seeing_a])
    assert values["phone"] == "+212600000002" and conflicts == []


def test_a_resent_change_changes_nothing():
    insert = (BASE, stamp(1, "A"), {})
    a = ({"phone": "+212600000001"}, stamp(5, "A"), {"phone": stamp(1, "A")})
    once = apply_all([insert, a])
    twice = apply_all([insert, a, a, insert])
    assert once == twice


def test_random_orders_converge():
    rng = random.Random(7)
    insert = (BASE, stamp(1, "A"), {})
    edits = []
    for i in range(30):
        name = rng.choice(["phone", "douar", "head_name"])
        edits.append(({name: f"v{i}"}, stamp(rng.randint(2, 50), rng.choice("ABC")) + f"{i}", {name: stamp(1, "A")}))
    results = set()
    for _ in range(20):
        rng.shuffle(edits)
        values, stamps, _ = apply_all([insert, *edits])
        results.add((tuple(sorted(values.items())), tuple(sorted(stamps.items()))))
    assert len(results) == 1


def test_a_double_serving_item_opens_grows_settles_by_a_void_and_a_persons_settlement_stands():
    one, two = Serving("d1", voided=False, override=False), Serving("d2", voided=False, override=False)
    again = Serving("d3", voided=False, override=True)  # served again with a coordinator's reason
    # one serving and an override of it: a decision, no item
    assert double_serving_review([one, again], None, False, None) is None
    # two servings made without knowing of each other: an item naming both
    assert double_serving_review([one, two], None, False, None) == ReviewChange(["d1", "d2"], open=True)
    # the override joins the open item
    assert double_serving_review([one, two, again], ["d1", "d2"], True, None) == ReviewChange(["d1", "d2", "d3"], True)
    # nothing new: nothing to write
    assert double_serving_review([one, two], ["d1", "d2"], True, None) is None
    # a void ends the double serving: the item is settled
    voided = Serving("d2", voided=True, override=False)
    assert double_serving_review([one, voided], ["d1", "d2"], True, None) == ReviewChange(["d1", "d2"], open=False)
    # the void undone: the item settled by the void opens again
    assert double_serving_review([one, two], ["d1", "d2"], False, SETTLED_BY_RULE) == ReviewChange(["d1", "d2"], True)
    # a person's settlement stands until another serving joins
    assert double_serving_review([one, two], ["d1", "d2"], False, "Samira") is None
    fourth = Serving("d4", voided=False, override=False)
    assert double_serving_review([one, two, fourth], ["d1", "d2"], False, "Samira") == ReviewChange(
        ["d1", "d2", "d4"], open=True
    )
