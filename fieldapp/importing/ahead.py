"""The later rows of a large file read by a second process on the other core, while the dry run loads the register."""

from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor

from fieldapp import i18n
from fieldapp.importing.rows import RowReader, RowReading
from fieldapp.importing.table import SourceRow, Table

log = logging.getLogger(__name__)

READ_AHEAD_FROM = 5_000  # rows: below this a second process costs more (its start, ~1 s) than it saves
OWN_SHARE = 0.4  # the first 40 % stay here: this process also loads the register and compares names meanwhile


class ReadAhead:
    """Rows [start:] read as `RowReader.read(row, updating=False)` in a spawned process (no fork: the window's
    threads and the open SQLite connections must not be copied). `reading(i)` is that row's reading, or None when it
    was not read ahead (or the process failed: the caller then reads the row itself, nothing is lost)."""

    def __init__(self, table: Table, mapping: dict[int, str], default_commune: str | None) -> None:
        self.start = len(table.rows)
        self.used = 0  # rows whose reading came from the other process
        self._future: Future | None = None
        self._readings: list[RowReading] | None = None
        if len(table.rows) < READ_AHEAD_FROM or (os.cpu_count() or 1) < 2:
            return
        start = int(len(table.rows) * OWN_SHARE)
        try:
            self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            self._future = self._pool.submit(_read_rows, table.headers, table.columns, table.rows[start:], mapping,
                                             default_commune, i18n.current_language())  # fmt: skip
            self.start = start
        except (OSError, RuntimeError) as error:  # no process could be started: read every row here
            log.warning("reading ahead not started: %s", error)

    def reading(self, position: int, row: SourceRow) -> RowReading | None:
        if position < self.start:
            return None
        if self._readings is None:
            self._readings = self._collect()
        if not self._readings:
            return None
        done = self._readings[position - self.start]
        done.row = row
        self.used += 1
        return done

    def _collect(self) -> list[RowReading]:
        try:
            return self._future.result() if self._future else []
        except Exception as error:  # a crashed or killed process (memory): read the rows here instead
            log.warning("reading ahead failed, rows read here: %r", error)
            return []
        finally:
            self.close()

    def close(self) -> None:
        if self._future is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._future = None


def _read_rows(
    headers: tuple[str, ...],
    columns: tuple[str, ...],
    rows: tuple[SourceRow, ...],
    mapping: dict[int, str],
    default_commune: str | None,
    language: str,
) -> list[RowReading]:
    i18n.set_language(language)  # a spawned process starts with the default language: messages in the user's
    table = Table(source="", sheet=None, sheets=(), header_row=0, headers=headers, columns=columns, rows=())
    reader = RowReader(table, mapping, default_commune)
    readings = [reader.read(row, updating=False) for row in rows]
    for reading in readings:
        reading.row = None  # sent back without its cells: the caller has them
    return readings
