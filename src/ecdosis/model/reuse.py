"""What an earlier load of the edition made of each file, reused while that file, and what it
was checked against, are unchanged: after an edit of one note, only that note is read and
checked again, not every text and annotation of the edition.

A piece of the edition (a text, a note, an entry of a registry, the bibliography, the mentions)
is kept under a key naming what it was made from: the SHA-256 of its own file or files and of
those it was checked against (a note against its text and the bibliography, a topic's passages
against every text). Only what was made without a problem is kept, so a problem is found again,
and reported, by every load until it is fixed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ecdosis.model.problems import Problem

T = TypeVar("T")
Key = tuple[str, ...]


def file_digest(path: Path, digests: dict[Path, str]) -> str:
    """The SHA-256 of a file's contents ("missing" if it cannot be read), found in ``digests``
    or read and added to it."""
    found = digests.get(path)
    if found is None:
        try:
            found = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            found = "missing"
        digests[path] = found
    return found


@dataclass
class Reuse:
    """The pieces an earlier load made (``kept``) and those this load made or reused (``made``:
    what the next load may reuse, as its ``kept``); ``digests`` holds the SHA-256 of each file
    read, which the caller may have begun to fill."""

    kept: dict[Key, object] = field(default_factory=dict)
    made: dict[Key, object] = field(default_factory=dict)
    digests: dict[Path, str] = field(default_factory=dict)

    def digest(self, paths: Iterable[Path]) -> str:
        """The fingerprint of some files, their names and contents (a missing file counts as
        missing), each file read once per load."""
        combined = hashlib.sha256()
        for path in paths:
            combined.update(f"{path}\0{file_digest(path, self.digests)}\0".encode())
        return combined.hexdigest()

    def load(self, key: Key, make: Callable[[list[Problem]], T], problems: list[Problem]) -> T:
        """The piece made from ``key``: the one kept, or made afresh (its problems, if any,
        added to ``problems``, and then not kept)."""
        if key in self.kept:
            piece = self.kept[key]
            self.made[key] = piece
            return piece  # type: ignore[return-value]  # made by the same ``make`` for this key
        before = len(problems)  # ``make`` sees the problems found so far (some bound them)
        piece = make(problems)
        if len(problems) == before:
            self.made[key] = piece
        return piece
