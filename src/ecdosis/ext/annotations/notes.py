"""Editorial notes in the reading text: the quote marked, a note mark, the note as a footnote.

Notes are real docutils footnotes, numbered in reading order, so that every builder renders them
with its own machinery: page-bottom footnotes in LaTeX, footnotes in EPUB. The HTML builder turns
them into sidenotes (:mod:`ecdosis.ext.annotations.sidenotes`). A note's number is the edition's
(:meth:`~ecdosis.model.edition.Edition.note_number`), carried by its footnote and its mark as
``note_number``.

Each note ends with its permalink, a link to its permanent address (``#note-<id>``) that reads
as the note is named in citations, "Note 3 on ¶1": the note's number in its text and its
paragraph. In the PDF, whose footnotes are numbered through the whole book, this is also where
a reader finds the number by which the note is cited.
"""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes

from ecdosis.ext.annotations.note_body import (
    body_nodes,
    body_references,
    cited_labels,
    labelled,
    labelled_sources_line,
    source_reference,
)
from ecdosis.ext.annotations.spans import wrap_span
from ecdosis.ext.nodes import note_quote, paragraph_number
from ecdosis.ext.publication.tables import table
from ecdosis.ext.texts.reading_text import paragraph_label
from ecdosis.ext.written_late import late, maker, no_references
from ecdosis.model.annotations.note_body import BodyBlock
from ecdosis.model.annotations.notes import Note, describe_assessments
from ecdosis.model.edition import Edition
from ecdosis.model.publication.citing import note_name
from ecdosis.model.registries.bibliography import Bibliography

NOTE_CLASS = "edition-note"
MARK_CLASS = "edition-note-mark"
_COLUMNS = (("No.", 8), ("¶", 9), ("Words", 39), ("Kind", 15), ("Sources", 29))


def mark_id(note: Note) -> str:
    return f"notemark-{note.id}"


def attach_notes(
    document: nodes.document,
    paragraph: nodes.paragraph,
    notes: tuple[Note, ...],
    edition: Edition,
) -> list[nodes.footnote]:
    """Mark each note's quote in the paragraph and return the notes' footnotes, in order.

    ``notes`` are this paragraph's notes in reading order. Each is named by its number in the
    edition; the footnotes are registered in that order too, so that the number docutils gives
    each (which the EPUB shows at its mark; the PDF numbers footnotes through the book) is the
    same on a text's page, which has no footnotes but its notes.
    """
    (number,) = (node["number"] for node in paragraph.findall(paragraph_number))
    footnotes = []
    for note in notes:
        note_number = edition.note_number(note)
        mark = _mark_quote(paragraph, note)
        mark["note_number"] = note_number
        document.note_autofootnote_ref(mark)
        document.note_footnote_ref(mark)
        footnote = note_footnote(note, edition.annotations.bibliography, note_number, number)
        document.note_autofootnote(footnote)
        document.note_explicit_target(footnote, footnote)
        footnotes.append(footnote)
    return footnotes


def note_footnote(
    note: Note, bibliography: Bibliography, number: int, paragraph: int
) -> nodes.footnote:
    """The note itself: its kind, its text, its sources, its author and its permalink, which
    reads as the note is named ("Note 3 on ¶1": its ``number``, on ``paragraph``)."""
    footnote = nodes.footnote(
        "",
        auto=1,
        names=[note.anchor],
        classes=[NOTE_CLASS, f"edition-note-{note.kind}"],
        note_number=number,
    )
    checked = f"; verified {note.verified}" if note.verified else ""
    text: NoteText = (
        note.kind_label,
        note.verdict or "",
        note.assessment or "",
        note.body.blocks,
        cited_labels(note.body.blocks, bibliography),
        labelled(note.sources, bibliography),
        f"{note.author}, {note.date}{checked}.",
        note_name(number, paragraph, capital=True),
        note.anchor,
        f"Link to this note ({note.siglum.upper()}, {note_name(number, paragraph)})",
    )
    footnote += late(NOTE_TEXT, text)
    return footnote


# What a note's footnote shows, as data: its kind's label, its verdict and assessment ("" for
# none), its text's blocks with the labels of the works they cite, its sources as (key, label),
# its author and dates, and its permalink's text, target and title.
NoteText = tuple[
    str,
    str,
    str,
    tuple[BodyBlock, ...],
    dict[str, str],
    tuple[tuple[str, str], ...],
    str,
    str,
    str,
    str,
]
NOTE_TEXT = "note text"  # the maker of a note's footnote's content, made when it is written


def _note_references(text: NoteText) -> Iterator[tuple[str, str]]:
    return body_references(text[3])


