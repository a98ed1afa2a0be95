"""Reading a workbook's sheet (.xlsx, .xlsm, .xls, .ods) with calamine: cell values as typed, merged ranges, clear
refusals for password-protected, damaged or mislabelled files."""

from __future__ import annotations

from pathlib import Path

import python_calamine

from fieldapp.errors import BadData

OLE2_START = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of .xls files and of password-protected .xlsx files
ZIP_START = b"PK\x03\x04"
# An encrypted Office Open XML file is an OLE2 container holding these two streams (names stored in UTF-16).
_ENCRYPTED_STREAMS = ("EncryptedPackage".encode("utf-16-le"), "EncryptionInfo".encode("utf-16-le"))
ZIP_FORMATS = (".xlsx", ".xlsm", ".ods")

# (first row, first column), (last row, last column), 0-based and inclusive, as calamine gives them
MergedRange = tuple[tuple[int, int], tuple[int, int]]
Rows = list[tuple[int, list[object]]]


def _check_container(path: Path, data_start: bytes) -> None:
    """BadData for what calamine would misread or fail on with a message no one understands."""
    suffix = path.suffix.lower()
    if not data_start.strip():
        raise BadData("import.empty_file", file=path.name)
    if data_start.startswith(OLE2_START):
        if suffix in ZIP_FORMATS and _is_encrypted(path):
            raise BadData("import.password_protected", file=path.name)
        return
    if suffix == ".xls" or not data_start.startswith(ZIP_START):
        raise BadData("import.not_workbook", file=path.name)


def _is_encrypted(path: Path) -> bool:
    data = path.read_bytes()
    return any(stream in data for stream in _ENCRYPTED_STREAMS)


def _open(path: Path) -> python_calamine.CalamineWorkbook:
    with path.open("rb") as handle:
        start = handle.read(4096)
    _check_container(path, start)
    try:
        # from_filelike looks at the bytes rather than the name, so an .xls saved as .xlsx still opens
        with path.open("rb") as handle:
            return python_calamine.CalamineWorkbook.from_filelike(handle)
    except python_calamine.PasswordError:
        raise BadData("import.password_protected", file=path.name) from None
    except BaseException as error:  # calamine's Rust panics are not Exceptions
        if isinstance(error, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        raise BadData("import.damaged", file=path.name) from None


def workbook_sheets(path: Path) -> list[str]:
    workbook = _open(path)
    try:
        return list(workbook.sheet_names)
    finally:
        workbook.close()


def read_sheet(path: Path, sheet: str | None) -> tuple[str, list[str], Rows, list[MergedRange]]:
    """(sheet read, every sheet's name, [(Excel row number, cells)], merged ranges); empty cells are None.

    Without a sheet name, the first sheet that holds something is read."""
    workbook = _open(path)
    try:
        names = list(workbook.sheet_names)
        if sheet is not None and sheet not in names:
            raise BadData("import.sheet_missing", file=path.name, sheet=sheet, sheets=", ".join(names))
        try:
            chosen, data = _sheet(workbook, [sheet] if sheet is not None else names, path.name)
            values = data.to_python(skip_empty_area=False)
            merged = list(data.merged_cell_ranges or [])
        except python_calamine.PasswordError:
            raise BadData("import.password_protected", file=path.name) from None
        except BaseException as error:
            if isinstance(error, KeyboardInterrupt | SystemExit | MemoryError | BadData):
                raise
            raise BadData("import.damaged", file=path.name) from None
    finally:
        workbook.close()
    rows = [(index + 1, [None if value == "" else value for value in row]) for index, row in enumerate(values)]
    return chosen, names, rows, merged


def _sheet(workbook: python_calamine.CalamineWorkbook, names: list[str], source: str):
    """(name, sheet) of the first of `names` that holds something, else the first one."""
    if not names:
        raise BadData("import.empty_file", file=source)
    first = None
    for name in names:
        data = workbook.get_sheet_by_name(name)
        if data.height:
            return name, data
        first = first or (name, data)
    return first
