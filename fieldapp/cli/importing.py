"""`fieldapp import`: households from a spreadsheet or CSV, with a row-by-row report; and the template to fill."""

from __future__ import annotations

import argparse

from fieldapp.cli.context import Context
from fieldapp.errors import UsageMistake
from fieldapp.i18n import t

SHOWN_PROBLEMS = 40  # lines printed; every one is in --report


def _mapping_lines(table, mapping: dict[int, str]) -> list[str]:
    from fieldapp.importing.mapping import field_label

    lines = []
    for index, header in enumerate(table.headers):
        field = mapping.get(index)
        target = field_label(field) if field else t("cli.import_column_ignored")
        lines.append(f"  {table.columns[index]} « {header} » → {target}")
    return lines


def import_households_file(ctx: Context, args: argparse.Namespace) -> int:
    if args.template:
        return _template(ctx, args)
    if not args.file:
        raise UsageMistake("error.import_file_required")
    from fieldapp.importing.mapping import guess_mapping, mapping_from_file
    from fieldapp.importing.table import read_table
    from fieldapp.services import importing

    table = read_table(args.file, args.sheet)
    db = ctx.db
    if args.mapping:
        mapping = mapping_from_file(args.mapping, table.headers)
    else:
        mapping = guess_mapping(table.headers, importing.saved_mapping(db))
    check = importing.check_import(db, table, mapping)
    result = None
    if not args.dry_run:
        result = importing.run_import(db, check, actor=ctx.actor)
        importing.save_mapping(db, table, mapping)
    late = result.problems if result else []
    report = None
    if args.report:
        importing.write_rejected(check, args.report, late)
        report = str(args.report)
    counts = result.as_dict() if result else {
        "created": check.created, "updated": check.updated, "unchanged": check.unchanged,
        "rejected": check.rejected, "warnings": check.warnings, "cancelled": False,
    }  # fmt: skip
    problems = sorted([*check.problems, *late], key=lambda p: p.row)
    if ctx.printer.as_json:
        ctx.printer.json({
            **counts,
            "dry_run": bool(args.dry_run),
            "file": table.source, "sheet": table.sheet, "header_row": table.header_row, "rows": len(table.rows),
            "mapping": {table.columns[i]: {"header": table.headers[i], "field": f} for i, f in sorted(mapping.items())},
            "problems": [p.as_dict() for p in problems],
            "report": report,
        })  # fmt: skip
    else:
        _print_text(ctx, table, mapping, problems, counts, args, report)
    return 5 if counts["rejected"] else 0


def _print_text(ctx: Context, table, mapping, problems, counts: dict, args, report: str | None) -> None:
    line = ctx.printer.line
    where = t("cli.import_sheet", sheet=table.sheet) if table.sheet else ""
    line(t("cli.import_read", file=table.source, where=where, header_row=table.header_row, rows=len(table.rows)))
    line(t("cli.import_mapping"))
    for text in _mapping_lines(table, mapping):
        line(text)
    for problem in problems[:SHOWN_PROBLEMS]:
        level = t(f"import.level_{problem.level}")
        line(t("cli.import_problem", row=problem.row, level=level, message=problem.message))
    if len(problems) > SHOWN_PROBLEMS:
        line(t("cli.import_more_problems", count=len(problems) - SHOWN_PROBLEMS))
    line(t("cli.import_dry_run" if args.dry_run else "cli.import_done", **counts))
    if counts["rejected"] and report:
        line(t("cli.import_report_written", path=report))
    elif counts["rejected"]:
        line(t("cli.import_report_hint"))


def _template(ctx: Context, args: argparse.Namespace) -> int:
    from fieldapp.importing.mapping import write_template

    if not args.output:
        raise UsageMistake("error.import_template_output")
    write_template(args.output)
    if ctx.printer.as_json:
        ctx.printer.json({"path": str(args.output)})
    else:
        ctx.printer.line(t("cli.import_template_written", path=str(args.output)))
    return 0


def register(commands) -> None:
    cmd = commands.add_parser(
        "import",
        help="households from an Excel (.xlsx, .xls, .ods) or CSV file, checked row by row (exit 5: rows rejected)",
    )
    cmd.add_argument("file", nargs="?", metavar="FILE", help="the spreadsheet or CSV file")
    cmd.add_argument("--mapping", metavar="FILE", help='JSON {"header as in the file": "field"} instead of the guess')
    cmd.add_argument("--sheet", metavar="NAME", help="the workbook's sheet to read (default: the first)")
    cmd.add_argument("--dry-run", action="store_true", help="check and report only; write nothing")
    cmd.add_argument("--report", metavar="FILE", help="write the rejected rows (.xlsx: highlighted, or .csv) here")
    cmd.add_argument("--template", action="store_true", help="write the template to fill (with -o) and stop")
    cmd.add_argument("-o", "--output", metavar="FILE", help="with --template: the .xlsx to write")
    cmd.set_defaults(handler=import_households_file)
