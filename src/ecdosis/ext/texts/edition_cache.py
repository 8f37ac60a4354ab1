"""The loaded edition, kept beside the build's doctrees and reused while its files are
unchanged: a rebuild after no change does not parse and check every text and annotation again,
and a rebuild after an edit reads again only the files the edit touched (and what is checked
against them: :mod:`ecdosis.model.reuse`).

The edition's key is the SHA-256 of every file under the sources and annotations folders (their
paths and contents; a file's own SHA-256 is taken from what the last build kept of it while the
file is unchanged: :mod:`ecdosis.ext.texts.file_stats`); the engine's key that of the engine's
own model and schemas. A new version of the engine loads everything afresh; an edit, added or
removed file loads the edition again from the pieces kept of the last load. Only an edition
without problems is kept, and only pieces made without problems.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from pathlib import Path

from ecdosis.ext.kept_files import read_kept_parts
from ecdosis.ext.texts.file_stats import FileStats, keep_stats, kept_stats, stat_of
from ecdosis.ext.texts.kept_parts import TextPart, read_edition, write_edition
from ecdosis.model.collector import collector_paused
from ecdosis.model.edition import Edition, load_edition
from ecdosis.model.problems import Problem
from ecdosis.model.reuse import FileDigests, Key, Reuse, entry_kind, listing_digest

CACHE = "ecdosis-edition.pickle"
_ENGINE = Path(__file__).resolve().parent.parent.parent  # the ecdosis package


Listings = dict[Path, str] | None
_NAME = attrgetter("name")


def _walk(
    folder: str,
    relative: str,
    digest_of: Callable[[os.DirEntry[str]], str],
    listings: Listings,
    out: list[str],
) -> None:
    """Add to ``out``, for every file under a folder (a folder's own files by name, then its
    folders' by name, but ``__pycache__``), its relative path and SHA-256 (``digest_of``),
    each followed by a NUL; a symbolic link, which is not followed, and a folder count as
    their kind (which a load may refuse there). The fingerprint of each folder's entries
    (:func:`listing_digest`) is added to ``listings``. (One function called once per folder,
    not a generator per level: an edition has thousands of files, and a build looks at every
    one.)"""
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=_NAME)
    shown, folders = [], []
    for entry in entries:
        kind = entry_kind(entry)
        found = digest_of(entry) if kind == "file" else ""
        shown.append((entry.name, kind, found))
        out.append(f"{relative}{entry.name}\0{found or kind}\0")
        if kind == "folder" and entry.name != "__pycache__":
            folders.append(entry)
    if listings is not None:
        listings[Path(folder)] = listing_digest(shown)
    for entry in folders:
        _walk(entry.path, f"{relative}{entry.name}/", digest_of, listings, out)


def _digest(
    roots: list[Path],
    digests: FileDigests,
    stats: FileStats | None = None,
    listings: Listings = None,
) -> str:
    """The SHA-256 of the paths and contents of every file under ``roots``, each file's own
    added to ``digests`` and each folder's listing to ``listings``; taken from ``stats`` where
    a file is unchanged since it was kept."""
    found_by = stats if stats is not None else FileStats()
    by_name = digests.by_name

    def digest_of(entry: os.DirEntry[str]) -> str:
        try:
            found = found_by.digest(entry.path, stat_of(entry.stat()))
        except OSError:
            found = "missing"
        by_name[entry.path] = found
        return found

    out: list[str] = []
    digest = hashlib.sha256()
    for root in roots:
        digest.update(os.fsencode(root))
        if not root.is_dir():
            continue
        out.clear()
        _walk(os.fspath(root), "", digest_of, listings, out)
        digest.update(os.fsencode("".join(out)))
    return digest.hexdigest()


@cache
def engine_key() -> str:
    """The fingerprint of the engine that reads the edition: its model and schemas."""
    return _digest([_ENGINE / "model", _ENGINE / "schemas"], FileDigests())


@cache
def package_key() -> str:
    """The fingerprint of the whole engine: its model, its extension, its theme and data."""
    return _digest([_ENGINE], FileDigests())


def inputs_key(
    *folders: Path,
    digests: FileDigests | None = None,
    stats: FileStats | None = None,
    listings: Listings = None,
) -> str:
    """The fingerprint of the edition's inputs and of the engine that reads them; the SHA-256
    of each file read is added to ``digests``, if given, and taken from ``stats`` (what the
    last build kept of each file) where the file is unchanged; the fingerprint of each
    folder's entries is added to ``listings``, if given."""
    inputs = _digest(
        list(folders), digests if digests is not None else FileDigests(), stats, listings
    )
    return hashlib.sha256(f"{inputs}\0{engine_key()}".encode()).hexdigest()


@dataclass(frozen=True)
class Outline:
    """What a build needs of the edition before it reads a page: each text's siglum and
    folder, in the corpus's order, and every language marked (the PDF hyphenates each). It
    is kept apart from the edition, so that a build after no change need not read the
    edition at all."""

    texts: tuple[tuple[str, Path], ...]
    languages: tuple[str, ...]

    @property
    def sigla(self) -> tuple[str, ...]:
        return tuple(siglum for siglum, _ in self.texts)


def outline_of(edition: Edition) -> Outline:
    return Outline(
        tuple((text.siglum, text.folder) for text in edition.corpus.texts), edition.languages
    )


@dataclass(frozen=True)
class Header:
    """The first part of the kept file: for which engine and inputs, and their outline."""

    engine: str
    key: str
    outline: Outline


@dataclass(frozen=True)
class Kept:
    """What a build keeps for the next: the edition loaded for ``key`` and the pieces of that
    load, for the engine of ``engine``, and each text's part as read (:mod:`.kept_parts`)."""

    engine: str
    key: str
    edition: Edition
    pieces: dict[Key, object]
    parts: dict[str, TextPart]


def _header(doctrees: Path) -> Header | None:
    """The first part of what the last build kept, for this engine, without the rest."""
    with collector_paused():
        found = read_kept_parts(doctrees / CACHE, 1)
    if found is None or not isinstance(found[0], Header) or found[0].engine != engine_key():
        return None
    return found[0]


def kept(doctrees: Path) -> Kept | None:
    """What the last build kept, for this engine; ``None`` if nothing or unreadable."""

    def this_engine(header: object) -> bool:
        return isinstance(header, Header) and header.engine == engine_key()

    with collector_paused():
        found = read_edition(doctrees / CACHE, this_engine)
    if found is None or not isinstance(found.header, Header):
        return None
    header = found.header
    return Kept(header.engine, header.key, found.edition, found.pieces, found.parts)


def kept_reuse(
    found: Kept | None,
    digests: dict[Path, str] | None = None,
    listings: dict[Path, str] | None = None,
) -> Reuse:
    """The pieces of the last load (``found``: :func:`kept`), to load the edition from after
    an edit, with the ``digests`` of the files already read and the ``listings`` of the folders
    already listed."""
    return Reuse(
        kept=found.pieces if found is not None else {},
        # ``is None``, not ``or``: digests found by a walk are an empty mapping until looked for
        digests=digests if digests is not None else {},
        listings=listings if listings is not None else {},
    )


def keep_edition(
    doctrees: Path,
    key: str,
    edition: Edition,
    reuse: Reuse,
    outline: Outline | None = None,
    previous: Kept | None = None,
) -> None:
    """Keep the edition and the pieces of its load for the next build (written whole, then
    moved into place), after their outline (found, if not given); each text's part that
    ``previous`` (what was read of the last build's) holds unchanged is written as read."""
    with collector_paused():
        header = Header(engine_key(), key, outline or outline_of(edition))
        parts = previous.parts if previous is not None else {}
        write_edition(doctrees / CACHE, header, edition, reuse.made, parts)


class InputsChanged(Exception):
    """The inputs changed while a build ran: the edition kept for them is gone, and loaded
    again it has ``problems``."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


class Loaded:
    """The edition as a build (or ``ecdosis check``) loaded it: ``problems`` if any, the key
    of its inputs, the SHA-256 of each input file read, the fingerprint of each folder's
    entries (:func:`~ecdosis.model.reuse.listing_digest`), and the edition's outline. The
    edition itself, when it was kept for the same inputs, is read from the kept file only
    when first asked for (:attr:`edition`)."""

    def __init__(
        self,
        outline: Outline,
        problems: list[Problem],
        key: str,
        digests: dict[Path, str],
        listings: dict[Path, str],
        edition: Edition | None,
        folders: tuple[Path, Path, Path],
    ) -> None:
        self.outline, self.problems, self.key, self.digests = outline, problems, key, digests
        self.listings = listings
        self._edition = edition
        self._folders = folders  # doctrees, sources, annotations

    @property
    def annotations(self) -> Path:
        """The folder of the annotations loaded."""
        return self._folders[2]

    @property
    def read(self) -> bool:
        """Whether the edition has been read (or loaded) yet."""
        return self._edition is not None

    @property
    def edition(self) -> Edition:
        """The edition; read from the kept file at the first call if it was kept.

        Raises :class:`InputsChanged` if the kept file no longer holds the edition of these
        inputs (another build replaced it) and loading it again finds problems."""
        if self._edition is None:
            doctrees, sources, annotations = self._folders
            found = kept(doctrees)
            if found is not None and found.key == self.key:
                self._edition = found.edition
            else:
                again = load_kept(doctrees, sources, annotations)
                if again.problems:
                    raise InputsChanged(again.problems)
                self._edition = again.edition
        return self._edition


def load_kept(doctrees: Path, sources: Path, annotations: Path, *, lazily: bool = False) -> Loaded:
    """The edition kept in ``doctrees`` if its inputs are unchanged (``lazily``: read from
    the kept file only when first asked for), else loaded again from the pieces kept there
    (and kept for the next load if it has no problems)."""
    digests = FileDigests()
    listings: dict[Path, str] = {}
    stats = kept_stats(doctrees)
    key = inputs_key(sources, annotations, digests=digests, stats=stats, listings=listings)
    folders = (doctrees, sources, annotations)
    header = _header(doctrees)
    if header is not None and header.key == key:
        found = None if lazily else kept(doctrees)
        if lazily or (found is not None and found.key == key):
            keep_stats(doctrees, stats)
            edition = found.edition if found is not None else None
            return Loaded(header.outline, [], key, digests, listings, edition, folders)
    found = kept(doctrees)
    reuse = kept_reuse(found, digests, listings)
    edition, problems = load_edition(sources, annotations, reuse)
    outline = outline_of(edition) if not problems else Outline((), ())
    if not problems:  # a refused input leaves nothing behind
        previous = found.edition if found is not None else None
        indexed = edition.indexed(digests, previous)
        keep_edition(doctrees, key, indexed, reuse, outline, found)
        keep_stats(doctrees, stats)
    return Loaded(outline, problems, key, digests, listings, edition, folders)
