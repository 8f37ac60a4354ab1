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
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from ecdosis.model.problems import Problem

T = TypeVar("T")
Key = tuple[str, ...]


class FileDigests(dict[Path, str]):
    """The SHA-256 of files, by path (for :func:`file_digest`); those a walk of their folders
    found (``by_name``, by the path's string, as the walk names it) become entries only when
    first looked for, so that a build that looks for none makes no path."""

    def __init__(self) -> None:
        super().__init__()
        self.by_name: dict[str, str] = {}

    def __missing__(self, path: Path) -> str:
        found = self.by_name[os.fspath(path)]
        self[path] = found
        return found


def file_digest(path: Path, digests: dict[Path, str]) -> str:
    """The SHA-256 of a file's contents ("missing" if it cannot be read), found in ``digests``
    or read and added to it."""
    try:
        return digests[path]
    except KeyError:
        pass
    try:
        found = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        found = "missing"
    digests[path] = found
    return found


def entry_kind(entry: os.DirEntry[str]) -> str:
    """What a folder's entry is, as :func:`listing_digest` names it."""
    return "link" if entry.is_symlink() else "folder" if entry.is_dir() else "file"


def listing_digest(entries: Iterable[tuple[str, str, str]]) -> str:
    """The fingerprint of a folder's entries, in the order of their names: each one's name, kind
    (:func:`entry_kind`) and, for a file, its SHA-256 (nothing for another kind)."""
    combined = hashlib.sha256()
    for name, kind, digest in entries:
        combined.update(f"{name}\0{kind}\0{digest}\0".encode())
    return combined.hexdigest()


@dataclass
class Reuse:
    """The pieces an earlier load made (``kept``) and those this load made or reused (``made``:
    what the next load may reuse, as its ``kept``); ``digests`` holds the SHA-256 of each file
    read and ``listings`` the fingerprint of each folder listed (:meth:`listing`), which the
    caller may have begun to fill."""

    kept: dict[Key, object] = field(default_factory=dict)
    made: dict[Key, object] = field(default_factory=dict)
    digests: dict[Path, str] = field(default_factory=dict)
    listings: dict[Path, str] = field(default_factory=dict)

    def digest(self, paths: Iterable[Path]) -> str:
        """The fingerprint of some files, their names and contents (a missing file counts as
        missing), each file read once per load."""
        combined = hashlib.sha256()
        for path in paths:
            combined.update(f"{path}\0{file_digest(path, self.digests)}\0".encode())
        return combined.hexdigest()

    def listing(self, folder: Path) -> str:
        """The fingerprint of a folder's entries (:func:`listing_digest`), listed once per load."""
        found = self.listings.get(folder)
        if found is None:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
            found = listing_digest(
                (entry.name, kind, file_digest(Path(entry.path), self.digests))
                if (kind := entry_kind(entry)) == "file"
                else (entry.name, kind, "")
                for entry in entries
            )
            self.listings[folder] = found
        return found

    def load_whole(
        self, key: Key, make: Callable[[list[Problem]], T], problems: list[Problem]
    ) -> T:
        """:meth:`load` for a piece that ``make`` makes of pieces it loads with this reuse (a
        folder of notes): reused whole, with those pieces, while ``key`` is the same, without
        going through them; else made, its pieces reused one by one where they can be."""
        found = self.kept.get(key)
        if isinstance(found, Whole) and all(inner in self.kept for inner in found.pieces):
            self.made.update((inner, self.kept[inner]) for inner in found.pieces)
            self.made[key] = found
            return found.piece  # type: ignore[return-value]  # made by ``make`` for this key
        outer, self.made = self.made, {}
        before = len(problems)
        try:
            piece = make(problems)
        finally:
            inner, self.made = self.made, outer
            outer.update(inner)
        if len(problems) == before:
            outer[key] = Whole(piece, tuple(inner))
        return piece

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


@dataclass(frozen=True)
class Whole:
    """A piece made of pieces (:meth:`Reuse.load_whole`): it, and the keys of those pieces."""

    piece: object
    pieces: tuple[Key, ...]
