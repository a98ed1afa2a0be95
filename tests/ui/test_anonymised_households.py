"""A household anonymised by retention (law 09-08) shows as anonymised in the households table, not as a dash."""

from ageing import age

from fieldapp.services.households import HouseholdInput, get_household, register_household
from fieldapp.services.retention import apply_retention
from ui.households.model import HouseholdTableModel

KHOURIBGA = "05.311.01.07"


def test_the_households_table_says_anonymised_where_the_name_was(db, qapp):
    made = register_household(db, HouseholdInput(consent=True, head_name="Fatima Benali", commune=KHOURIBGA)).value
    kept = register_household(db, HouseholdInput(consent=True, head_name="Ahmed Alaoui", commune=KHOURIBGA)).value
    age(db, made.id, 30)
    apply_retention(db, 24)

    shown = [HouseholdTableModel._display(get_household(db, ref), "name") for ref in (made.id, kept.id)]

    assert shown == ["(anonymisé)", "Ahmed Alaoui"]
