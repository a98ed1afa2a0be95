"""Importing households from a spreadsheet: a dry run that reports every row, then the import of the valid rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select

from fieldapp import i18n, settings
from fieldapp.db import Database
from fieldapp.duplicates import RegisterIndex
from fieldapp.errors import BadData, FieldappError
from fieldapp.importing.ahead import ReadAhead
from fieldapp.importing.cells import cell_text
from fieldapp.importing.mapping import remembered
from fieldapp.importing.rejected import write_rejected
from fieldapp.importing.rows import ERROR, WARNING, Problem, RowReader
from fieldapp.importing.table import SourceRow, Table
from fieldapp.models import Household, Member
from fieldapp.normalize import normalize_cin
from fieldapp.permissions import Action
from fieldapp.services import Outcome, bulk
from fieldapp.services.households import HouseholdInput, apply_update, validated_fields

__all__ = ["Problem", "ImportCheck", "ImportResult", "RowPlan", "check_import", "run_import", "write_rejected"]

CREATE, UPDATE, UNCHANGED, REJECT = "create", "update", "unchanged", "reject"
BATCH = 500  # households per transaction: an interrupted import keeps whole batches, never half a household
Progress = Callable[[int, int], None]


@dataclass
class RowPlan:
    """What the import will do with one row, and why."""

    row: SourceRow
    action: str
    household_id: str | None
    problems: list[Problem]
    data: HouseholdInput | None = None
    values: dict = field(default_factory=dict)  # the row's fields as the rules normalise them
    members: list | None = None  # the row's members as the rules checked them
    look_alikes: list[tuple[str, str]] = field(default_factory=list)  # (household id or "row:N", reason)


@dataclass
class ImportCheck:
    """The dry run: every row's plan; nothing written."""

    table: Table
    mapping: dict[int, str]
    rows: list[RowPlan]
    read_ahead: int = 0  # rows read by a second process (a large file on a machine with two cores or more)

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def created(self) -> int:
        return self.count(CREATE)

    @property
    def updated(self) -> int:
        return self.count(UPDATE)

    @property
    def unchanged(self) -> int:
        return self.count(UNCHANGED)

    @property
    def rejected(self) -> int:
        return self.count(REJECT)

    @property
    def warnings(self) -> int:
        """Warnings on the rows that will be imported (a refused row's are part of its refusal)."""
        return sum(1 for r in self.rows if r.action != REJECT for p in r.problems if p.level == WARNING)

    @property
    def problems(self) -> list[Problem]:
        return [p for r in self.rows for p in r.problems]


@dataclass
class ImportResult:
    """What the import did; `rejected` counts rows refused at the check and any the rules refused while writing."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    warnings: int = 0
    cancelled: bool = False
    household_ids: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # refusals met while writing (a CIN taken meanwhile)

    @property
    def changed(self) -> frozenset[str]:
        """What the window refreshes: the households written, if any."""
        return frozenset({"households"}) if self.created or self.updated else frozenset()

    def as_dict(self) -> dict:
        keys = ("created", "updated", "unchanged", "rejected", "warnings", "cancelled")
        return {k: getattr(self, k) for k in keys}


def saved_mapping(db: Database) -> dict[str, str]:
    """The association's mapping from its last import ({folded header: field}), or {}."""
    with db.read() as session:
        return dict(settings.get(session, "import_mapping") or {})


def save_mapping(db: Database, table: Table, mapping: dict[int, str]) -> Outcome[dict[str, str]]:
    """Remember which header meant which field, so the next import of this association's lists guesses it."""
    db.require(Action.IMPORT)
    with db.write() as uow:
        known = dict(settings.get(uow.session, "import_mapping") or {})
        known.update(remembered(mapping, table.headers))
        settings.put(uow.session, "import_mapping", known)
        uow.audit("import.mapping_saved", "settings", None, fields=sorted(set(mapping.values())))
    return Outcome(known, [], frozenset({"settings"}))


