"""What a build keeps beside its doctrees for the next build (the loaded edition, the input
files' digests, the register): pickles written whole and then moved into place, so that a
build stopped while writing leaves the last one whole, and read back only when readable. A
build that cannot keep or read one is only slower."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from pathlib import Path
from typing import IO

UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError)


def read_kept(file: Path) -> object | None:
    """What was kept in ``file`` (its first part); ``None`` if nothing, or nothing readable."""
    found = read_kept_parts(file, 1)
    return None if found is None else found[0]


def read_kept_parts(file: Path, count: int) -> tuple[object, ...] | None:
    """The first ``count`` parts kept in ``file`` (:func:`write_kept`), without reading the
    rest; ``None`` if there are fewer, or they are unreadable."""
    try:
        with file.open("rb") as opened:
            return tuple(pickle.load(opened) for _ in range(count))
    except UNREADABLE:
        return None


def write_kept(file: Path, *parts: object) -> None:
    """Keep ``parts`` in ``file`` (and its folder, made if missing), one after the other: a
    reader may read the first without the others."""

    def write(opened: IO[bytes]) -> None:
        for part in parts:
            pickle.dump(part, opened, protocol=pickle.HIGHEST_PROTOCOL)

    write_kept_with(file, write)


def write_kept_with(file: Path, write: Callable[[IO[bytes]], None]) -> None:
    """Keep in ``file`` (and its folder, made if missing) what ``write`` writes: written whole
    beside it, then moved into place; nothing if it fails."""
    partial = file.with_name(file.name + ".partial")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as opened:
            write(opened)
        partial.replace(file)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        partial.unlink(missing_ok=True)
