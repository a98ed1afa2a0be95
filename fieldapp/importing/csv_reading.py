"""Reading a CSV file's rows: its encoding detected (UTF-8, Windows-1256, Windows-1252/Latin-1), its delimiter found."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

from charset_normalizer import from_bytes

from fieldapp.errors import BadData

DELIMITERS = (",", ";", "\t")
# The encodings a households list comes in here: Excel on an Arabic Windows saves Windows-1256, on a French one
# Windows-1252 (Latin-1 with a few more letters in 0x80-0x9F); anything else is UTF-8, tried first as it is exact.
LEGACY_ENCODINGS = ("cp1256", "cp1252", "latin_1")
LARGEST_CELL = 64 * 1024 * 1024  # characters; a cell past this is refused (Excel itself stops at 32,767)
_SNIFF_LINES = 30
# Starts of files that are not text, whatever their name says.
_BINARY_STARTS = (
    b"PK\x03\x04",  # ZIP: an .xlsx, .ods or .docx
    b"\xd0\xcf\x11\xe0",  # OLE2: an .xls, .doc or a password-protected .xlsx
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"%PDF",
    b"GIF8",
    b"\x1f\x8b",  # gzip
    b"Rar!",
    b"7z\xbc\xaf",
)

Rows = list[tuple[int, list[str | None]]]


def _is_binary(data: bytes) -> bool:
    if data.startswith(_BINARY_STARTS):
        return True
    sample = data[:65536]
    # UTF-16 text has NULs too, but no spreadsheet program saves a CSV that way by default.
    return b"\x00" in sample


def decode(data: bytes, source: str) -> tuple[str, str]:
    """(text, encoding); BadData when the bytes are not text in an encoding we know."""
    if _is_binary(data):
        raise BadData("import.not_text", file=source)
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    if best is None:
        raise BadData("import.not_text", file=source)
    return str(best), best.encoding


def _first_lines(text: str) -> str:
    end = 0
    for _ in range(_SNIFF_LINES):
        found = text.find("\n", end)
        if found < 0:
            return text
        end = found + 1
    return text[:end]


def _delimiter_score(sample: str, delimiter: str) -> tuple[int, int]:
    """(rows that have the most common number of fields, that number) when the sample is split on `delimiter`."""
    try:
        counts = [len(row) for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter) if len(row) > 1]
    except csv.Error:
        return 0, 0
    if not counts:
        return 0, 0
    width, rows = Counter(counts).most_common(1)[0]
    return rows, width


def find_delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most rows of one same width (',' for a single column)."""
    sample = _first_lines(text)
    scores = {delimiter: _delimiter_score(sample, delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: scores[delimiter])
    return best if scores[best][0] else ","


def read_csv_rows(path: Path) -> tuple[Rows, str, str]:
    """([(line number where the record starts, cells)], encoding, delimiter); empty cells are None."""
    data = path.read_bytes()
    if not data.strip():
        raise BadData("import.empty_file", file=path.name)
    text, encoding = decode(data, path.name)
    delimiter = find_delimiter(text)
    if csv.field_size_limit() < LARGEST_CELL:
        csv.field_size_limit(LARGEST_CELL)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: Rows = []
    line = 1
    try:
        for record in reader:
            rows.append((line, [cell if cell.strip() else None for cell in record]))
            line = reader.line_num + 1
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise BadData("import.cell_too_large", file=path.name, row=line) from None
        raise BadData("import.csv_unreadable", file=path.name, row=line) from None
    return rows, encoding, delimiter
