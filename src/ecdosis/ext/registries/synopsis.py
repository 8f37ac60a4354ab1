"""The synoptic comparison: ``{edition-synopsis}``, one section per topic.

A topic's section has the topic's anchor (``topic-<id>``) as its id and its title as heading.
Under it, what the texts say: a definition list with a term per text (its siglum, in the order
of the corpus) and the text's passages, each quoted and linked to its paragraph; then the texts
that say nothing on it, named in a sentence; then the documented record with its sources::

    section.synopsis-topic#topic-<id>
        title
        container.synopsis-comparison
            container.synopsis-texts
                paragraph.synopsis-label         "What the texts say"
                definition_list.synopsis-passages
                    term "AB" / definition: paragraph.passage ...
                paragraph.synopsis-silent        "EF says nothing on this topic."
            container.synopsis-record
                paragraph.synopsis-label         "The documented record"
                the record's blocks, paragraph.sources

Only sections, containers, paragraphs and a definition list: every builder sets them as
running text, which breaks across pages and fits any width, so no format can lose the end of a
record (as a table's row taller than a page did in the PDF). The texts and the record stand one
after the other; the screen's style sheet sets them side by side where the page is wide enough
(``ecdosis-screen.css``). The PDF has no style sheet, so :class:`SynopsisForPrint` marks its
labels by type and runs each text's passages on after its siglum.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ecdosis.ext.registries.edition_page import EditionPage, passage_quote
from ecdosis.model.registries.topics import Topic

TOPIC = "synopsis-topic"
PASSAGES = "synopsis-passages"
LABEL = "synopsis-label"
TEXTS_LABEL = "What the texts say"
RECORD_LABEL = "The documented record"


class Synopsis(EditionPage):
    kind = "synopsis"

    def run(self) -> list[nodes.Node]:
        self.record()
        topics = self.edition.annotations.topics
        if not topics:
            return [nodes.paragraph("", "There are no topics of comparison yet.")]
        return [self.section(topic) for topic in topics]

    def section(self, topic: Topic) -> nodes.section:
        section = nodes.section("", ids=[topic.anchor], names=[topic.anchor], classes=[TOPIC])
        section += nodes.title("", topic.title)
        # An explicit target: the label's only id is the topic's anchor, and the standard
        # domain registers it with the heading as its title (what references to it show).
        self.state.document.note_explicit_target(section, section)
        comparison = nodes.container(classes=["synopsis-comparison"])
        comparison += self.texts(topic)
        record = nodes.container(classes=["synopsis-record"])
        record += _label(RECORD_LABEL)
        record.extend(self.body(topic.body, topic.sources))
        comparison += record
        section += comparison
        return section

    def texts(self, topic: Topic) -> nodes.container:
        box = nodes.container(classes=["synopsis-texts"])
        box += _label(TEXTS_LABEL)
        listing = nodes.definition_list(classes=[PASSAGES])
        silent = []
        for siglum, passages in topic.by_text(self.edition.corpus.sigla):
            if not passages:
                silent.append(siglum.upper())
                continue
            item = nodes.definition_list_item()
            item += nodes.term("", siglum.upper())
            definition = nodes.definition()
            definition.extend(passage_quote(passage) for passage in passages)
            item += definition
            listing += item
        box += listing
        if silent:
            verb = "says" if len(silent) == 1 else "say"
            sentence = f"{_joined(silent)} {verb} nothing on this topic."
            box += nodes.paragraph("", sentence, classes=["synopsis-silent"])
        return box


def _label(text: str) -> nodes.paragraph:
    return nodes.paragraph("", text, classes=[LABEL])


def _joined(names: list[str]) -> str:
    """ "AB", "AB and EF", "AB, CD and EF"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


class SynopsisForPrint(SphinxPostTransform):
    """The PDF's synopsis, which no style sheet sets: the labels in italics with a colon, and
    each text's passages in one paragraph after its siglum ("AB: “…”, AB ¶1; “…”, AB ¶3")
    rather than a list that gives each siglum a line of its own."""

    default_priority = 400
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for section in list(self.document.findall(nodes.section)):
            if TOPIC not in section["classes"]:
                continue
            for label in list(section.findall(nodes.paragraph)):
                if LABEL in label["classes"]:
                    text = label.astext()
                    label.children = []
                    label += nodes.emphasis("", f"{text}:")
                    # a label never stands alone at the foot of a page
                    keep = nodes.raw("", "\\nopagebreak\n", format="latex")
                    label.parent.insert(label.parent.index(label) + 1, keep)
            for listing in list(section.findall(nodes.definition_list)):
                if PASSAGES in listing["classes"]:
                    listing.replace_self(_run_on(listing))


def _run_on(listing: nodes.definition_list) -> list[nodes.paragraph]:
    lines = []
    for item in listing.children:
        term, definition = item.children
        line = nodes.paragraph("", "", classes=["synopsis-text"])
        line += nodes.strong("", f"{term.astext()}:")
        line += nodes.Text(" ")
        for index, passage in enumerate(definition.children):
            if index:
                line += nodes.Text("; ")
            line.extend(passage.children)
        lines.append(line)
    return lines
