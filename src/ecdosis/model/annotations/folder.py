"""Everything under ``annotations/``: the notes on each text, the bibliography they cite, and
the registries that connect the texts: entities, glossary, timeline, topics and key figures.

Layout: ``<siglum>/<id>.md`` (notes), ``entities/``, ``figures/``, ``glossary/``,
``timeline/``, ``topics/`` (one ``<id>.md`` per entry), ``references.bib``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from ecdosis.model.annotations.limits import (
    FILES_PER_FOLDER,
    NOTES_ON_THE_SAME_WORDS,
    NOTES_PER_PARAGRAPH,
)
from ecdosis.model.annotations.notes import Note, load_note
from ecdosis.model.problems import Problem
from ecdosis.model.registries.bibliography import Bibliography, load_bibliography
from ecdosis.model.registries.entities import Entity, load_entity
from ecdosis.model.registries.figures import Figure, load_figure
from ecdosis.model.registries.glossary import Term, load_term
from ecdosis.model.registries.timeline import Event, load_event
from ecdosis.model.registries.topics import Topic, load_topic
from ecdosis.model.reuse import Key, Reuse
from ecdosis.model.text_index import reading_order
from ecdosis.model.texts.corpus import Corpus, EditedText

BIBLIOGRAPHY = "references.bib"
NOTE_SUFFIX = ".md"
# Files a folder of annotations may hold besides the notes.
KNOWN_FILES = frozenset({BIBLIOGRAPHY, "README.md"})
# The folders of the registries, and what a file in each holds.
REGISTRIES = {
    "entities": "an entity",
    "figures": "a key figure",
    "glossary": "a glossary term",
    "timeline": "an event of the timeline",
    "topics": "a topic of comparison",
}
_Loader = Callable[[Path, Corpus, Bibliography, list[Problem]], Any]


@dataclass(frozen=True)
class Annotations:
    folder: Path
    notes: tuple[Note, ...]
    bibliography: Bibliography
    entities: tuple[Entity, ...] = ()
    terms: tuple[Term, ...] = ()
    events: tuple[Event, ...] = ()
    topics: tuple[Topic, ...] = ()
    figures: tuple[Figure, ...] = ()

    def notes_on(
        self, siglum: str, corpus: Corpus, notes: Iterable[Note] | None = None
    ) -> tuple[Note, ...]:
        """A text's notes in reading order: by paragraph, then where each quote ends (of
        ``notes``, if given, which are the text's)."""
        mine = (note for note in self.notes if note.siglum == siglum) if notes is None else notes
        return reading_order(corpus[siglum], mine)

    @property
    def bibliography_path(self) -> Path:
        return self.folder / BIBLIOGRAPHY


def note_folder(annotations: Path, siglum: str) -> Path:
    return annotations / siglum


def load_annotations(
    folder: Path, corpus: Corpus, reuse: Reuse | None = None
) -> tuple[Annotations, list[Problem]]:
    """Read and check every note and entry (each reused from ``reuse`` if it and what it is
    checked against are unchanged); all problems are returned (unsorted)."""
    reuse = reuse if reuse is not None else Reuse()
    problems: list[Problem] = []
    bibliography_digest = reuse.digest([folder / BIBLIOGRAPHY])
    bibliography = reuse.load(
        ("bibliography", bibliography_digest),
        partial(load_bibliography, folder / BIBLIOGRAPHY),
        problems,
    )
    # What an entry of a registry is checked against: its passages against every text, its
    # citations against the bibliography.
    against = (reuse.digest(p for text in corpus.texts for p in text.files), bibliography_digest)
    notes: list[Note] = []
    if not folder.is_dir():
        return Annotations(folder, (), bibliography), problems
    sigla = set(corpus.sigla)
    registries: dict[str, list[Any]] = {name: [] for name in REGISTRIES}
    loaders: dict[str, _Loader] = {
        "entities": load_entity,
        "figures": load_figure,
        "glossary": load_term,
        "timeline": load_event,
        "topics": load_topic,
    }
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            problems.append(_symlink(entry))
            continue
        if entry.is_dir() and entry.name in REGISTRIES:
            load = loaders[entry.name]
            registries[entry.name] = [
                loaded
                for path in _entry_files(entry, REGISTRIES[entry.name], problems)
                if (
                    loaded := reuse.load(
                        (entry.name, reuse.digest([path]), *against),
                        partial(load, path, corpus, bibliography),
                        problems,
                    )
                )
            ]
        elif entry.is_dir():
            if entry.name not in sigla:
                problems.append(
                    Problem(
                        next(iter(sorted(entry.iterdir())), entry),
                        1,
                        f"the folder annotations/{entry.name}/ is not named after a text",
                        "put notes in the folder named after their text's siglum: "
                        + (", ".join(corpus.sigla) or "the edition has no texts yet"),
                    )
                )
                continue
            text = corpus[entry.name]
            checked_against = (reuse.digest(text.files), bibliography_digest)
            notes.extend(
                reuse.load_whole(
                    ("notes", *notes_key(reuse, entry, text, bibliography_digest)),
                    partial(_load_folder, entry, text, bibliography, checked_against, reuse),
                    problems,
                )
            )
        elif entry.name not in KNOWN_FILES:
            problems.append(
                Problem(
                    entry,
                    1,
                    "a file directly under annotations/ that the edition does not use",
                    f"put a note in annotations/<siglum>/, e.g. annotations/{corpus.sigla[0]}/"
                    if corpus.sigla
                    else "put a note in annotations/<siglum>/",
                )
            )
    loaded = Annotations(
        folder,
        tuple(notes),
        bibliography,
        entities=tuple(registries["entities"]),
        terms=tuple(registries["glossary"]),
        events=tuple(sorted(registries["timeline"], key=lambda e: (e.date, e.end, e.id))),
        topics=tuple(sorted(registries["topics"], key=lambda t: (t.order, t.id))),
        figures=tuple(sorted(registries["figures"], key=lambda f: f.id)),
    )
    return loaded, problems


