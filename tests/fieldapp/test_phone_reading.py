"""Phone numbers as people write them: the quick reading of Moroccan numbers gives what the phone library gives."""

from __future__ import annotations

import random

import phonenumbers
import pytest

from fieldapp.errors import BadData
from fieldapp.normalize import normalize_phone, phone_notices


def _library_e164(text: str) -> str | None:
    try:
        number = phonenumbers.parse(text, "MA")
    except phonenumbers.NumberParseException:
        return None
    return (
        phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        if phonenumbers.is_possible_number(number)
        else None
    )


def _written(rng: random.Random) -> str:
    """A number as it is written on lists: national, spaced, dotted, international, missing or extra digits."""
    digits = rng.choice("1456789") + "".join(rng.choice("0123456789") for _ in range(8))
    spaced = " ".join([digits[:1], digits[1:3], digits[3:5], digits[5:7], digits[7:]])
    return rng.choice([
        "0" + digits, "+212" + digits, "00212" + digits, digits, "0" + spaced, "+212 " + spaced, "0" + digits[:-1],
        "0" + digits + "1", "+2120" + digits, "06-12." + digits[4:], "\u00a00" + digits, "212" + digits, "+33" + digits,
    ])  # fmt: skip


@pytest.mark.parametrize("seed", range(3))
def test_every_written_form_reads_as_the_phone_library_reads_it(seed):
    rng = random.Random(seed)
    for _ in range(3000):
        text = _written(rng)
        expected = _library_e164(text)
        if expected is None:
            with pytest.raises(BadData):
                normalize_phone(text)
            continue
        assert normalize_phone(text) == expected, text
        in_service = phonenumbers.is_valid_number(phonenumbers.parse(expected))
        assert (phone_notices(expected) == []) == in_service, expected


def test_usual_forms_of_one_mobile_number():
    forms = ["0612345678", "06 12 34 56 78", "06.12.34.56.78", "06-12-34-56-78", "+212612345678", "+212 6 12 34 56 78",
             "00212612345678", "612345678", "٠٦١٢٣٤٥٦٧٨"]  # fmt: skip
    assert {normalize_phone(f) for f in forms} == {"+212612345678"}
    assert phone_notices("+212612345678") == []


def test_every_moroccan_range_is_in_service_exactly_when_the_phone_library_says_so():
    rng = random.Random(7)
    for first in range(50_000, 80_000):  # every 5-digit start of a national number the quick reading takes
        e164 = f"+212{first}{rng.randrange(10_000):04d}"
        in_service = phonenumbers.is_valid_number(phonenumbers.parse(e164))
        assert (phone_notices(e164) == []) == in_service, e164
