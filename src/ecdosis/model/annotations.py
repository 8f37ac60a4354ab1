"""Everything under ``annotations/``: the notes on each text and the bibliography they cite."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ecdosis.model.bibliography import Bibliography, load_bibliography
from ecdosis.model.corpus import Corpus
from ecdosis.model.notes import Note, load_note
from ecdosis.model.problems import Problem

BIBLIOGRAPHY = "references.bib"
NOTE_SUFFIX = ".md"
# Files a folder of annotations may hold besides the notes.
KNOWN_FILES = frozenset({BIBLIOGRAPHY, "README.md"})


@dataclass(frozen=True)
class Annotations:
    folder: Path
    notes: tuple[Note, ...]
    bibliography: Bibliography

    def notes_on(self, siglum: str, corpus: Corpus) -> tuple[Note, ...]:
        """A text's notes in reading order: by paragraph, then where each quote ends."""
        order = {block.anchor: i for i, block in enumerate(corpus[siglum].reading_text.paragraphs)}
        notes = (note for note in self.notes if note.siglum == siglum)
        return tuple(sorted(notes, key=lambda n: (order[n.target], n.span.end, n.span.start, n.id)))

    @property
    def bibliography_path(self) -> Path:
        return self.folder / BIBLIOGRAPHY


def note_folder(annotations: Path, siglum: str) -> Path:
    return annotations / siglum


def load_annotations(folder: Path, corpus: Corpus) -> tuple[Annotations, list[Problem]]:
    """Read and check every note; all problems are returned (unsorted)."""
    problems: list[Problem] = []
    bibliography = load_bibliography(folder / BIBLIOGRAPHY, problems)
    notes: list[Note] = []
    if not folder.is_dir():
        return Annotations(folder, (), bibliography), problems
    sigla = set(corpus.sigla)
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        if entry.is_symlink():
            problems.append(_symlink(entry))
            continue
        if entry.is_dir():
            if entry.name not in sigla:
                problems.append(
                    Problem(
                        entry / "README",
                        1,
                        f"the folder annotations/{entry.name}/ is not named after a text",
                        "put notes in the folder named after their text's siglum: "
                        + ", ".join(corpus.sigla),
                    )
                )
                continue
            notes.extend(_load_folder(entry, corpus, bibliography, problems))
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
    return Annotations(folder, tuple(notes), bibliography), problems


def _load_folder(
    folder: Path, corpus: Corpus, bibliography: Bibliography, problems: list[Problem]
) -> list[Note]:
    text = corpus[folder.name]
    notes: list[Note] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_symlink():
            problems.append(_symlink(path))
            continue
        if not path.is_file() or path.suffix != NOTE_SUFFIX:
            problems.append(
                Problem(
                    path,
                    1,
                    "not a note file",
                    f"a note is a file <id>{NOTE_SUFFIX} directly in annotations/{folder.name}/",
                )
            )
            continue
        note = load_note(path, text, bibliography, problems)
        if note is not None:
            notes.append(note)
    return notes


def _symlink(path: Path) -> Problem:
    # A link could make the build read any file of the machine it runs on.
    return Problem(
        path,
        1,
        "a symbolic link under annotations/",
        "replace the link by the file itself",
    )
