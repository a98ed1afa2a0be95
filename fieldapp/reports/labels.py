"""What a report says in words, in one language: the scope, figures, breakdown labels and sources (PDF and XLSX)."""

from __future__ import annotations

from fieldapp.i18n import t
from fieldapp.reports.model import NO_FLAG, Count, EventRow, FunderReport, shown

#: The key figures in the order a report lists them: (message key, Totals attribute).
FIGURES = (
    ("report.families", "families"),
    ("report.people", "people"),
    ("report.receipts", "receipts"),
    ("report.voided", "voided"),
    ("report.served_twice_families", "served_twice_families"),
    ("report.served_twice_receipts", "served_twice_receipts"),
    ("report.served_twice_authorised", "served_twice_authorised"),
    ("report.volunteers", "volunteers"),
    ("report.hours", "hours"),
    ("report.open_attendance", "open_attendance"),
)


def number(value: int | float, language: str) -> str:
    """A count grouped by thousands (150 000; 150,000 in English); hours with one decimal (51,8; 51.8)."""
    text = f"{value:,.1f}" if isinstance(value, float) else f"{value:,}"
    if language == "en":
        return text
    return text.replace(",", " ").replace(".", ",")


def cell(count: int, masked: bool, language: str) -> str:
    return shown(count, masked) if masked else number(count, language)


def counts(count: Count, language: str, masked: bool = True) -> tuple[str, str]:
    """Families and people of a breakdown cell, both "< 5" when the families are fewer than five."""
    hide = masked and count.masked
    return cell(count.families, hide, language), cell(count.people, hide, language)


def dates(starts_on, ends_on, language: str) -> str:
    """One date, or a range (in Arabic «من … إلى …»: two Latin dates side by side would not keep their order)."""
    if ends_on and ends_on != starts_on:
        return t("report.date_range", language, start=starts_on.isoformat(), end=ends_on.isoformat())
    return starts_on.isoformat()


def scope_line(report: FunderReport, language: str) -> str:
    if report.scope.event and report.served_by_event:
        event = report.served_by_event[0]
        return t(
            "report.scope_event", language, event=event.name, dates=dates(report.date_from, report.date_to, language)
        )
    return t(
        "report.scope_period",
        language,
        date_from=report.date_from.isoformat() if report.date_from else "?",
        date_to=report.date_to.isoformat() if report.date_to else "?",
    )


def made_line(report: FunderReport, language: str) -> str:
    return t("report.made", language, association=report.association or "—", date=report.made_at.date().isoformat())


def flag_label(flag: str, language: str) -> str:
    return t("report.none_flag", language) if flag == NO_FLAG else t(f"flag.{flag}", language)


def band_label(band: str, language: str) -> str:
    return t("report.size_band", language, band=band)


def commune_name(fr: str, ar: str, language: str) -> str:
    return (ar or fr) if language == "ar" else fr


def figures(report: FunderReport, language: str) -> list[tuple[str, str, int | float]]:
    """(label, shown value, raw value) of every key figure."""
    totals = report.totals
    return [(t(key, language), number(getattr(totals, name), language), getattr(totals, name)) for key, name in FIGURES]


def definitions(report: FunderReport, language: str) -> list[str]:
    return [t(f"report.def_{name}", language) for name in report.definitions]


def sources(report: FunderReport, language: str) -> list[str]:
    """The paper behind the figures: each event's sign-off sheet and attendance sheet, then the XLSX's receipts."""
    lines = []
    for event in report.served_by_event:
        lines.append(_signoff(event, language))
        if event.volunteers:
            lines.append(
                t(
                    "report.source_attendance",
                    language,
                    event=event.name,
                    volunteers=number(event.volunteers, language),
                    hours=number(event.hours, language),
                )
            )
    lines.append(t("report.source_receipts", language))
    return lines


def _signoff(event: EventRow, language: str) -> str:
    return t(
        "report.source_signoff",
        language,
        event=event.name,
        dates=dates(event.starts_on, event.ends_on, language),
        receipts=number(event.receipts, language),
        families=number(event.families, language),
    )
