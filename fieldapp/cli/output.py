"""How the command line prints: translated human text by default, one JSON document with --json."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable

from fieldapp.errors import Notice
from fieldapp.i18n import t
from fieldapp.normalize import phone_text
from fieldapp.timefmt import local_text
from fieldapp.views import DistributionView, View


def _plain(value):
    if isinstance(value, View):
        return value.as_dict()
    if hasattr(value, "as_dict"):
        return value.as_dict()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def distribution_fields(d: DistributionView, only: tuple[str, ...] | None = None) -> list[tuple[str, object]]:
    """A distribution as label keys and values, in the order the commands show it (`only` those keys)."""
    pairs = [
        ("receipt", d.receipt),
        ("event", d.event_name),
        ("name", d.household_name),
        ("name_ar", d.household_name_ar),
        ("items", ", ".join(f"{i['code']}×{i['quantity']}" for i in d.items)),
        ("collector", d.collector_name),
        ("handed_out_by", d.handed_out_by),
        ("served_at", local_text(d.served_at)),
        ("override_reason", d.override_reason),
        ("void_reason", d.void_reason),
    ]
    return [(key, value) for key, value in pairs if only is None or key in only]


def _shown(key: str, value: object) -> object:
    """A value as a person reads it in text output (the JSON keeps the stored form): phones as people write them."""
    return phone_text(value) if key == "phone" and isinstance(value, str) else value


class Printer:
    def __init__(self, as_json: bool, stream=None) -> None:
        self.as_json = as_json
        self.stream = stream or sys.stdout

    def json(self, document) -> None:
        json.dump(_plain(document), self.stream, ensure_ascii=False, indent=2, default=str)
        self.stream.write("\n")

    def line(self, text: str = "") -> None:
        self.stream.write(text + "\n")

    def fields(self, pairs: Iterable[tuple[str, object]]) -> None:
        """Label: value lines, labels translated, empty values skipped."""
        rows = [(t(f"label.{key}"), _shown(key, value)) for key, value in pairs if value not in (None, "", [])]
        width = max((len(label) for label, _ in rows), default=0)
        for label, value in rows:
            self.line(f"{label.ljust(width)} : {value}")

    def table(self, headers: list[str], rows: list[list]) -> None:
        titles = [t(f"label.{h}") for h in headers]
        cells = [[("" if c is None else str(_shown(h, c))) for h, c in zip(headers, row, strict=True)] for row in rows]
        widths = [max([len(title)] + [len(r[i]) for r in cells]) for i, title in enumerate(titles)]
        self.line("  ".join(title.ljust(w) for title, w in zip(titles, widths, strict=True)).rstrip())
        for row in cells:
            self.line("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())

    def notices(self, notices: list[Notice]) -> None:
        for notice in notices:
            sys.stderr.write(f"{t('label.warning')} : {notice.message()}\n")
            for candidate in notice.candidates:
                sys.stderr.write(
                    f"  - {candidate['head_name']} {candidate.get('head_name_ar') or ''} "
                    f"[{candidate.get('cin') or '—'}] {candidate['id']}\n"
                )


def notices_json(notices: list[Notice]) -> list[dict]:
    return [n.as_dict() for n in notices]
