"""Entitlement rules: how many of each event item a household gets from its size and vulnerability flags."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fieldapp.errors import BadData
from fieldapp.models import RULES, VULNERABILITY_FLAGS

_BAND = re.compile(r"^(\d+)(?:-(\d+)|(\+))?/(\d+)$")


@dataclass(frozen=True)
class ItemSpec:
    """An event item as entered: code, label, base quantity and the rule that scales it."""

    code: str
    label: str
    quantity: int
    rule: str = "per_household"
    bands: tuple[tuple[int, int | None, int], ...] | None = None
    only_flag: str | None = None
    label_ar: str | None = None
    stock: int | None = None


@dataclass(frozen=True)
class EntitlementLine:
    code: str
    label: str
    label_ar: str | None
    entitled: int

    def as_dict(self) -> dict:
        return {"code": self.code, "label": self.label, "label_ar": self.label_ar, "entitled": self.entitled}


def parse_bands(text: str) -> tuple[tuple[int, int | None, int], ...]:
    """'1-3/1,4-6/2,7+/3' → ((1, 3, 1), (4, 6, 2), (7, None, 3))."""
    bands = []
    for part in text.split(","):
        match = _BAND.match(part.strip())
        if not match:
            raise BadData("error.bands_invalid", bands=text)
        low, high, plus, qty = match.groups()
        bands.append((int(low), None if plus else int(high or low), int(qty)))
    return tuple(sorted(bands))


def parse_item(spec: str) -> ItemSpec:
    """CODE:LABEL:QTY[:per-member|:per-household|:bands=1-3/1,4-6/2,7+/3][:only=FLAG][:stock=N][:ar=LABEL]."""
    parts = spec.split(":")
    if len(parts) < 3 or not parts[0].strip() or not parts[1].strip():
        raise BadData("error.item_invalid", item=spec)
    code, label, quantity = parts[0].strip().upper(), parts[1].strip(), parts[2].strip()
    if not quantity.isdigit():
        raise BadData("error.item_invalid", item=spec)
    fields: dict = {"rule": "per_household"}
    for option in (p.strip() for p in parts[3:]):
        key, _, value = option.partition("=")
        if key in ("per-member", "per_member", "per-household", "per_household") and not value:
            fields["rule"] = key.replace("-", "_")
        elif key == "bands" and value:
            fields["rule"], fields["bands"] = "size_bands", parse_bands(value)
        elif key == "only" and value in VULNERABILITY_FLAGS:
            fields["only_flag"] = value
        elif key == "stock" and value.isdigit():
            fields["stock"] = int(value)
        elif key == "ar" and value:
            fields["label_ar"] = value
        else:
            raise BadData("error.item_invalid", item=spec)
    return ItemSpec(code=code, label=label, quantity=int(quantity), **fields)


def entitled_quantity(rule: str, quantity: int, bands, only_flag: str | None, size: int, flags) -> int:
    if rule not in RULES:
        raise BadData("error.rule_unknown", rule=rule)
    if only_flag and only_flag not in (flags or []):
        return 0
    if rule == "per_member":
        return quantity * max(size, 1)
    if rule == "size_bands":
        for low, high, band_qty in bands or ():
            if size >= low and (high is None or size <= high):
                return band_qty
        return 0
    return quantity


def entitlement(items, size: int, flags) -> list[EntitlementLine]:
    """One line per event item, quantity computed for this household (0 when not entitled)."""
    return [
        EntitlementLine(
            item.code,
            item.label,
            item.label_ar,
            entitled_quantity(item.rule, item.quantity, item.bands, item.only_flag, size, flags),
        )
        for item in items
    ]
