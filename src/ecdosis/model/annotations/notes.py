"""Editorial notes: one file per note under ``annotations/<siglum>/``, read as untrusted input.

A note file is YAML front matter, validated against the JSON Schema in
``ecdosis/schemas/note.schema.json``, and a body in a safe subset of MyST Markdown. A note is
anchored to a paragraph by an exact quote of that paragraph's reading text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, cast

from ecdosis.model.annotations.anchoring import Span, normalise
from ecdosis.model.annotations.entry_file import (
    check_day,
    check_file_name,
    check_source,
    read_body,
    read_front_matter,
)
from ecdosis.model.annotations.front_matter import FrontMatter
from ecdosis.model.annotations.note_body import NoteBody
from ecdosis.model.annotations.passages import locate
from ecdosis.model.fragments import fragment
from ecdosis.model.problems import Problem
from ecdosis.model.registries.bibliography import Bibliography
from ecdosis.model.texts.corpus import EditedText

#: The kinds of note (the schema's ``kind`` enumerates the same).
NoteKind = Literal["context", "correction", "translation", "textual", "crossref"]
KIND_LABELS: dict[NoteKind, str] = {
    "context": "Context",
    "correction": "Correction",
    "translation": "Translation",
    "textual": "Textual note",
    "crossref": "Cross-reference",
}
# How the record stands to the claim of the text a note is about (the note's ``assessment``),
# as a reader reads it.
Assessment = Literal["supported", "partly-supported", "contradicted", "disputed", "unverified"]
ASSESSMENTS: dict[Assessment, str] = {
    "supported": "supported by the record",
    "partly-supported": "partly supported by the record",
    "contradicted": "contradicted by the record",
    "disputed": "disputed: the sources differ",
    "unverified": "unverified: not found in the sources searched",
}
# The kinds of note that may assess a claim (a translation or a note on the witness's wording
# makes none), and the assessments a correction may give (it says the text is wrong).
ASSESSING_KINDS = frozenset({"context", "correction", "crossref"})
CORRECTION_ASSESSMENTS = frozenset({"contradicted", "partly-supported"})


@dataclass(frozen=True)
class Note:
    """One editorial note, anchored to a stretch of one paragraph."""

    id: str
    path: Path
    siglum: str
    target: str
    quote: str
    kind: NoteKind
    sources: tuple[str, ...]
    author: str
    date: str
    body: NoteBody
    span: Span  # the quote's place in the paragraph's normalised reading text
    assessment: Assessment | None = None
    verified: str | None = None  # when the note was last checked against its sources

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def assessment_label(self) -> str | None:
        return None if self.assessment is None else ASSESSMENTS[self.assessment]

    @property
    def verdict(self) -> str | None:
        """The assessment as it opens a sentence: "Supported by the record"."""
        return None if self.assessment is None else verdict(self.assessment)

    @property
    def anchor(self) -> str:
        return fragment("note", self.id)


def verdict(assessment: Assessment) -> str:
    """An assessment as it opens a sentence: "Contradicted by the record"."""
    label = ASSESSMENTS[assessment]
    return label[0].upper() + label[1:]


def assessment_counts(notes: Iterable[Note]) -> dict[Assessment, int]:
    """How many of ``notes`` give each assessment, in the order of :data:`ASSESSMENTS`."""
    counts = dict.fromkeys(ASSESSMENTS, 0)
    for note in notes:
        if note.assessment is not None:
            counts[note.assessment] += 1
    return counts


def describe_assessments(notes: Sequence[Note]) -> str:
    """ "5 of the 16 notes assess a claim of the text against the record: 2 supported,
    3 contradicted." (or that none does)."""
    counts = {verdict: n for verdict, n in assessment_counts(notes).items() if n}
    assessed = sum(counts.values())
    if not assessed:
        return "None of them assesses a claim of the text against the record."
    verdicts = ", ".join(f"{n} {verdict.replace('-', ' ')}" for verdict, n in counts.items())
    one = "assesses" if assessed == 1 else "assess"
    return (
        f"{assessed} of the {len(notes)} notes {one} a claim of the text against the record: "
        f"{verdicts}."
    )


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
    check_day(path, front, "date", problems)
    check_day(path, front, "verified", problems)
    _check_assessment(path, front, problems)
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
        kind=cast(NoteKind, data["kind"]),  # the schema enumerates the kinds
        sources=sources,
        author=" ".join(data["author"].split()),
        date=data["date"],
        body=body,
        span=span,
        assessment=cast("Assessment | None", data.get("assessment")),
        verified=data.get("verified"),
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


def _check_assessment(path: Path, front: FrontMatter, problems: list[Problem]) -> None:
    kind, assessment = front.data["kind"], front.data.get("assessment")
    if assessment is None:
        return
    line = front.line_of("assessment")
    if kind not in ASSESSING_KINDS:
        problems.append(
            Problem(
                path,
                line,
                f"a {kind} note assesses no claim of the text",
                "remove 'assessment', or make the note a context, correction or crossref note",
            )
        )
    elif kind == "correction" and assessment not in CORRECTION_ASSESSMENTS:
        problems.append(
            Problem(
                path,
                line,
                f"a correction says the record contradicts the text, not that it is {assessment}",
                "make the note a context note, or assess it contradicted or partly-supported",
            )
        )
    elif assessment == "contradicted" and kind != "correction":
        problems.append(
            Problem(
                path,
                line,
                f"a {kind} note says the record contradicts the text",
                "make it a correction (kind: correction)",
            )
        )
