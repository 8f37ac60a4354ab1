"""The texts and the record: ``{edition-claims}``, every claim of the texts that a note
assesses (its ``assessment``), text by text, with the verdict, the words of the text, the note
and its sources; and a table that counts the verdicts of each text.

A text's section has the id ``claims-<siglum>``. The claims stand in the order of the text, each
an item of a list::

    table.edition-claims-counts          Text | supported | ... | unverified
    section.edition-claims#claims-<siglum>
        title                            the text's title and siglum
        paragraph                        "5 of the 16 notes assess a claim ..."
        bullet_list
            paragraph.claim              Verdict: “quoted words”, AB ¶1 (Note 3 on ¶1)
            paragraph.sources            Sources: ...

Each text's list is made when the page is written (:mod:`ecdosis.ext.written_late`).
"""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes

from ecdosis.ext.annotations.note_body import labelled, labelled_sources_line
from ecdosis.ext.annotations.xrefs import edition_reference
from ecdosis.ext.publication.tables import table
from ecdosis.ext.registries.edition_page import EditionPage, text_reference
from ecdosis.ext.written_late import late, maker
from ecdosis.model.annotations.notes import (
    ASSESSMENTS,
    Assessment,
    Note,
    assessment_counts,
    describe_assessments,
    verdict,
)
from ecdosis.model.texts.corpus import EditedText

SECTION = "edition-claims"


def claims_anchor(siglum: str) -> str:
    return f"claims-{siglum}"


class Claims(EditionPage):
    kind = "claims"

    def run(self) -> list[nodes.Node]:
        self.record()
        edition = self.edition
        texts = edition.corpus.texts
        notes = {text.siglum: edition.notes_on(text.siglum) for text in texts}
        if not any(n.assessment for group in notes.values() for n in group):
            return [nodes.paragraph("", "No note assesses a claim of the texts yet.")]
        columns = [("Text", 16), *((verdict.replace("-", " "), 14) for verdict in ASSESSMENTS)]
        rows = []
        for text in texts:
            counts = assessment_counts(notes[text.siglum])
            rows.append(
                [
                    nodes.paragraph(
                        "",
                        "",
                        nodes.reference(
                            "", text.siglum.upper(), internal=True, refid=claims_anchor(text.siglum)
                        ),
                    ),
                    *(nodes.Text(str(n)) for n in counts.values()),
                ]
            )
        result: list[nodes.Node] = [table(columns, rows, ["edition-claims-counts"])]
        result.extend(self.section(text, notes[text.siglum]) for text in texts)
        return result

    def section(self, text: EditedText, notes: tuple[Note, ...]) -> nodes.section:
        anchor = claims_anchor(text.siglum)
        section = nodes.section("", ids=[anchor], names=[anchor], classes=[SECTION])
        section += nodes.title("", f"{text.record.title} ({text.siglum.upper()})")
        self.state.document.note_explicit_target(section, section)
        line = nodes.paragraph("", "", text_reference(text), nodes.Text(". "))
        line += nodes.Text(describe_assessments(notes))
        section += line
        assessed = [note for note in notes if note.assessment]
        if assessed:
            section += late(CLAIMS, tuple(self.claim(note) for note in assessed))
        return section

    def claim(self, note: Note) -> Claim:
        assert note.assessment is not None
        sources = labelled(note.sources, self.edition.annotations.bibliography)
        return (note.assessment, note.quote, note.target, note.id, sources)


# A claim: the note's assessment, the words of the text, its paragraph, the note's id and its
# sources as (key, label).
Claim = tuple[Assessment, str, str, str, tuple[tuple[str, str], ...]]
CLAIMS = "claims"  # the maker of a text's list of claims, made when the page is written


def _claim_references(claims: tuple[Claim, ...]) -> Iterator[tuple[str, str]]:
    for _, _, target, note_id, _ in claims:
        yield "paragraph", target
        yield "note", note_id


@maker(CLAIMS, _claim_references)
def claims_list(claims: tuple[Claim, ...]) -> nodes.bullet_list:
    """A text's assessed claims, each with its verdict, its words, its paragraph and note, and
    the note's sources."""
    listing = nodes.bullet_list(classes=["edition-claims"])
    for assessment, quote, target, note_id, sources in claims:
        item = nodes.list_item()
        claim = nodes.paragraph("", "", classes=["claim"])
        claim += nodes.strong(
            "", verdict(assessment), classes=["assessment", f"assessment-{assessment}"]
        )
        claim += nodes.Text(": “")
        claim += nodes.emphasis("", quote)
        claim += nodes.Text("”, ")
        claim += edition_reference("paragraph", target, explicit=False)
        claim += nodes.Text(" (")
        claim += edition_reference("note", note_id, explicit=False)
        claim += nodes.Text(").")
        item += claim
        if sources:
            item += nodes.paragraph("", "", *labelled_sources_line(sources), classes=["sources"])
        listing += item
    return listing