def _require_name_column(table: Table, mapping: dict[int, str]) -> None:
    if not {"head_name", "head_name_ar", "id", "cin"} & set(mapping.values()):
        raise BadData("error.import_no_name_column", headers=" | ".join(table.headers) or "—")


def _existing(db: Database) -> tuple[RegisterIndex, dict[str, tuple[str, str]], set[str]]:
    """The register as the checks need it: names and phones per commune, CIN → (id, name), active ids."""
    index, cins, ids = RegisterIndex(), {}, set()
    with db.read() as session:  # plain text columns read through the driver: 150,000 rows without ORM row objects
        rows = session.connection().exec_driver_sql(
            "SELECT id, head_name, head_name_ar, cin, phone, commune_code FROM households WHERE deleted_at IS NULL"
        )
        for household_id, name, name_ar, cin, phone, commune_code in rows:
            index.add(household_id, name, name_ar, phone, commune_code)
            if cin:
                cins.setdefault(cin, (household_id, name))
            ids.add(household_id)
    return index, cins, ids


def _names(db: Database, ids: set[str]) -> dict[str, str]:
    with db.read() as session:
        found: dict[str, str] = {}
        listed = sorted(ids)
        for start in range(0, len(listed), 500):
            chunk = listed[start : start + 500]
            query = select(Household.id, Household.head_name).where(Household.id.in_(chunk))
            found.update((hid, name) for hid, name in session.execute(query))
        return found


def _default_commune(db: Database) -> str | None:
    with db.read() as session:
        return settings.get(session, "default_commune")


def check_import(db: Database, table: Table, mapping: dict[int, str], progress: Progress | None = None) -> ImportCheck:
    """Every row checked by the registration rules and against the register and the file's other rows."""
    db.require(Action.IMPORT)
    _require_name_column(table, mapping)
    default_commune = _default_commune(db)
    reader = RowReader(table, mapping, default_commune)
    ahead = ReadAhead(table, mapping, default_commune)  # the later rows read on the other core meanwhile
    try:
        index, cins, ids = _existing(db)
        file_cins: dict[str, int] = {}
        file_ids: dict[str, int] = {}
        plans: list[RowPlan] = []
        total = len(table.rows)
        for position, row in enumerate(table.rows):
            if progress and position % 500 == 0:
                progress(position, total)
            plans.append(_plan_row(reader, row, index, cins, ids, file_cins, file_ids, ahead, position))
    finally:
        ahead.close()
    _settle_updates(db, reader, plans)
    _name_look_alikes(db, reader, plans)
    if progress:
        progress(total, total)
    return ImportCheck(table, dict(mapping), plans, ahead.used)


def _plan_row(reader: RowReader, row: SourceRow, index, cins, ids, file_cins, file_ids, ahead, position) -> RowPlan:
    """A new household's row may have been read ahead by the other process; an update's is read here."""
    record_id = cell_text(reader.cell(row, "id"))
    cin = normalize_cin(cell_text(reader.cell(row, "cin")))
    target = None
    early: list[Problem] = []
    if record_id:
        if record_id not in ids:
            early.append(reader.problem(row, "id", "import.id_unknown", ERROR))
        else:
            target = record_id
    if cin and cin in cins:
        holder, holder_name = cins[cin]
        if target and holder != target:
            early.append(reader.problem(row, "cin", "import.cin_other_household", ERROR, name=holder_name))
        target = target or holder
    if cin and cin in file_cins:
        early.append(reader.problem(row, "cin", "import.cin_twice_in_file", ERROR, other=file_cins[cin]))
    elif target and target in file_ids:
        early.append(reader.problem(row, None, "import.household_twice_in_file", ERROR, other=file_ids[target]))
    reading = (ahead.reading(position, row) if target is None else None) or reader.read(row, updating=bool(target))
    reading.problems[:0] = early
    if cin:
        file_cins.setdefault(cin, row.number)
    if target:
        file_ids.setdefault(target, row.number)
    if reading.refused or reading.data is None:
        return RowPlan(row, REJECT, target, reading.problems)
    plan = RowPlan(row, UPDATE if target else CREATE, target, reading.problems, reading.data, reading.values,
                   reading.members)  # fmt: skip
    v = reading.values
    if v.get("commune_code") and v.get("head_name"):  # an update keeping its names and commune has nothing to compare
        plan.look_alikes = index.matches(v["head_name"], v.get("head_name_ar"), v.get("phone"), v["commune_code"],
                                         exclude=target or "")  # fmt: skip
        index.add(f"row:{row.number}", v["head_name"], v.get("head_name_ar"), v.get("phone"), v["commune_code"])
    return plan


