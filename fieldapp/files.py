"""Writing files people keep (exports, PDFs) so that a power cut leaves the old file or the new one, never half."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def temp_beside(path: str | os.PathLike) -> Path:
    """A new empty hidden file in the folder of `path` (made if missing), to be written then moved over `path`."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(descriptor)
    return Path(temp_name)


def sync_file(path: str | os.PathLike) -> None:
    """Whatever was written to `path` is on the disk, not only in the system's cache."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def move_into_place(temp: str | os.PathLike, path: str | os.PathLike) -> None:
    """Put the synced `temp` at `path` in one step, and make the move itself last (the folder synced where it can)."""
    os.replace(temp, path)
    if os.name == "posix":  # Windows cannot open a folder to sync it
        # Best effort: some filesystems (network shares, FUSE, a FAT USB stick) refuse it, and the file is in place.
        with contextlib.suppress(OSError):
            folder = os.open(Path(path).parent, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)


@contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """A temporary path beside `path`; when the block ends without error it is synced and moved over `path`."""
    temp = temp_beside(path)
    try:
        yield temp
        sync_file(temp)
        move_into_place(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
