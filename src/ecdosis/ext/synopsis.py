"""The synoptic comparison: ``{edition-synopsis}``, a table of the topics against the texts.

Each row is a topic: the passages of each text on it, quoted and linked to their paragraphs,
and beside them the documented record with its sources. On a page of print a row can be taller
than the page, and LaTeX cannot break a row of a table: the PDF sets each topic in turn
instead, its passages text by text, then the record (:class:`SynopsisForPrint`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ecdosis.ext.edition_page import EditionPage, passage_quote
from ecdosis.ext.tables import table
from ecdosis.model.topics import Topic

SYNOPSIS = "edition-synopsis"


class Synopsis(EditionPage):
    kind = "synopsis"

    def run(self) -> list[nodes.Node]:
        self.record()
        topics = self.edition.annotations.topics
        if not topics:
            return [nodes.paragraph("", "There are no topics of comparison yet.")]
        sigla = self.edition.corpus.sigla
        text_width = max(10, 60 // len(sigla))
        columns = [
            ("Topic", 12),
            *((siglum.upper(), text_width) for siglum in sigla),
            ("The documented record", 28),
        ]
        rows = [self.row(topic, sigla) for topic in topics]
        return [table(columns, rows, [SYNOPSIS, "longtable"])]

    def row(self, topic: Topic, sigla: tuple[str, ...]) -> list[nodes.Node]:
        head = nodes.paragraph("", "", classes=["synopsis-topic"])
        head += self.target(topic.anchor, topic.title)
        head += nodes.strong("", topic.title)
        cells: list[nodes.Node] = [head]
        for siglum in sigla:
            passages = [passage_quote(p) for p in topic.passages if p.siglum == siglum]
            cells.append(_cell(passages or [nodes.paragraph("", "—", classes=["no-passage"])]))
        cells.append(_cell(self.body(topic.body, topic.sources)))
        return cells


def _is_cell(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and "synopsis-cell" in node["classes"]


def _cell(content: Sequence[nodes.Element]) -> nodes.Node:
    if len(content) == 1:
        return content[0]
    box = nodes.container(classes=["synopsis-cell"])
    box.extend(content)
    return box


class SynopsisForPrint(SphinxPostTransform):
    """The PDF's synopsis: each topic in turn, not a row of a table (which LaTeX cannot break
    across pages, so that a long record ran off the page)."""

    default_priority = 400
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for synopsis in list(self.document.findall(nodes.table)):
            if SYNOPSIS in synopsis["classes"]:
                synopsis.replace_self(_topics(synopsis))


def _topics(synopsis: nodes.table) -> list[nodes.Element]:
    header, *rows = synopsis.findall(nodes.row)  # the column names, then a row per topic
    names = [entry.astext() for entry in header.findall(nodes.entry)]
    blocks: list[nodes.Element] = []
    for row in rows:
        cells = [list(entry.children) for entry in row.findall(nodes.entry)]
        topic = nodes.container(classes=["synopsis-topic-print"])
        topic.extend(cells[0])
        passages = nodes.bullet_list(bullet="-")
        for name, cell in zip(names[1:-1], cells[1:-1], strict=True):
            quotes = [q for node in cell for q in (node.children if _is_cell(node) else [node])]
            if any("no-passage" in q["classes"] for q in quotes if isinstance(q, nodes.Element)):
                continue
            item = nodes.list_item()
            item.extend(quotes)
            first = item.next_node(nodes.paragraph)
            if first is not None:  # "IG: “words”, IG ¶1"
                first[0:0] = [nodes.strong("", f"{name}:"), nodes.Text(" ")]
            passages += item
        topic += passages
        topic += nodes.paragraph("", "", nodes.emphasis("", f"{names[-1]}:"))
        topic.extend(cells[-1])
        blocks.append(topic)
    return blocks
