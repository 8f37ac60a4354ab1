"""What a build keeps beside its doctrees for the next build (the loaded edition, the input
files' digests, the register): pickles written whole and then moved into place, so that a
build stopped while writing leaves the last one whole, and read back only when readable. A
build that cannot keep or read one is only slower."""

from __future__ import annotations

import pickle
from pathlib import Path

_UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError)


def read_kept(file: Path) -> object | None:
    """What was kept in ``file``; ``None`` if nothing, or nothing readable."""
    try:
        with file.open("rb") as opened:
            found: object = pickle.load(opened)
    except _UNREADABLE:
        return None
    return found


def write_kept(file: Path, value: object) -> None:
    """Keep ``value`` in ``file`` (and its folder, made if missing)."""
    partial = file.with_name(file.name + ".partial")
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as opened:
            pickle.dump(value, opened, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(file)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        partial.unlink(missing_ok=True)
