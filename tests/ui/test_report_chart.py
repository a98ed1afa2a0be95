"""The bar chart of the Reports page: the bars it is given, "< 5" for the few, and drawn in both directions."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage

from ui.reports.chart import BAR_COLOUR, BarChart

LONG_ARABIC = "قفة رمضان للأسر المعوزة بجماعة أولاد عبدون، دوار أولاد سعيد والدواوير المجاورة لها"


@pytest.fixture
def chart(qtbot, french):
    chart = BarChart(None, "testChart", mask_below=5)
    qtbot.addWidget(chart)
    return chart


def painted(chart: BarChart, width: int = 420) -> QImage:
    chart.resize(width, chart.sizeHint().height())
    image = QImage(chart.size(), QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.white)
    chart.render(image)
    return image


def bar_columns(image: QImage, y: int) -> list[int]:
    """The x of every pixel of the bar colour on row y."""
    return [x for x in range(image.width()) if QColor(image.pixel(x, y)) == BAR_COLOUR]


def test_each_row_shows_its_label_and_number_and_the_few_show_less_than_five(chart):
    chart.set_bars([("Khouribga", 143), ("Oued Zem", 4), ("Boujniba", 1), ("Hattane", 5)])

    assert chart.texts() == [("Khouribga", "143"), ("Oued Zem", "< 5"), ("Boujniba", "< 5"), ("Hattane", "5")]
    assert "Oued Zem: < 5" in chart.accessibleDescription()
    assert "Oued Zem: 4" not in chart.accessibleDescription()  # the few are not told, not even to a screen reader


def test_one_family_and_four_draw_the_same_bar(chart):
    chart.set_bars([("Douar", 12), ("Douar", 4), ("Douar", 1), ("Douar", 5)])
    image = painted(chart)
    row = chart.row_height()
    twelve, four, one, five = (image.copy(0, 8 + row * i, image.width(), row) for i in range(4))

    assert four == one  # the length of a hatched bar tells nothing of how few
    assert twelve != five != one


def test_a_bigger_number_draws_a_longer_bar(chart):
    chart.set_bars([("Ramadan 2026", 120), ("Aïd 2026", 40)])
    image = painted(chart)
    row = chart.row_height()
    first, second = (bar_columns(image, 8 + row * i + row // 2) for i in range(2))

    assert len(first) > 2 * len(second) > 0


def test_in_a_right_to_left_window_the_bars_grow_from_the_right(chart):
    chart.set_bars([("Ramadan 2026", 120), (LONG_ARABIC, 40)])
    left_to_right = bar_columns(painted(chart), 8 + chart.row_height() // 2)
    chart.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    right_to_left = bar_columns(painted(chart), 8 + chart.row_height() // 2)

    assert max(left_to_right) > chart.width() / 2 and min(left_to_right) > 0
    assert min(right_to_left) < chart.width() / 2 and max(right_to_left) < chart.width() - 1
    assert len(right_to_left) == len(left_to_right)


@pytest.mark.parametrize("direction", [Qt.LayoutDirection.LeftToRight, Qt.LayoutDirection.RightToLeft])
@pytest.mark.parametrize("width", [120, 260, 900])
def test_long_arabic_names_paint_in_any_width(chart, direction, width):
    chart.setLayoutDirection(direction)
    chart.set_bars([(LONG_ARABIC, 3), (LONG_ARABIC * 3, 250), ("", 0), ("Sidi Bouzid", 9_999_999)])

    image = painted(chart, width)

    assert not image.isNull() and image.height() >= 4 * chart.row_height()


def test_with_no_row_it_says_so(chart):
    chart.set_empty_text("No family served")
    chart.set_bars([])

    assert chart.texts() == [] and chart.accessibleDescription() == "No family served"
    assert not painted(chart).isNull()
