"""What the edition's indexes hold of one text, made from that text and its notes alone.

The edition's indexes (its notes in reading order, their numbers, the order of its paragraphs,
what each reference shows, the fingerprint of each anchor, the languages marked) are each the
union of one text's part after another's. A load makes a text's part again only when the text
or its notes were read again: while their files are unchanged, it reuses the part of the last
load (:class:`~ecdosis.model.reuse.Reuse`), and what the part holds is all a build needs to
know of that text's notes, without looking at each of them again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ecdosis.model.annotations.anchoring import normalise
from ecdosis.model.annotations.note_body import Reference
from ecdosis.model.annotations.notes import Assessment, Note
from ecdosis.model.texts.corpus import EditedText, text_languages


@dataclass(frozen=True)
class ClaimRow:
    """What a list of a text's notes shows of one note, without its text."""

    id: str
    target: str
    quote: str
    assessment: Assessment | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class TextIndex:
    """One text's part of the edition's indexes: its paragraphs' anchors in order, its notes in
    reading order (:func:`reading_order`), the kind and content fingerprint of each of its
    anchors (paragraphs and notes, as the register of anchors records them), the languages
    marked in it and in its notes, the references written in its notes (each note that writes
    any, by its place in ``notes``), and the fingerprint of its notes as a list of them shows
    them (:func:`claim_rows`)."""

    text: EditedText
    anchors: tuple[str, ...]
    notes: tuple[Note, ...]
    contents: dict[str, tuple[str, str]]
    languages: frozenset[str]
    references: tuple[tuple[int, tuple[Reference, ...]], ...]
    claims: str

    @property
    def siglum(self) -> str:
        return self.text.siglum

    def written(self) -> Iterator[tuple[Note, tuple[Reference, ...]]]:
        """Each note that writes references, with them."""
        return ((self.notes[place], found) for place, found in self.references)


def reading_order(text: EditedText, notes: Iterable[Note]) -> tuple[Note, ...]:
    """A text's notes in reading order: by paragraph, then where each quote ends."""
    order = {block.anchor: i for i, block in enumerate(text.reading_text.paragraphs)}
    return tuple(sorted(notes, key=lambda n: (order[n.target], n.span.end, n.span.start, n.id)))


def text_index(text: EditedText, notes: Iterable[Note], digests: dict[Path, str]) -> TextIndex:
    """The part of the indexes of ``text`` with its ``notes``; each note file's fingerprint
    from its SHA-256 in ``digests`` (as the load read it) or read."""
    from ecdosis.model.publication.register import content_fingerprint, file_fingerprint

    ordered = reading_order(text, notes)
    paragraphs = text.reading_text.paragraphs
    contents = {
        block.anchor: ("paragraph", content_fingerprint(normalise(block.edition_text())))
        for block in paragraphs
    }
    contents.update(
        (note.anchor, ("note", file_fingerprint(note.path, digests))) for note in ordered
    )
    languages = set(text_languages(text))
    for note in ordered:
        languages |= note.body.languages
    return TextIndex(
        text=text,
        anchors=tuple(block.anchor for block in paragraphs),
        notes=ordered,
        contents=contents,
        languages=frozenset(languages),
        references=tuple(
            (place, note.body.references)
            for place, note in enumerate(ordered)
            if note.body.references
        ),
        claims=hashlib.sha256(repr(claim_rows(ordered)).encode("utf-8")).hexdigest(),
    )


def claim_rows(notes: Iterable[Note]) -> tuple[ClaimRow, ...]:
    """``notes`` as a list of them shows them (its place in the list is a note's number)."""
    return tuple(
        ClaimRow(note.id, note.target, note.quote, note.assessment, note.sources) for note in notes
    )
