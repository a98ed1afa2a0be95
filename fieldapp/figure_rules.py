"""What the figures mean, shared by the laptop's funder report and HQ's dashboard: size bands, flags, masking. Pure."""

from __future__ import annotations

from dataclasses import dataclass

#: Household vulnerability criteria a household may carry (several at once).
VULNERABILITY_FLAGS = ("widow", "disability", "infant", "pregnant", "elderly", "orphan", "chronic_illness", "no_income")
#: Breakdowns by place and by vulnerability show a count under this as "< 5" (a family must not be recognisable).
MASK_BELOW = 5
#: Household size bands: (label, smallest size, largest size or None).
SIZE_BANDS = (("1", 1, 1), ("2-3", 2, 3), ("4-5", 4, 5), ("6-7", 6, 7), ("8+", 8, None))
#: The vulnerability row of households without any criterion.
NO_FLAG = "none"
#: Every figure of a report, each with its definition (message key report.def_<name>).
DEFINITIONS = (
    "families",
    "people",
    "receipts",
    "place",
    "size",
    "vulnerability",
    "items",
    "volunteers",
    "hours",
    "voided",
    "served_twice",
    "masking",
    "dates",
)


def definition_key(figure: str) -> str:
    """The message key of a figure's definition."""
    return f"report.def_{figure}"


def size_band(size: int) -> str:
    """The SIZE_BANDS label of a household size."""
    for name, low, high in SIZE_BANDS:
        if size >= low and (high is None or size <= high):
            return name
    return SIZE_BANDS[0][0]


def masked(families: int) -> bool:
    """Whether a breakdown by place or vulnerability shows this many families as "< 5"."""
    return 0 < families < MASK_BELOW


def shown(count: int, is_masked: bool) -> str:
    """A count as a breakdown by place or vulnerability shows it: "< 5" when masked."""
    return f"< {MASK_BELOW}" if is_masked else str(count)


@dataclass(frozen=True)
class Count:
    """Families and people (the sum of their household sizes) in one cell of a breakdown; `masked` cells show "< 5"."""

    families: int
    people: int

    @property
    def masked(self) -> bool:
        return masked(self.families)