def notes_key(reuse: Reuse, folder: Path, text: EditedText, bibliography: str) -> Key:
    """What a text's notes are made from: their folder, its listing (each file's name and
    contents; nothing if there is no folder), the text's files and the bibliography (its
    fingerprint, ``bibliography``). A piece made of the notes and nothing else is reused under
    it while they are."""
    listing = reuse.listing(folder) if folder.is_dir() else ""
    return (str(folder), listing, reuse.digest(text.files), bibliography)


def _entry_files(folder: Path, what: str, problems: list[Problem]) -> list[Path]:
    """The ``<id>.md`` files of a folder; anything else there is reported."""
    paths: list[Path] = []
    with os.scandir(folder) as listing:  # each entry knows its type: no call per file
        entries = sorted(listing, key=lambda entry: entry.name)
    files = [Path(entry.path) for entry in entries]
    if len(files) > FILES_PER_FOLDER:
        problems.append(
            Problem(
                files[FILES_PER_FOLDER],
                1,
                f"annotations/{folder.name}/ holds {len(files)} files, more than the "
                f"{FILES_PER_FOLDER} a folder may hold",
                "this many files is a mistake (or an attack): commit the files meant",
            )
        )
        return paths
    for entry, path in zip(entries, files, strict=True):
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            problems.append(_symlink(path))
        elif not entry.is_file() or path.suffix != NOTE_SUFFIX:
            problems.append(
                Problem(
                    path,
                    1,
                    f"not {what} file",
                    f"{what} is a file <id>{NOTE_SUFFIX} directly in annotations/{folder.name}/",
                )
            )
        else:
            paths.append(path)
    return paths


def _load_folder(
    folder: Path,
    text: EditedText,
    bibliography: Bibliography,
    checked_against: tuple[str, str],
    reuse: Reuse,
    problems: list[Problem],
) -> tuple[Note, ...]:
    """The notes on one text, each checked against the text and the bibliography (whose
    fingerprints are ``checked_against``)."""
    notes: list[Note] = []
    for path in _entry_files(folder, "a note", problems):
        note = reuse.load(
            ("note", reuse.digest([path]), *checked_against),
            partial(load_note, path, text, bibliography),
            problems,
        )
        if note is not None:
            notes.append(note)
    _check_crowding(notes, problems)
    return tuple(notes)


def _check_crowding(notes: list[Note], problems: list[Problem]) -> None:
    """A paragraph holds at most so many notes, and at most so many on the same words: each
    note's quote is wrapped around the others' in every output. (Checked for one text's notes
    at a time: a note is on a paragraph of its own text.)"""
    by_paragraph: dict[str, list[Note]] = {}
    for note in notes:
        by_paragraph.setdefault(note.target, []).append(note)
    for target, group in sorted(by_paragraph.items()):
        ordered = sorted(group, key=lambda n: (n.span.start, n.span.end, n.id))
        for note in ordered[NOTES_PER_PARAGRAPH:]:
            problems.append(
                Problem(
                    note.path,
                    1,
                    f"{target} has {len(group)} notes, more than the {NOTES_PER_PARAGRAPH} a "
                    "paragraph may hold",
                    "join notes on the same words, or attach this one to another paragraph",
                )
            )
        open_ends: list[int] = []
        for note in ordered:
            open_ends = [end for end in open_ends if end > note.span.start]
            if len(open_ends) >= NOTES_ON_THE_SAME_WORDS:
                problems.append(
                    Problem(
                        note.path,
                        1,
                        f"more than {NOTES_ON_THE_SAME_WORDS} notes on the same words of {target}",
                        "join this note with another on these words, or quote other words",
                    )
                )
            else:
                open_ends.append(note.span.end)


def _symlink(path: Path) -> Problem:
    # A link could make the build read any file of the machine it runs on.
    return Problem(
        path,
        1,
        "a symbolic link under annotations/",
        "replace the link by the file itself",
    )