@maker(NOTE_TEXT, _note_references)
def note_text(text: NoteText) -> list[nodes.Element]:
    """The note's kind and verdict, its text, then its sources, author and permalink."""
    kind_label, verdict, assessment, body, labels, sources, signed, name, anchor, title = text
    kind = nodes.inline("", "", classes=["note-kind"])
    kind += nodes.strong("", f"{kind_label}.")
    if verdict:
        # how the record stands to the claim the note is about, before the evidence
        kind += nodes.Text(" ")
        kind += nodes.emphasis(
            "", f"{verdict}.", classes=["note-assessment", f"assessment-{assessment}"]
        )
    blocks = body_nodes(body, labels)
    if blocks and isinstance(blocks[0], nodes.paragraph):
        blocks[0].insert(0, nodes.Text(" "))
        blocks[0].insert(0, kind)
    else:
        blocks.insert(0, nodes.paragraph("", "", kind))
    meta = nodes.paragraph("", "", classes=["note-meta"])
    meta.extend(labelled_sources_line(sources))
    meta += nodes.inline("", signed, classes=["note-author"])
    meta += nodes.Text(" ")
    meta += nodes.reference(
        "", name, internal=True, refid=anchor, reftitle=title, classes=["note-permalink"]
    )
    blocks.append(meta)
    return blocks


def notes_section(
    siglum: str, notes: tuple[Note, ...], numbers: dict[str, int], edition: Edition
) -> nodes.section:
    """The list of a text's notes in the apparatus, each linking to the note and its paragraph
    (``numbers``: the number of each paragraph, by its anchor)."""
    section = nodes.section("", ids=[f"{siglum}-notes"], names=[f"{siglum}-notes"])
    section += nodes.title("", "Editorial notes")
    if not notes:
        section += nodes.paragraph("", "There are no editorial notes on this text yet.")
        return section
    section += nodes.paragraph(
        "",
        f"The {len(notes)} notes on this text, in the order of the text. Each number links "
        "to the note, each paragraph to its place in the reading text. "
        + describe_assessments(notes),
    )
    bibliography = edition.annotations.bibliography
    rows = tuple(_row(note, numbers, edition.note_number(note), bibliography) for note in notes)
    section += late(NOTES_TABLE, rows)
    return section


# A row of the table: the note's anchor and number, its paragraph's label and anchor, its words,
# its kind, and its sources as (key, label).
Row = tuple[str, int, str, str, str, str, tuple[tuple[str, str], ...]]
NOTES_TABLE = "notes table"  # the maker of the table, made when its page is written


def _row(note: Note, numbers: dict[str, int], index: int, bibliography: Bibliography) -> Row:
    kind = note.kind_label
    if note.assessment:
        kind += f" ({note.assessment.replace('-', ' ')})"
    place = paragraph_label(note.siglum, numbers[note.target])
    sources = labelled(note.sources, bibliography)
    return (note.anchor, index, place, note.target, note.quote, kind, sources)


@maker(NOTES_TABLE, no_references)  # its links are within the page, and to sources
def notes_table(rows: tuple[Row, ...]) -> nodes.table:
    """The table of the notes: each number links to the note, each paragraph to its place."""
    return table(_COLUMNS, (_cells(*row) for row in rows), ["edition-notes", "longtable"])


def _cells(
    anchor: str,
    index: int,
    place: str,
    target: str,
    quote: str,
    kind: str,
    sources: tuple[tuple[str, str], ...],
) -> list[nodes.Node]:
    number = nodes.paragraph("", "")
    number += nodes.reference("", str(index), internal=True, refid=anchor)
    where = nodes.paragraph("", "")
    where += nodes.reference("", place, internal=True, refid=target)
    words = nodes.paragraph("", "")
    words += nodes.emphasis("", quote)
    listed = nodes.paragraph("", "")
    for position, (key, label) in enumerate(sources):
        if position:
            listed += nodes.Text("; ")
        listed += source_reference(key, label)
    if not sources:
        listed += nodes.Text("—")
    return [number, where, words, nodes.paragraph("", kind), listed]


def _mark_quote(paragraph: nodes.paragraph, note: Note) -> nodes.footnote_reference:
    """Wrap the quoted words in ``note_quote`` nodes and put the note's mark after them."""
    wrappers = wrap_span(paragraph, note.span, lambda words: note_quote("", words, note=note.id))
    last_wrapper = wrappers[-1]
    mark = nodes.footnote_reference(
        "", auto=1, refname=note.anchor, ids=[mark_id(note)], classes=[MARK_CLASS]
    )
    # A mark cannot stand inside a link (an intervention) or a foreign-language span.
    # Nor inside the quote of another note that ends at the same place: its mark comes first.
    after: nodes.Element = last_wrapper
    while not isinstance(after.parent, nodes.paragraph) and (
        not isinstance(after.parent, note_quote) or after.parent[-1] is after
    ):
        after = after.parent
    parent = after.parent
    position = parent.index(after) + 1
    while position < len(parent) and isinstance(parent[position], nodes.footnote_reference):
        position += 1
    parent.insert(position, mark)
    return mark
