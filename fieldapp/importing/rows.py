"""One spreadsheet row read as a household: each field checked by the normal rules, each problem naming its column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from rapidfuzz import fuzz, process

from fieldapp import geo, i18n
from fieldapp.errors import FieldappError, Notice
from fieldapp.importing.cells import cell_text
from fieldapp.importing.table import SourceRow, Table
from fieldapp.models import VULNERABILITY_FLAGS
from fieldapp.normalize import cin_notices, fold_name, normalize_cin, normalize_phone, phone_notices, western_digits
from fieldapp.services.households import HouseholdInput, MemberInput, check_member, clean_text, validated_fields

ERROR, WARNING = "error", "warning"
SHOWN_VALUE = 80  # characters of a cell quoted in a message
# The longest text a field takes (the columns' sizes; a paragraph of notes; a dozen members).
LONGEST = {"head_name": 200, "head_name_ar": 200, "cin": 20, "phone": 30, "commune": 200, "douar": 200, "notes": 2000,
           "members": 4000, "flags": 400, "consent": 40, "id": 40, "size": 20}  # fmt: skip
_CIN_CHARACTERS = re.compile(r"^[A-Z0-9]+$")
_MEMBER_SEPARATORS = re.compile(r"\s*(?:\n|\|)\s*")
_YES = {"oui", "o", "yes", "y", "1", "x", "vrai", "true", "نعم", "موافق", "موافقه", "✓", "✔"}
_NO = {"non", "n", "no", "0", "faux", "false", "لا", "غير موافق", "غير موافقه"}
# Which column an error of the normal rules belongs to (validated_fields raises one error at a time).
_ERROR_FIELDS = {
    "error.name_required": "head_name",
    "error.size_invalid": "size",
    "error.size_below_members": "size",
    "error.flag_unknown": "flags",
    "error.phone_invalid": "phone",
}
_MEMBER_ERRORS = ("error.member_invalid", "error.member_sex", "error.member_birth_year")


@dataclass(frozen=True)
class Problem:
    """What is wrong with one cell (or a whole row), what was expected, and whether the row is kept."""

    row: int
    column: str | None
    letter: str | None
    value: str | None
    key: str
    message: str
    level: str

    def as_dict(self) -> dict:
        return self.__dict__.copy()


@dataclass
class RowReading:
    """A row turned into what a form would give, with the problems found; `data` is None when the row is refused."""

    row: SourceRow
    data: HouseholdInput | None
    values: dict = field(default_factory=dict)  # the normalised fields (cin, phone, commune_code, names)
    problems: list[Problem] = field(default_factory=list)
    members: list[MemberInput] | None = None  # as the rules checked them (None: the row lists none)
    record_id: str | None = None  # the id column, when the file names the household to update

    @property
    def refused(self) -> bool:
        return any(p.level == ERROR for p in self.problems)


@cache
def _flag_words() -> dict[str, str]:
    """Folded words people write for each vulnerability, in the three languages, and the codes themselves."""
    words = {fold_name(code): code for code in VULNERABILITY_FLAGS}
    for language in i18n.LANGUAGES:
        for code in VULNERABILITY_FLAGS:
            words[fold_name(i18n.flag_name(code, language))] = code
    extra = {"veuf": "widow", "handicape": "disability", "handicapee": "disability", "enceinte": "pregnant",
             "age": "elderly", "agee": "elderly", "orpheline": "orphan", "malade": "chronic_illness",
             "sans revenus": "no_income", "ارمله": "widow", "اعاقه": "disability", "يتيم": "orphan"}  # fmt: skip
    words.update({fold_name(k): v for k, v in extra.items()})
    return words


def flag_codes(text: str) -> tuple[list[str], list[str]]:
    """Vulnerability codes read from a cell ('veuve, handicap'), and the words that are none of them."""
    words = _flag_words()
    codes, unknown = [], []
    for part in re.split(r"[,;/+\n]", text):
        folded = fold_name(part)
        if not folded:
            continue
        found = words.get(folded)
        if found is None:
            best = process.extractOne(folded, words.keys(), scorer=fuzz.ratio, score_cutoff=85)
            found = words[best[0]] if best else None
        if found:
            codes.append(found)
        else:
            unknown.append(part.strip())
    return codes, unknown


@cache
def nearest_communes(text: str) -> str:
    """The three communes whose name is closest to a misspelt one, as labels ('Khouribga (Khouribga)')."""
    names = {code: fold_name(c.name_fr) for code, c in geo.all_communes().items()}
    names.update({f"{code}#ar": fold_name(c.name_ar) for code, c in geo.all_communes().items()})
    found = process.extract(fold_name(text), names, scorer=fuzz.ratio, limit=6, score_cutoff=70)
    labels: list[str] = []
    for _, _, key in found:
        label = geo.commune(key.partition("#")[0]).label()
        if label not in labels:
            labels.append(label)
    return ", ".join(labels[:3]) or "—"


def _whole_number(value: object) -> int | None:
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError
        return int(value)
    text = western_digits(cell_text(value) or "")
    if not text:
        return None
    return int(float(text)) if re.fullmatch(r"\d+(?:\.0+)?", text) else int(text)


class RowReader:
    """Reads the rows of one table with one mapping; `default_commune` stands in for an empty commune cell."""

    def __init__(self, table: Table, mapping: dict[int, str], default_commune: str | None = None) -> None:
        self.table = table
        self.columns = {name: index for index, name in mapping.items()}
        self.default_commune = default_commune
        self._communes: dict[str, object] = {}

    def problem(self, row: SourceRow, name: str | None, key: str, level: str, **params: object) -> Problem:
        index = self.columns.get(name) if name else None
        header = self.table.headers[index] if index is not None else None
        letter = self.table.columns[index] if index is not None else None
        value = cell_text(row.cells[index]) if index is not None and index < len(row.cells) else None
        if value and len(value) > SHOWN_VALUE:
            value = value[: SHOWN_VALUE - 1] + "…"  # a 10 MB cell is named, not copied into every message
        column = i18n.t("import.column", column=header, letter=letter) if header else i18n.t("import.whole_row")
        message = i18n.t(key, **params, value=value or "", column=column)
        return Problem(row.number, header, letter, value, key, message, level)

    def cell(self, row: SourceRow, name: str) -> object:
        index = self.columns.get(name)
        return row.cells[index] if index is not None and index < len(row.cells) else None

    def read(self, row: SourceRow, updating: bool = False) -> RowReading:
        """The row as a HouseholdInput, every problem found (not only the first); `updating` leaves empty cells be."""
        reading = RowReading(row, None)
        problems = reading.problems
        add = problems.append
        text = {name: cell_text(self.cell(row, name)) for name in self.columns}
        for name, value in text.items():
            if value and len(value) > LONGEST[name]:
                add(self.problem(row, name, "import.too_long", ERROR, length=len(value), longest=LONGEST[name]))
        if problems:
            return reading
        reading.record_id = text.get("id")
        head_name, head_name_ar = clean_text(text.get("head_name")), clean_text(text.get("head_name_ar"))
        if not head_name and head_name_ar:
            head_name = head_name_ar  # a list kept in Arabic only: the Arabic name is the name
        if not head_name and not updating:
            add(self.problem(row, "head_name" if "head_name" in self.columns else "head_name_ar",
                             "import.name_missing", ERROR))  # fmt: skip
        cin = self._cin(row, text.get("cin"), add)
        phone = self._phone(row, text.get("phone"), add)
        commune_code = self._commune(row, text.get("commune"), updating, add)
        size = self._size(row, add)
        flags, notes = self._flags(row, text.get("flags"), text.get("notes"), add)
        consent = self._consent(row, text.get("consent"), updating, add)
        members = self._members(row, self.cell(row, "members"), add)
        if any(p.level == ERROR for p in problems):
            return reading
        data = HouseholdInput(
            head_name=head_name, head_name_ar=head_name_ar, cin=cin, phone=phone, commune=commune_code,
            douar=text.get("douar"), size=size, flags=flags, consent=consent, notes=notes, members=members,
        )  # fmt: skip
        if updating:
            data = HouseholdInput(**{k: v for k, v in data.__dict__.items() if v is not None})
        try:
            current = None if not updating else _Blank()
            values, members_checked, _ = validated_fields(data, current, members_checked=True)
        except FieldappError as error:
            add(self._rule_problem(row, error))
            return reading
        reading.data, reading.values, reading.members = data, values, members_checked
        return reading

    def _rule_problem(self, row: SourceRow, error: FieldappError) -> Problem:
        name = _ERROR_FIELDS.get(error.key) or ("members" if error.key in _MEMBER_ERRORS else None)
        problem = self.problem(row, name, "import.rule", ERROR, reason=error.message())
        return problem

    def _cin(self, row: SourceRow, raw: str | None, add) -> str | None:
        cin = normalize_cin(raw)
        if cin and not _CIN_CHARACTERS.match(cin):
            add(self.problem(row, "cin", "import.cin_unreadable", ERROR))
        elif cin:
            add_notices(self, row, "cin", cin_notices(cin), add)
        return cin

    def _phone(self, row: SourceRow, raw: str | None, add) -> str | None:
        if not raw:
            return None
        try:
            phone = normalize_phone(raw)
        except FieldappError:
            add(self.problem(row, "phone", "import.phone_invalid", ERROR))
            return None
        if phone and not phone.startswith("+212"):
            add(self.problem(row, "phone", "import.phone_foreign", WARNING, phone=phone))
        else:
            add_notices(self, row, "phone", phone_notices(phone), add)
        return raw

    def _commune(self, row: SourceRow, raw: str | None, updating: bool, add) -> str | None:
        if not raw:
            if updating:
                return None
            if self.default_commune:
                if "commune" in self.columns:
                    add(self.problem(row, "commune", "import.commune_default", WARNING,
                                     commune=geo.commune(self.default_commune).label()))  # fmt: skip
                return self.default_commune
            add(self.problem(row, "commune" if "commune" in self.columns else None, "import.commune_missing", ERROR))
            return None
        if raw not in self._communes:
            try:
                self._communes[raw] = geo.find_commune(raw).code
            except FieldappError as error:
                self._communes[raw] = error
        found = self._communes[raw]
        if isinstance(found, FieldappError):
            if found.key == "error.commune_ambiguous":
                add(self.problem(row, "commune", "import.commune_ambiguous", ERROR, choices=found.params["choices"]))
            else:
                add(self.problem(row, "commune", "import.commune_unknown", ERROR, nearest=nearest_communes(raw)))
            return None
        return found

    def _size(self, row: SourceRow, add) -> int | None:
        try:
            size = _whole_number(self.cell(row, "size"))
        except (ValueError, OverflowError):
            add(self.problem(row, "size", "import.size_not_number", ERROR))
            return None
        if size is not None and not 1 <= size <= 40:
            add(self.problem(row, "size", "import.size_impossible", ERROR, max=40))
            return None
        return size

    def _flags(self, row: SourceRow, raw: str | None, notes: str | None, add) -> tuple[list[str] | None, str | None]:
        if not raw:
            return None, notes
        codes, unknown = flag_codes(raw)
        if unknown:
            kept = ", ".join(unknown)
            add(self.problem(row, "flags", "import.flag_unknown", WARNING, words=kept,
                             known=", ".join(i18n.flag_name(c) for c in VULNERABILITY_FLAGS)))  # fmt: skip
            notes = f"{notes}\n{kept}" if notes else kept  # nothing lost: the words go to the notes
        return sorted(set(codes)), notes

    def _consent(self, row: SourceRow, raw: str | None, updating: bool, add) -> bool | None:
        if not raw:
            if not updating:
                add(self.problem(row, "consent" if "consent" in self.columns else None, "import.consent_missing",
                                 WARNING))  # fmt: skip
                return False
            return None
        folded = fold_name(raw)
        if folded in _YES:
            return True
        if folded in _NO:
            return False
        add(self.problem(row, "consent", "import.consent_unreadable", ERROR))
        return None

    def _members(self, row: SourceRow, raw: object, add) -> list[MemberInput] | None:
        text = cell_text(raw) if not isinstance(raw, str) else raw.strip()
        if not text:
            return None
        members = []
        for spec in _MEMBER_SEPARATORS.split(text):
            if not spec.strip():
                continue
            try:
                members.append(check_member(MemberInput.parse(spec)))
            except FieldappError as error:
                add(self.problem(row, "members", "import.member_invalid", ERROR, member=spec, reason=error.message()))
                return None
        return members


class _Blank:
    """What validated_fields compares an update with: a household with no members listed."""

    members: list = []
    size = 1


def add_notices(reader: RowReader, row: SourceRow, name: str, notices: list[Notice], add) -> None:
    """The normal rules' warnings (an unusual CIN shape, a phone range not in service), named by column."""
    for notice in notices:
        add(reader.problem(row, name, "import.rule_warning", WARNING, reason=notice.message()))
