"""Qt's %1 placeholders filled by ui.shared.labels.fill, the one helper every page uses."""

from ui.shared.labels import fill


def test_each_placeholder_takes_its_value_in_one_pass():
    assert fill("%1 — laptop %2, %1", "Receipt", 7) == "Receipt — laptop 7, Receipt"
    assert fill("%1 then %2", "a value with %2 in it", "b") == "a value with %2 in it then b"


def test_a_placeholder_without_a_value_and_a_plural_count_stay_as_they_are():
    assert fill("%1 of %2", "3") == "3 of %2"
    assert fill("%n page(s) in %1", "x.pdf") == "%n page(s) in x.pdf"
