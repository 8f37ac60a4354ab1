"""Editorial notes: one file per note under ``annotations/<siglum>/``, read as untrusted input.

A note file is YAML front matter, validated against the JSON Schema in
``ecdosis/schemas/note.schema.json``, and a body in a safe subset of MyST Markdown. A note is
anchored to a paragraph by an exact quote of that paragraph's reading text.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from ecdosis.model.anchoring import Span, normalise
from ecdosis.model.bibliography import Bibliography
from ecdosis.model.corpus import EditedText
from ecdosis.model.entry_file import check_file_name, check_source, read_body, read_front_matter
from ecdosis.model.front_matter import FrontMatter
from ecdosis.model.note_body import NoteBody
from ecdosis.model.passages import locate
from ecdosis.model.problems import Problem

KIND_LABELS = {
    "context": "Context",
    "correction": "Correction",
    "translation": "Translation",
    "textual": "Textual note",
    "crossref": "Cross-reference",
}


@dataclass(frozen=True)
class Note:
    """One editorial note, anchored to a stretch of one paragraph."""

    id: str
    path: Path
    siglum: str
    target: str
    quote: str
    kind: str
    sources: tuple[str, ...]
    author: str
    date: str
    body: NoteBody
    span: Span  # the quote's place in the paragraph's normalised reading text

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def anchor(self) -> str:
        return f"note-{self.id}"


def load_note(
    path: Path,
    text: EditedText,
    bibliography: Bibliography,
    problems: list[Problem],
) -> Note | None:
    """Read and check one note file of ``text``; ``None`` if anything is wrong with it."""
    front = read_front_matter(path, "note", problems)
    if front is None:
        return None
    found = len(problems)
    data = front.data
    note_id: str = data["id"]
    _check_identity(path, front, text, problems)
    _check_date(path, front, problems)
    span = locate(path, front, (), text, problems)
    sources = tuple(data.get("sources", ()))
    for key in sources:
        check_source(path, front.line_of("sources"), key, bibliography, problems)
    body = read_body(path, front, bibliography, problems, what="the note")
    if len(problems) > found or span is None or body is None:
        return None
    return Note(
        id=note_id,
        path=path,
        siglum=text.siglum,
        target=data["target"],
        quote=normalise(data["quote"]),
        kind=data["kind"],
        sources=sources,
        author=" ".join(data["author"].split()),
        date=data["date"],
        body=body,
        span=span,
    )


def _check_identity(
    path: Path, front: FrontMatter, text: EditedText, problems: list[Problem]
) -> None:
    note_id: str = front.data["id"]
    prefix = f"{text.siglum}-"
    if not note_id.startswith(prefix):
        problems.append(
            Problem(
                path,
                front.line_of("id"),
                f"the id {note_id!r} does not start with this text's siglum ({prefix})",
                f"name the note {prefix}…, or move it to the folder of its text",
            )
        )
    else:
        check_file_name(path, front, problems)


def _check_date(path: Path, front: FrontMatter, problems: list[Problem]) -> None:
    try:
        datetime.date.fromisoformat(front.data["date"])
    except ValueError:
        problems.append(
            Problem(
                path,
                front.line_of("date"),
                f"the date {front.data['date']!r} is not a real date",
                "write it as YYYY-MM-DD",
            )
        )