def _name_look_alikes(db: Database, reader: RowReader, plans: list[RowPlan]) -> None:
    """Warn of households already registered (or earlier rows) with the same phone or a similar name, by name."""
    ids = {ref for plan in plans for ref, _ in plan.look_alikes if not ref.startswith("row:")}
    names = _names(db, ids) if ids else {}
    for plan in plans:
        if not plan.look_alikes:
            continue
        shown = [
            i18n.t("import.row_ref", row=ref[4:]) if ref.startswith("row:") else f"{names.get(ref, '?')} ({ref[:13]}…)"
            for ref, _ in plan.look_alikes
        ]
        column = "phone" if plan.look_alikes[0][1] == "same_phone" else "head_name"
        if column not in reader.columns:
            column = "head_name_ar" if "head_name_ar" in reader.columns else None
        plan.problems.append(reader.problem(plan.row, column, "import.looks_like", WARNING, names="; ".join(shown)))


_COMPARED = ("head_name", "head_name_ar", "cin", "phone", "commune_code", "douar", "size", "flags", "notes")
_INPUT_NAME = {"commune_code": "commune"}


def _settle_updates(db: Database, reader: RowReader, plans: list[RowPlan]) -> None:
    """An update keeps only the fields that differ from the household; a row that changes nothing is 'unchanged'.
    A "no" in the consent column never withdraws a consent recorded at the desk (that is done on the household)."""
    updates = {p.household_id: p for p in plans if p.action == UPDATE}
    if not updates:
        return
    with db.read() as session:
        listed = sorted(updates)
        for start in range(0, len(listed), 500):
            chunk = listed[start : start + 500]
            members: dict[str, list[tuple]] = {}
            for m in session.scalars(select(Member).where(Member.household_id.in_(chunk), Member.deleted_at.is_(None))):
                members.setdefault(m.household_id, []).append((m.name, m.name_ar, m.sex, m.birth_year, m.relation))
            for household in session.scalars(select(Household).where(Household.id.in_(chunk))):
                _settle(reader, updates[household.id], household, sorted(members.get(household.id, [])))


def _settle(reader: RowReader, plan: RowPlan, household: Household, members: list[tuple]) -> None:
    data, given = plan.data, plan.values
    changes: dict = {}
    for key in _COMPARED:
        name = _INPUT_NAME.get(key, key)
        if getattr(data, name) is not None and key in given and given[key] != getattr(household, key):
            changes[name] = getattr(data, name)
    if data.members is not None:
        new = sorted((m.name, m.name_ar, m.sex, m.birth_year, m.relation) for m in data.members)
        if new != members:
            changes["members"] = data.members
            if data.size is not None and "size" not in changes:
                changes["size"] = data.size
    if data.consent and household.consent_at is None:
        changes["consent"] = True
    elif data.consent is False and household.consent_at is not None:
        plan.problems.append(reader.problem(plan.row, "consent", "import.consent_kept", WARNING))
    if not changes:
        plan.action, plan.data = UNCHANGED, None
        return
    plan.data = HouseholdInput(**changes)
    try:  # the rules as the update will apply them, against the household as it is (its members, its size)
        validated_fields(plan.data, household)
    except FieldappError as error:
        column = (
            "size"
            if error.key in ("error.size_below_members", "error.size_invalid") and "size" in reader.columns
            else None
        )
        plan.action, plan.data = REJECT, None
        plan.problems.append(reader.problem(plan.row, column, "import.rule", ERROR, reason=error.message()))


def run_import(
    db: Database,
    check: ImportCheck,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    actor: str | None = None,
) -> ImportResult:
    """Write the rows the check accepted: new households in batches (one transaction each), then the updates in
    batches through the normal update; Cancel stops between transactions, keeping what was committed."""
    db.require(Action.IMPORT)
    result = ImportResult(rejected=check.rejected)
    todo = [p for p in check.rows if p.action in (CREATE, UPDATE)]
    result.warnings = sum(1 for p in todo for w in p.problems if w.level == WARNING)
    done = 0
    creates = [p for p in todo if p.action == CREATE]
    updates = [p for p in todo if p.action == UPDATE]
    for start in range(0, len(creates), BATCH):
        if cancelled and cancelled():
            result.cancelled = True
            return result
        _create_batch(db, creates[start : start + BATCH], result, actor)
        done += len(creates[start : start + BATCH])
        if progress:
            progress(done, len(todo))
    for start in range(0, len(updates), BATCH):
        if cancelled and cancelled():
            result.cancelled = True
            return result
        _update_batch(db, updates[start : start + BATCH], result, actor)
        done += len(updates[start : start + BATCH])
        if progress:
            progress(done, len(todo))
    if progress:
        progress(len(todo), len(todo))
    return result


def _create_batch(db: Database, plans: list[RowPlan], result: ImportResult, actor: str | None) -> None:
    # the rows as the dry run validated them: the rules are not run a second time on 500 households
    written = bulk.import_validated(db, [(p.data, p.values, p.members) for p in plans], actor=actor)
    refused = {problem.index: problem for problem in written.errors}
    for position, plan in enumerate(plans):
        if position in refused:
            result.rejected += 1
            result.problems.append(_late_problem(plan, refused[position].message))
    result.created += written.imported
    result.household_ids += written.household_ids


def _update_batch(db: Database, plans: list[RowPlan], result: ImportResult, actor: str | None) -> None:
    """Updates of one batch in one transaction. A household the rules refuse now (its CIN taken since the dry run)
    is rare: the batch is first written straight; if one is refused, the batch is rolled back and written again with
    a savepoint per household, so that one is left whole as it was and the others are written."""
    try:
        updated, late = _write_updates(db, plans, actor, savepoints=False)
    except FieldappError:
        updated, late = _write_updates(db, plans, actor, savepoints=True)
    result.household_ids += updated
    result.updated += len(updated)
    result.rejected += len(late)
    result.problems += late


def _write_updates(
    db: Database, plans: list[RowPlan], actor: str | None, savepoints: bool
) -> tuple[list[str], list[Problem]]:
    updated: list[str] = []
    late: list[Problem] = []
    with db.write(actor) as uow:
        households = {h.id: h for h in uow.session.scalars(select(Household).where(
            Household.id.in_([p.household_id for p in plans]), Household.deleted_at.is_(None)))}  # fmt: skip
        for plan in plans:
            household = households.get(plan.household_id)
            if household is None:  # deleted since the dry run
                late.append(_late_problem(plan, i18n.t("error.household_not_found", ref=plan.household_id)))
                continue
            if not savepoints:
                apply_update(uow, household, plan.data, look_alikes=False)
                updated.append(plan.household_id)
                continue
            savepoint = uow.session.begin_nested()
            try:
                apply_update(uow, household, plan.data, look_alikes=False)
                savepoint.commit()
            except FieldappError as error:
                savepoint.rollback()
                late.append(_late_problem(plan, error.message()))
                continue
            updated.append(plan.household_id)
        uow.changed.add("households")
    return updated, late


def _late_problem(plan: RowPlan, message: str) -> Problem:
    return Problem(plan.row.number, None, None, None, "import.refused_while_writing", message, ERROR)
